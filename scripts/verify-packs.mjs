#!/usr/bin/env node
// Part of `npm run build`, after the TypeScript compile: load each built-in pack alone through the built linter —
// YAML, schema, compile, every rule's examples — and record what passed in dist/verified-packs.json (each pack's
// content hash and length, which packs' examples passed) and dist/verified-packs/ (each pack's text and data, and in
// compiled.json the patterns they compile and their wordings converted). Runs that load the same text skip those
// checks; a pack that fails them fails the build, with the same messages a run would print.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { VERIFIED_COMPILED_FILE, VERIFIED_PACKS_DIR, VERIFIED_PACKS_FILE, contentHash } = await import('../dist/config/verified-packs.js');
// Check everything from scratch, not against an earlier build.
rmSync(VERIFIED_PACKS_FILE, { force: true });
rmSync(VERIFIED_PACKS_DIR, { recursive: true, force: true });
const { Linter, ConfigError, builtinPackNames, formatIssue } = await import('../dist/index.js');
const { YamlFile } = await import('../dist/config/yaml-file.js');
const { compiledPatternFilters, compiledPatternSteps } = await import('../dist/text/linear-regex.js');

const verified = { packs: {}, examples: [] };
/** Each verified pack's text and data, by content hash. */
const texts = new Map();
for (const name of builtinPackNames()) {
  let linter;
  try {
    linter = Linter.create({ cwd: root, packs: [name], noConfigLookup: true });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) console.error(formatIssue(issue));
    console.error(`verify-packs: the built-in pack ${name} does not load; fix it before building`);
    process.exit(1);
  }
  const hashes = [];
  for (const pack of linter.compiled.config.packs) {
    const text = readFileSync(join(root, 'rules', `${pack.name}.yaml`), 'utf8');
    const hash = contentHash(text);
    verified.packs[hash] = text.length;
    texts.set(hash, { text, data: YamlFile.parse(pack.file, text).data });
    hashes.push(hash);
  }
  verified.examples.push(hashes);
}
// Every regular expression those packs compiled, with its prefilter: a run compiles one only when a transcript may
// match it. (In a file of their own, with the conversions below: a rerun whose cache vouches for its packs compiles
// nothing and does not read them.)
const compiled = { patterns: compiledPatternFilters(), patternSteps: compiledPatternSteps() };
// The packs' wordings (suggest:, a fix's with: and its parts around $1…$9), messages and message parts, and the
// words of a count's note, in each Traditional standard: a run takes them from here instead of reading OpenCC's phrase table to offer
// a wording in a Traditional transcript or to give it its problems' messages.
const { toScript } = await import('../dist/text/script.js');
const { COUNT_NOTE_WORDS } = await import('../dist/rules/count.js');
const wordings = new Set(COUNT_NOTE_WORDS);
const collect = (value, isWording) => {
  if (typeof value === 'string') {
    if (isWording) for (const part of value.split(/\$[1-9]/)) if (/\p{Script=Han}/u.test(part)) wordings.add(part);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) collect(inner, isWording || key === 'suggest' || key === 'with' || key === 'message' || key === 'message-parts');
  }
};
for (const { data } of texts.values()) collect(data, false);
compiled.conversions = Object.fromEntries(['t', 'tw', 'hk'].map((script) => [script, Object.fromEntries([...wordings].sort().map((w) => [w, toScript(w, script)]))]));
mkdirSync(VERIFIED_PACKS_DIR);
for (const [hash, { text, data }] of texts) {
  writeFileSync(new URL(`${hash}.yaml`, VERIFIED_PACKS_DIR), text);
  writeFileSync(new URL(`${hash}.json`, VERIFIED_PACKS_DIR), JSON.stringify(data));
}
writeFileSync(VERIFIED_COMPILED_FILE, JSON.stringify(compiled));
writeFileSync(VERIFIED_PACKS_FILE, JSON.stringify(verified));
