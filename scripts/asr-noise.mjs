#!/usr/bin/env node
// Make the noisy half of fixtures/asr: each clean call as speech recognition tends to write it — homophones
// (再/在, 账/帐, 办/半), fillers (嗯, 呃, 啊), a stuttered character, punctuation dropped — with the same lines and
// speakers, so that its problems can be compared line by line with the clean call's. Deterministic (seeded by
// file name): running it again gives the same files.
//   node scripts/asr-noise.mjs [fixtures/asr]
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Confusions seen in Mandarin ASR output: every pair shares a toneless pinyin reading.
const HOMOPHONES = {
  再: '在', 在: '再', 账: '帐', 办: '半', 的: '得', 帮: '邦', 请: '清', 问: '文', 服: '福', 务: '物', 谢: '写',
  稍: '烧', 等: '灯', 见: '件', 查: '察', 询: '寻', 转: '赚', 接: '街', 抱: '报', 歉: '欠', 意: '义', 记: '计',
  录: '路', 理: '里', 核: '合', 实: '时', 事: '是', 候: '后', 话: '化', 客: '课', 户: '护', 感: '赶', 助: '住',
  决: '绝', 投: '头', 诉: '素', 满: '慢', 耐: '奈', 心: '新', 电: '店', 费: '废', 号: '好', 码: '马', 余: '鱼',
  额: '鹅', 修: '休', 到: '道', 管: '馆', 态: '太', 度: '渡', 挂: '卦', 清: '青', 楚: '础', 懂: '董', 完: '玩',
  么: '麽', 样: '洋', 知: '之', 道: '到', 说: '硕', 遍: '变', 没: '眉', 法: '发', 着: '找',
};
const FILLERS = ['嗯', '呃', '啊'];

function random(seedText) {
  let seed = [...seedText].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0), 2166136261);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noisy(text, rand) {
  let out = '';
  const chars = [...text];
  // A recognizer's language model rarely gets two neighbouring characters of a word wrong: 再件 or 在见, not 在件.
  let previousSwapped = false;
  chars.forEach((ch, i) => {
    const next = chars[i + 1] ?? '';
    // A filler where the speaker paused (after a comma), never right before a question mark.
    if (/[，,]/.test(ch) && next && rand() < 0.4) {
      out += rand() < 0.5 ? ch + FILLERS[Math.floor(rand() * FILLERS.length)] : FILLERS[Math.floor(rand() * FILLERS.length)];
      return;
    }
    // Recognizers often leave punctuation out or write a space.
    if (/[，。！？,.!?]/.test(ch) && i < chars.length - 1 && rand() < 0.5) {
      out += ' ';
      return;
    }
    const swap = !previousSwapped && HOMOPHONES[ch] && rand() < 0.35;
    previousSwapped = Boolean(swap);
    let written = swap ? HOMOPHONES[ch] : ch;
    if (/\p{Script=Han}/u.test(ch) && rand() < 0.04) written += written;
    out += written;
  });
  return out;
}

const root = process.argv[2] ?? 'fixtures/asr';
mkdirSync(join(root, 'noisy'), { recursive: true });
for (const name of readdirSync(join(root, 'clean')).filter((f) => f.endsWith('.txt')).sort()) {
  const rand = random(name);
  const lines = readFileSync(join(root, 'clean', name), 'utf8').split('\n').map((line) => {
    const m = /^([^:：]+[:：]\s*)(.*)$/.exec(line);
    return m ? m[1] + noisy(m[2], rand) : line;
  });
  writeFileSync(join(root, 'noisy', name), lines.join('\n'));
}
