// Text from transcripts, speaker labels and file names is data, never terminal commands: an escape sequence in a
// transcript (ESC[2J clears the screen, ESC]8 makes a link, BEL rings) or a newline in a file name must not act on
// the reader's terminal or split a line a tool parses. Console reports print such characters as visible escapes.

/** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line seems to say. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, to test: a replace with a function costs ~3× a test even when nothing matches (nearly always). */
const HAS_UNSAFE = new RegExp(UNSAFE.source);

/** Whether terminalSafe escapes this UTF-16 unit (UNSAFE's set, for code that walks text unit by unit). */
export function isTerminalUnsafe(unit: number): boolean {
  return unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f) || (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069);
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e', '\u0007': '\\a' };

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** The text with every control character shown as an escape (`\e[2J`, `\n`, `\x07` as `\a`); safe text unchanged. */
export function terminalSafe(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

/** The same for text of several lines (a rule's description, an example call): its line breaks stay breaks. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
