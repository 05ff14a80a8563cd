// The V8 flag the command line runs under (bin/transcript-lint.js says why), in a file of its own: the code cache
// loader (script-bundle.cts) and the threads booted under Node's own flags (runner/boot-flags.ts) both need it, and
// the command line's bundle should not carry the loader.

/**
 * The V8 flag the command line sets as it starts, and the flag that sets it back. V8 refuses a code cache made under
 * other flags than its own, so the build takes each bundle's cache under both: the command line's and its workers'
 * run under the first, a library's under Node's defaults. (With one cache, made under the defaults, every command
 * line run compiled its bundle without it: ~20 ms more of a small file's CPU.)
 */
export const COMMAND_LINE_V8_FLAG = { set: '--no-allocation-site-pretenuring', unset: '--allocation-site-pretenuring' } as const;
