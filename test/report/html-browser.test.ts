// The functions given to page.evaluate run in the browser, on its DOM.
/// <reference lib="dom" />
// The HTML report in a real browser (Debian's chromium driven by playwright-core): it renders, its filters
// work, nothing logs an error, and transcript markup never runs. Keeps a screenshot in test-artifacts/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers.js';
import { demoFolder } from './demo-calls.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  console.warn(`html-browser tests skipped: no chromium at ${CHROMIUM}; install it with scripts/install-system-deps.sh (CI does)`);
}

describe.skipIf(!hasChromium)('HTML report in chromium', () => {
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const folder = demoFolder();
    const run = runCli(['calls', '-f', 'html:report.html', '--group-by', 'agent=path:calls/([^/]+)/'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    browser = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
    await page.goto(pathToFileURL(join(folder, 'report.html')).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const shown = (): Promise<string[]> => page.locator('.call:not([hidden]) .path').allInnerTexts();

  it('renders the overview and every call, worst first, without errors or network', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    expect(await page.locator('h1').innerText()).toBe('Call quality report');
    expect(await page.locator('.bar-row').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.dist rect').count()).toBe(5);
    expect(await page.locator('tr[data-set-group] td:nth-child(2)').allInnerTexts()).toEqual(['王芳', '李强', '张敏']);
    expect((await shown())[0]).toBe('calls/王芳/0101.txt');
    expect(await page.locator('#f-count').innerText()).toBe('6 / 6 calls shown');
    expect(problems).toEqual([]);
  });

  it('shows transcript markup as text and never runs it', async () => {
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    const line = page.locator('.call', { hasText: '0202.txt' }).locator('.line').nth(1);
    expect(await line.innerText()).toContain('<script>window.pwned = true</script>');
    expect(await page.locator('.transcript img, .transcript script').count()).toBe(0);
  });

  it('highlights each problem in place, marks speakers, and links the problem list to its note', async () => {
    const call = page.locator('.call', { hasText: '0101.txt' });
    expect(await call.locator('mark[data-rule="qa/no-evasion"]').innerText()).toBe('不知道');
    expect(await call.locator('.line.agent .who').first().innerText()).toBe('客服');
    expect(await call.locator('.line.customer .who').first().innerText()).toBe('客户');
    const note = call.locator('.note[data-rule="qa/no-evasion"]');
    expect(await note.innerText()).toContain('我先帮您咨询一下');
    expect(await call.locator('.failed').innerText()).toBe('FAILED');
  });

  it('filters by rule, severity, group and search', async () => {
    await page.selectOption('#f-rule', 'qa/no-evasion');
    expect(await shown()).toEqual(['calls/王芳/0101.txt', 'calls/王芳/0102.txt']);
    expect(await page.locator('.call:not([hidden]) li:not(.off)').count()).toBe(2);
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-severity', 'warning');
    expect(await shown()).toEqual(['calls/王芳/0101.txt', 'calls/王芳/0102.txt']);
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-group', '李强');
    expect(await shown()).toEqual(['calls/李强/0202.txt', 'calls/李强/0201.txt']);
    await page.selectOption('#f-group', '');
    await page.fill('#f-search', '发票');
    await expect.poll(shown).toEqual(['calls/张敏/0302.txt']); // the search waits for a pause in typing
    expect(await page.locator('#no-calls').isHidden()).toBe(true);
    await page.fill('#f-search', '没有这句话');
    await expect.poll(shown).toEqual([]);
    expect(await page.locator('#no-calls').isVisible()).toBe(true);
    await page.click('#f-reset');
    expect((await shown()).length).toBe(6);
  });

  it('clicking a norm in the chart filters the calls to it', async () => {
    await page.click('.bar-row[data-set-rule="qa/no-hangup-threat"]');
    expect(await page.inputValue('#f-rule')).toBe('qa/no-hangup-threat');
    expect(await shown()).toEqual(['calls/王芳/0101.txt']);
    await page.click('#f-reset');
    expect(problems).toEqual([]);
  });
});
