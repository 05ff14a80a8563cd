// The HTML report, for a team lead who will not read terminal output: one self-contained file (no network, no
// CDN) with an overview — the norms broken most, the score distribution, groups (agents) ranked lowest score
// first — and every call with problems: its transcript, speakers marked, each problem highlighted in place with
// its message and the wording to use. Filters by rule, severity and group, and a search. Every piece of
// transcript text is escaped, and a Content-Security-Policy lets only the report's own script run.
import { createHash } from 'node:crypto';
import type { LintResult } from '../types.js';
import { plural, type FormatContext, type Formatter } from './formatter.js';
import { groupKey, parseGroupBy, type GroupBy } from './group-by.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { escapeHtml, renderTranscript, renderTurns, severityName, type ShownProblem } from './html-transcript.js';
import type { RuleMeta } from './rule-meta.js';
import { DEFAULT_SCORECARD, starsFor, type ScorecardSettings } from './scorecard.js';
import type { RuleCount } from './rule-stats.js';
import { RunStats, type GroupStats, type ScoreStats } from './stats.js';
import { starLabel, starRange } from './summary.js';

function ruleTitle(id: string, rules: ReadonlyMap<string, RuleMeta>): string {
  return rules.get(id)?.message ?? id;
}

function rulesChart(stats: readonly RuleCount[], rules: ReadonlyMap<string, RuleMeta>, calls: number): string {
  if (!stats.length) return '<p class="empty">No problems: every call kept every norm.</p>';
  const most = stats[0].files;
  const rows = stats.map((s) => {
    const meta = rules.get(s.ruleId);
    const width = Math.max(2, Math.round((s.files / most) * 100));
    const detail = [s.ruleId, meta?.source && `norm ${meta.source}`].filter(Boolean).join(' · ');
    return `<button type="button" class="bar-row" data-set-rule="${escapeHtml(s.ruleId)}" title="${escapeHtml(`${ruleTitle(s.ruleId, rules)} — ${plural(s.problems, 'problem')} in ${plural(s.files, 'call')}; click to show them`)}">` +
      `<span class="bar-label">${escapeHtml(ruleTitle(s.ruleId, rules))}<small>${escapeHtml(detail)}</small></span>` +
      `<span class="track"><span class="fill${meta?.severity === 1 ? ' warning' : ''}" style="width:${width}%"></span></span>` +
      `<span class="bar-count">${s.files} / ${plural(calls, 'call')}</span></button>`;
  });
  return `<div class="bars">${rows.join('')}</div>`;
}

const STAR_COLORS = ['', '#cf222e', '#e16f24', '#d4a72c', '#6cc644', '#1a7f37'];

function scoreChart(scores: ScoreStats, context: FormatContext): string {
  if (!scores.scored) return '<p class="empty">No call could be graded.</p>';
  const settings = context.scorecard ?? DEFAULT_SCORECARD;
  const most = Math.max(...scores.stars);
  const [width, height, top, bottom, slot] = [420, 190, 22, 44, 84];
  const columns = [1, 2, 3, 4, 5].map((stars, i) => {
    const n = scores.stars[stars];
    const h = most ? Math.round((n / most) * (height - top - bottom)) : 0;
    const x = i * slot + 14;
    const y = height - bottom - h;
    return `<rect x="${x}" y="${y}" width="${slot - 28}" height="${Math.max(h, 1)}" rx="4" fill="${STAR_COLORS[stars]}"><title>${plural(n, 'call')} with ${plural(stars, 'star')} (${starRange(stars, settings)} points)</title></rect>` +
      `<text class="count" x="${x + (slot - 28) / 2}" y="${y - 6}" text-anchor="middle">${n}</text>` +
      `<text x="${x + (slot - 28) / 2}" y="${height - bottom + 18}" text-anchor="middle">${'★'.repeat(stars)}</text>` +
      `<text x="${x + (slot - 28) / 2}" y="${height - bottom + 34}" text-anchor="middle">${starRange(stars, settings)}</text>`;
  });
  return `<div class="dist"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="calls per star grade">${columns.join('')}</svg></div>`;
}

function groupTable(groups: readonly GroupStats[], groupBy: GroupBy, rules: ReadonlyMap<string, RuleMeta>, settings: ScorecardSettings): string {
  if (groups.every((g) => g.key === undefined)) {
    return `<p class="empty">No call names its ${escapeHtml(groupBy.label)}. Group calls by a metadata field with --group-by meta:FIELD, or by folder with --group-by 'path:REGEX'.</p>`;
  }
  const rows = groups.map((g, i) => {
    const name = g.key ?? `(no ${groupBy.label})`;
    const average = g.score.average === undefined ? '–' : g.score.average.toFixed(1);
    const worst = g.worstRules.slice(0, 3).map((r) => `<span class="chip" title="${escapeHtml(r.ruleId)}">${escapeHtml(ruleTitle(r.ruleId, rules))} ×${r.files}</span>`).join('');
    const attribute = g.key === undefined ? '' : ` data-set-group="${escapeHtml(g.key)}"`;
    // data-unit names a number where a narrow screen shows the rows without the table's head.
    return `<tr${attribute}><td class="num">${i + 1}</td><td class="name">${escapeHtml(name)}</td><td class="num" data-unit="calls">${g.calls}</td>` +
      `<td class="num">${average}${g.score.average === undefined ? '' : ` <span class="stars">${starLabel(starsFor(g.score.average, settings))}</span>`}</td>` +
      `<td class="num" data-unit="failed">${g.score.failed || ''}</td><td class="norms">${worst}</td></tr>`;
  });
  return `<table class="groups"><thead><tr><th class="num">#</th><th>${escapeHtml(groupBy.label)}</th><th class="num">calls</th><th class="num">avg score</th>` +
    `<th class="num">failed</th><th>most broken norms (calls)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scoreBadge(result: LintResult): string {
  const { score } = result;
  if (!score) return result.fatalErrorCount ? '<span class="failed">not linted</span>' : '';
  const badge = `<span class="score s${score.stars}" title="${score.points} points"><span class="stars">${starLabel(score.stars)}</span> ${score.points}</span>`;
  const critical = score.critical.length ? ` — critical: ${score.critical.join(', ')}` : '';
  return badge + (score.failed ? ` <span class="failed" title="${escapeHtml(`failed${critical}`)}">FAILED</span>` : '');
}

function option(value: string, label: string): string {
  return `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
}

/**
 * Where a call stands in the page: files that could not be linted first, then lowest score first, clean calls last;
 * calls of one rank in the order the run reported them (its paths' order), as in every other report.
 */
export function pageRank(result: LintResult): number {
  return result.score ? result.score.points : result.fatalErrorCount ? -1 : 101;
}

/** Calls with problems are shown open when the page has at most this many calls; larger pages start collapsed. */
export const OPEN_UP_TO = 20;

/**
 * The page in three parts: its head (the overview, which needs every call's figures), each call, and its end. A
 * call is rendered alone, so that a long run's calls can be rendered as they arrive and set aside until the head
 * can be written (cli/spooled-html.ts).
 */
export class HtmlPage {
  private readonly rules: ReadonlyMap<string, RuleMeta>;
  readonly groupBy: GroupBy;

  constructor(private readonly context: FormatContext) {
    this.rules = new Map((context.rules ?? []).map((r) => [r.id, r]));
    this.groupBy = context.groupBy ?? parseGroupBy('agent');
  }

  /** One call; `index` (its place among the run's results) makes its element ids unique in the page. */
  call(result: LintResult, index: number, open: boolean): string {
    const { context, rules, groupBy } = this;
    const group = groupKey(result, groupBy);
    const head = `<span class="path">${escapeHtml(result.filePath)}</span>` +
      (group !== undefined ? `<span class="group">${escapeHtml(groupBy.label)}: ${escapeHtml(group)}</span>` : '') +
      scoreBadge(result) +
      `<span class="counts">${result.messages.length ? escapeHtml(plural(result.messages.length, 'problem')) : '<span class="clean">✔ no problems</span>'}</span>`;
    const attributes = `class="call" id="call-${index}" data-group="${escapeHtml(group ?? '')}"`;
    if (!result.messages.length && result.source === undefined) return `<article ${attributes}><div class="head">${head}</div></article>`;

    const problems: ShownProblem[] = result.messages.map((message, j) => ({ message, anchor: `p-${index}-${j}`, source: message.ruleId ? rules.get(message.ruleId)?.source : undefined }));
    const list = problems.map((p) => {
      const m = p.message;
      const where = m.line ? `<a href="#${p.anchor}">${m.line}:${m.column}</a> ` : '';
      const say = m.suggestion !== undefined && !m.message.includes(m.suggestion) ? ` <span class="say">→ ${escapeHtml(m.suggestion)}</span>` : '';
      const rule = m.ruleId ? ` <span class="rule">${escapeHtml(m.ruleId)}</span>` : '';
      return `<li data-rule="${escapeHtml(m.ruleId ?? '')}" data-severity="${severityName(m)}">${where}<span class="badge ${severityName(m)}">${severityName(m)}</span> ${escapeHtml(m.message)}${say}${rule}</li>`;
    });
    const transcript = result.source === undefined ? ''
      : result.turns ? renderTurns(result.source, result.turns, problems) : renderTranscript(result.source, problems, context.speakerRole);
    // Clean calls start collapsed: the eye goes to the calls with problems.
    const shownOpen = open && problems.length > 0;
    return `<article ${attributes}><details${shownOpen ? ' open' : ''}><summary>${head}</summary>` +
      `<div class="body">${list.length ? `<ol class="problems">${list.join('')}</ol>` : ''}${transcript}</div></details></article>`;
  }

  head(stats: RunStats): string {
    const { context, rules, groupBy } = this;
    const sum = stats.totals;
    const scores = stats.scores();
    const perRule = stats.rulesByCalls();
    const groups = stats.groupStats();
    const kpis = [
      `<div class="kpi"><b>${sum.files}</b><span>calls checked</span></div>`,
      `<div class="kpi"><b>${scores.average ?? '–'}</b><span>average score ${scores.average !== undefined ? `<span class="stars">${starLabel(starsFor(scores.average, context.scorecard ?? DEFAULT_SCORECARD))}</span>` : ''}</span></div>`,
      `<div class="kpi${scores.failed ? ' bad' : ''}"><b>${scores.failed}</b><span>calls failed${sum.fatal ? `, ${sum.fatal} not linted` : ''}</span></div>`,
      `<div class="kpi${sum.errors ? ' bad' : ''}"><b>${sum.errors + sum.warnings}</b><span>problems: ${sum.errors} errors, ${sum.warnings} warnings</span></div>`,
    ];
    const groupKeys = groups.map((g) => g.key).filter((k): k is string => k !== undefined).sort((a, b) => a.localeCompare(b));
    const filters = `<div class="filters" role="search">` +
      `<select id="f-rule" aria-label="rule">${option('', 'all rules')}${perRule.map((s) => option(s.ruleId, `${ruleTitle(s.ruleId, rules)} (${s.problems})`)).join('')}</select>` +
      `<select id="f-severity" aria-label="severity">${option('', 'errors and warnings')}${option('error', 'errors')}${option('warning', 'warnings')}</select>` +
      (groupKeys.length ? `<select id="f-group" aria-label="${escapeHtml(groupBy.label)}">${option('', `every ${groupBy.label}`)}${groupKeys.map((k) => option(k, k)).join('')}</select>` : '') +
      `<input id="f-search" type="search" placeholder="search calls, words, messages…" aria-label="search">` +
      `<button type="button" id="f-reset">reset</button><button type="button" id="f-open">expand all</button><button type="button" id="f-close">collapse all</button>` +
      `<span id="f-count"></span></div>`;

    const scriptHash = createHash('sha256').update(HTML_SCRIPT).digest('base64');
    const generated = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const tool = `transcript-lint${context.version ? ` ${context.version}` : ''}`;
    return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:">
<title>Call quality report — ${escapeHtml(plural(sum.files, 'call'))}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>Call quality report</h1>
<p class="sub">${escapeHtml(plural(sum.files, 'call'))} checked by ${escapeHtml(tool)} · ${generated} UTC</p>
<div class="kpis">${kpis.join('')}</div>
</header>
<main>
<section class="overview">
<div class="card wide"><h2>Norms broken most<span class="hint">calls that broke each norm — click one to see those calls</span></h2>${rulesChart(perRule, rules, sum.files)}</div>
<div class="card"><h2>Score distribution<span class="hint">calls per star grade</span></h2>${scoreChart(scores, context)}</div>
<div class="card"><h2>${escapeHtml(groupBy.label === 'agent' ? 'Agents' : `By ${groupBy.label}`)}, lowest average score first<span class="hint">click to see their calls</span></h2>${groupTable(groups, groupBy, rules, context.scorecard ?? DEFAULT_SCORECARD)}</div>
</section>
<section id="calls">
${filters}
`;
  }

  end(): string {
    return `
<p class="empty" id="no-calls" hidden>No call matches these filters.</p>
</section>
</main>
<footer>Calls are listed lowest score first. Scores: each norm a call breaks costs its weight; a broken critical norm fails the call.</footer>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
  }
}

/**
 * The report of results in memory, in pieces to be written one after another: a large run's page is never one
 * string (its articles, their join and the page were three copies of it).
 */
export function* htmlPieces(results: readonly LintResult[], context: FormatContext): Generator<string> {
  const page = new HtmlPage(context);
  yield page.head(RunStats.of(results, page.groupBy));
  const ranks = results.map(pageRank);
  const order = results.map((_, index) => index).sort((a, b) => ranks[a] - ranks[b] || a - b);
  const open = results.length <= OPEN_UP_TO;
  for (let i = 0; i < order.length; i++) yield `${i ? '\n' : ''}${page.call(results[order[i]], order[i], open)}`;
  yield page.end();
}

export const html: Formatter = (results, context) => [...htmlPieces(results, context)].join('');
