#!/usr/bin/env node
// `npm run build`: the TypeScript compile, the built-in packs' verification (verify-packs.mjs) and the runtime files
// (build-runtime.mjs) — skipped when nothing they are made from has changed since the last build (build-inputs.mjs).
// A clone builds through `prepare` as it installs, and again for `npm test`, for `npx transcript-lint`'s first run
// (npm links the clone into its own cache and runs its `prepare`) and for `npm link` under npm 10: ~8 s each on a
// 2-core machine, for the same files.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprintOf, isBuilt, STAMP_FILE } from './build-inputs.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const inputs = fingerprintOf(root);
if (isBuilt(root, inputs) && !process.argv.includes('--force')) {
  console.log('build: dist/ is current (nothing it is made from changed since the last build; --force builds anyway)');
  process.exit(0);
}
// dist/ is made afresh: the compile leaves the outputs of a source removed since behind, and a test or the npm package
// would still find them. (A build that fails leaves no fingerprint behind either.)
rmSync(join(root, 'dist'), { recursive: true, force: true });
const steps = [
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')],
  [join(root, 'scripts', 'verify-packs.mjs')],
  [join(root, 'scripts', 'build-runtime.mjs')],
];
for (const step of steps) {
  const { status, error } = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (error) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
writeFileSync(join(root, STAMP_FILE), inputs);
