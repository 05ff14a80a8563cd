// Types of build-inputs.mjs, for the tests.
export const STAMP_FILE: string;
export const OUTPUTS: readonly string[];
export function fingerprintOf(root: string): string;
export function isBuilt(root: string, fingerprint: string): boolean;
