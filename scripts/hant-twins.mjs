#!/usr/bin/env node
// Make Traditional-script twins of Simplified fixtures, so that every fixture is checked in both scripts.
//
//   node scripts/hant-twins.mjs fixtures/zh fixtures/zh-hant
//
// Each .txt file of the source folder is converted with OpenCC (Simplified → Taiwan Traditional) and written
// under the same name into the target folder. Line structure is kept, so `# expect: … @LINE` comments stay true.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node scripts/hant-twins.mjs SIMPLIFIED_FOLDER TRADITIONAL_FOLDER');
  process.exit(2);
}
const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });
mkdirSync(to, { recursive: true });
let count = 0;
for (const name of readdirSync(from).filter((n) => n.endsWith('.txt')).sort()) {
  const text = readFileSync(join(from, name), 'utf8');
  const twin = text.split('\n').map(convert).join('\n');
  if (twin.split('\n').length !== text.split('\n').length) throw new Error(`${name}: conversion changed the line count`);
  writeFileSync(join(to, name), twin);
  count++;
}
console.log(`${count} files converted into ${to}`);
