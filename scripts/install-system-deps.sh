#!/usr/bin/env bash
# Debian packages that the tests (or, with arguments, the benchmark) use. Installs only what is missing.
# usage: scripts/install-system-deps.sh [PACKAGE …]    (no arguments: what the test suite needs)
set -euo pipefail
wanted=("$@")
# The HTML report's browser test: Debian's chromium, and a CJK font so Chinese renders in its screenshot.
# The shard-and-merge test: GNU parallel runs the shards as separate processes, as a scheduler would
# (and the README's sharding example, which test/docs/readme-examples.test.ts runs).
# The cache lines' checksum in WebAssembly: wabt's wat2wasm, to check the committed module is its source
# (src/runner/xxh32.wat).
((${#wanted[@]})) || wanted=(chromium fonts-wqy-microhei parallel wabt)
missing=()
for package in "${wanted[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "install-system-deps: please install these Debian packages: ${missing[*]}" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
