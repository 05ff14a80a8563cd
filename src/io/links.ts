// Symbolic links that lead nowhere, told apart from a missing file: what was meant (a config, an ignore file, a
// transcript on a share that is not mounted) is reported, not passed over as absent.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';

/** Where a link points, as written in it; '?' when it cannot be read. */
export function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '?';
  }
}

/** True when following `path` goes round in links (some systems report ENOENT rather than ELOOP for a long chain). */
export function isLinkLoop(path: string): boolean {
  try {
    realpathSync(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/** True when `path` is a symbolic link whose target does not exist (asked after opening it found nothing). */
export function isBrokenLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export const LINK_LOOP = 'symbolic links point at each other in a loop';
export const FIX_LINK = 'fix or remove the link';

/** What is wrong with the broken link at `path`, without what to do about it. */
export function brokenLinkProblem(path: string): string {
  return isLinkLoop(path) ? LINK_LOOP : `broken symbolic link (it points to "${linkTarget(path)}", which does not exist)`;
}

/** What is wrong with the broken link at `path`, and what to do. */
export function describeBrokenLink(path: string): string {
  return `${brokenLinkProblem(path)}; ${FIX_LINK}`;
}

/** A link loop met on the way, and what to do. */
export const LINK_LOOP_HINTED = `${LINK_LOOP}; ${FIX_LINK}`;
