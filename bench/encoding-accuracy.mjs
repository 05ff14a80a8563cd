// Encoding detection accuracy on many short Chinese samples: every sample is encoded in each supported encoding
// (Traditional script for Big5), then detected without --encoding. Deterministic (seeded); run after `npm run build`:
//   node bench/encoding-accuracy.mjs [samples-per-encoding]
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { decode } from '../dist/transcript/decode.js';
import { encoderFor, utf16be, utf16le } from './legacy-encoders.mjs';

const perEncoding = Number(process.argv[2] ?? 500);
const sentences = readFileSync(new URL('./zh-sentences.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(random() * list.length)];

/** A short transcript: 1–3 turns, each cut to 2–20 characters, labels sometimes with timestamps; or one bare line. */
function sample(bare) {
  if (bare) {
    const sentence = pick(sentences);
    return sentence.slice(0, 2 + Math.floor(random() * Math.min(18, sentence.length - 1)));
  }
  const turns = 1 + Math.floor(random() * 3);
  const lines = [];
  for (let i = 0; i < turns; i++) {
    const sentence = pick(sentences);
    const text = sentence.slice(0, 2 + Math.floor(random() * Math.min(18, sentence.length - 1)));
    const label = i % 2 ? '客户' : '客服';
    lines.push(random() < 0.3 ? `[00:00:${String(10 + i * 7)}] ${label}: ${text}` : `${label}：${text}`);
  }
  return lines.join('\n') + '\n';
}

const gb = encoderFor('gb18030');
const big5 = encoderFor('big5');
const cases = [
  ['utf-8', 'utf-8', (t) => new TextEncoder().encode(t)],
  ['utf-8 with BOM', 'utf-8', (t) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])],
  ['utf-16le with BOM', 'utf-16le', (t) => Uint8Array.from([0xff, 0xfe, ...utf16le(t)])],
  ['utf-16be with BOM', 'utf-16be', (t) => Uint8Array.from([0xfe, 0xff, ...utf16be(t)])],
  ['utf-16le, no BOM', 'utf-16le', utf16le],
  ['utf-16be, no BOM', 'utf-16be', utf16be],
  ['gb18030 (GBK)', 'gb18030', gb],
  ['big5 (Traditional)', 'big5', (t) => big5(toTraditional(t))],
];

for (const bare of [false, true]) {
console.log(bare ? '\nBare text, 2–20 characters, no label, no line break (no ASCII at all):\n' : 'Transcripts of 1–3 turns, 2–20 characters each, with labels:\n');
console.log(`| encoding | detected correctly | misses |`);
console.log(`|---|---|---|`);
for (const [name, expected, encode] of cases) {
  let right = 0;
  let total = 0;
  const wrong = new Map();
  for (let n = 0; total < perEncoding && n < perEncoding * 3; n++) {
    const text = sample(bare);
    const bytes = encode(text);
    if (!bytes) continue;
    total++;
    let got;
    try {
      const decoded = decode(bytes);
      got = decoded.text === (expected === 'big5' ? toTraditional(text) : text) ? decoded.encoding : `${decoded.encoding} (garbled)`;
    } catch (err) {
      got = `error: ${err.message.slice(0, 40)}`;
    }
    if (got === expected) right++;
    else {
      wrong.set(got, (wrong.get(got) ?? 0) + 1);
      if (process.env.SHOW_MISSES) console.error(name, JSON.stringify(text), got);
    }
  }
  const misses = [...wrong].map(([k, v]) => `${v}× ${k}`).join('; ');
  console.log(`| ${name} | ${right}/${total} (${((100 * right) / total).toFixed(1)} %) | ${misses} |`);
}
}
