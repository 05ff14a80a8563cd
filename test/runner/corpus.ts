// Small generated corpora for runner tests: varied transcripts, some with problems, in subfolders.
import { tempDir } from '../helpers.js';

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
  return tempDir({ ...corpusFiles(count), ...extra });
}
