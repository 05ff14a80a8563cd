// The functions given to page.evaluate run in the browser, on its DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The HTML report in Chromium for every transcript format it shows, at a desktop and a phone width: WebVTT, SRT
// and JSON calls read as turns with speakers (no cue markup, no timing lines), and nothing is wider than the page.
// Screenshots are kept in test-artifacts/ to look at.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Calls of every format, and agents with long names whose calls break norms with long messages. */
function folder(): string {
  const cwd = tempDir();
  cpSync(join(ROOT, 'fixtures', 'formats'), join(cwd, 'calls', 'formats'), { recursive: true });
  const agents = ['欧阳明珠（华东区二组·夜班）', 'Alexandra Konstantinopoulou-Smith'];
  const bad = readdirSync(join(ROOT, 'fixtures', 'zh')).filter((f) => f.startsWith('bad-call')).slice(0, 4);
  bad.forEach((file, i) => cpSync(join(ROOT, 'fixtures', 'zh', file), join(cwd, 'calls', agents[i % 2], file)));
  return cwd;
}

describe.skipIf(!existsSync(CHROMIUM))('HTML report: every format, desktop and phone widths', () => {
  let browser: BrowserContext;
  let page: Page;
  let report: string;

  beforeAll(async () => {
    const cwd = folder();
    const run = runCli(['calls', '-c', 'calls/formats/transcript-lint.yaml', '-f', 'html:report.html', '--group-by', 'agent=path:calls/([^/]+)/'], { cwd });
    expect(run.status).toBe(1);
    report = pathToFileURL(join(cwd, 'report.html')).href;
    browser = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  const call = (name: string) => page.locator('.call', { has: page.locator('.path', { hasText: name }) });

  it('shows WebVTT, SRT and JSON calls as turns with speakers, without cue markup or timing lines', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(report);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    for (const name of ['call.vtt', 'call.srt', 'whisper.json', 'speaker-list.json', 'alibaba-dialogue.json', 'amazon-call-analytics.json']) {
      const shown = call(name);
      const text = await shown.locator('.transcript').innerText();
      expect(text, name).not.toContain('<v ');
      expect([name, /-->|<\/?v\b|"text"|\{/.test(text)]).toEqual([name, false]);
      const who = await shown.locator('.line .who').allInnerTexts();
      expect([name, who.length > 1]).toEqual([name, true]);
      expect([name, who.every((w) => !/^\d+$/.test(w))]).toEqual([name, true]);
    }
    const vtt = call('call.vtt');
    expect(await vtt.locator('.line.agent .who').first().innerText()).toBe('客服');
    expect(await vtt.locator('.line.customer .who').first().innerText()).toBe('客户');
    expect(await vtt.locator('mark[data-rule="zh-callcenter/banned-bu-zhidao"]').innerText()).toBe('不知道');
  });

  for (const width of [1280, 390]) {
    it(`nothing is wider than the page at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(report);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `html-formats-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => {
        const wide: string[] = [];
        if (document.documentElement.scrollWidth > window.innerWidth) wide.push(`page ${document.documentElement.scrollWidth}px`);
        for (const el of document.querySelectorAll<HTMLElement>('.card, .kpi, table, .call, .transcript, .filters')) {
          if (el.scrollWidth > el.clientWidth + 1) wide.push(`${el.className || el.tagName} ${el.scrollWidth}px > ${el.clientWidth}px`);
        }
        return wide;
      });
      expect(overflow).toEqual([]);
    });
  }
});
