#!/usr/bin/env node
// Part of `npm run build`, after the TypeScript compile: load each built-in pack alone through the built linter —
// YAML, schema, compile, every rule's examples — and record what passed in dist/verified-packs.json (data by content
// hash, and which packs' examples passed). Runs that load the same bytes skip those checks; a pack that fails
// them fails the build, with the same messages a run would print.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const { VERIFIED_PACKS_FILE, contentHash, examplesKey } = await import('../dist/config/verified-packs.js');
rmSync(VERIFIED_PACKS_FILE, { force: true }); // check everything from scratch, not against an earlier build
const { Linter, ConfigError, builtinPackNames, formatIssue } = await import('../dist/index.js');
const { YamlFile } = await import('../dist/config/yaml-file.js');
const { compiledPatternFilters } = await import('../dist/text/linear-regex.js');

const verified = { packs: {}, examples: [] };
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
    verified.packs[hash] = YamlFile.parse(pack.file, text).data;
    hashes.push(hash);
  }
  verified.examples.push(examplesKey(hashes));
}
// Every regular expression those packs compiled, with its prefilter: a run compiles one only when a transcript may
// match it.
verified.patterns = compiledPatternFilters();
writeFileSync(VERIFIED_PACKS_FILE, JSON.stringify(verified));
