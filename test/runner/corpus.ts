// Small generated corpora for runner tests: varied transcripts, some with problems, in subfolders, with their own
// small pack (pack.yaml) so that the tests do not depend on the built-in pack's wording.
import { tempDir } from '../helpers.js';

/** Three rules: a greeting first, no 什么事, 再见 last. Pass `--pack ./pack.yaml` (CLI) or PACK_OPTIONS (library). */
export const RUNNER_PACK = `name: t
speakers:
  agent: [客服]
  customer: [客户, 客戶]
rules:
  greet-first:
    kind: required
    speaker: agent
    phrases: [您好, 你好]
    scope: { first-turns: 1 }
    message: 开场须先问候
  no-shenme-shi:
    kind: banned
    speaker: agent
    phrases: [什么事]
    message: 不可以说
  farewell-last:
    kind: required
    speaker: agent
    phrases: [再见]
    scope: { last-turns: 1 }
    message: 结束通话须道别
`;
export const PACK_ARGS = ['--pack', './pack.yaml', '--no-config-lookup'];
export const PACK_OPTIONS = { packs: ['./pack.yaml'], noConfigLookup: true };

const GOOD = ['客服: 您好，请问有什么可以帮您？', '客户: 我的账单不对。', '客服: 好的，我帮您查一下。', '客服: 感谢来电，再见。'];
const RUDE = ['客服: 什么事？', '客户: 我的账单不对。', '客服: 什么事，再说一遍。', '客服: 再见。'];
const TRADITIONAL = ['客服: 您好，請問有什麼可以幫您？', '客戶: 我的帳單不對。', '客服: 好的，請稍等，再見。'];
const NO_FAREWELL = ['客服: 你好。', '客户: 嗯。', '客服: 那先这样。'];
const KINDS = [GOOD, RUDE, TRADITIONAL, NO_FAREWELL];

/** `count` transcripts under folders a/, b/, c/…, each of one of four kinds (good, rude, traditional, no farewell). */
export function corpusFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const folder = String.fromCharCode(97 + (i % 5));
    files[`calls/${folder}/call-${String(i).padStart(4, '0')}.txt`] = KINDS[i % KINDS.length].join('\n') + '\n';
  }
  return files;
}

export function corpus(count: number, extra: Record<string, string | Uint8Array> = {}): string {
  return tempDir({ 'pack.yaml': RUNNER_PACK, ...corpusFiles(count), ...extra });
}
