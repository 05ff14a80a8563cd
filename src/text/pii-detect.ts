// Personal data in transcript text: phone numbers, resident ID numbers, bank card numbers, e-mail addresses.
// Hand-written scanners, each one pass over the text (linear time, no backtracking). Speech recognition writes
// numbers in many ways — 138-1234-5678, 6222 0212 ..., full-width １３８…, spoken 一三八幺… — so digits are read
// through one table and short runs of separators between them are skipped.

export type PiiKind = 'mobile' | 'landline' | 'tw-phone' | 'hk-phone' | 'id-number' | 'bank-card' | 'email';

export const PII_KINDS: readonly PiiKind[] = ['mobile', 'landline', 'tw-phone', 'hk-phone', 'id-number', 'bank-card', 'email'];

export interface PiiFinding {
  kind: PiiKind;
  /** UTF-16 offsets into the scanned text: [start, end). */
  start: number;
  end: number;
}

/** A run of digits, possibly with separators between them: where each digit stands, and what it is. */
export interface DigitRun {
  /** The digits as ASCII (an ID number's final X stays X). */
  digits: string;
  /** Offset of each digit in the text. */
  positions: number[];
  /** From a leading + (if any) to just after the last digit. */
  start: number;
  end: number;
}

const DIGIT_VALUE = new Int8Array(0x10000).fill(-1);
for (let d = 0; d <= 9; d++) {
  DIGIT_VALUE[0x30 + d] = d;
  DIGIT_VALUE[0xff10 + d] = d;
}
// Numbers read out digit by digit: 幺 is how 1 is said in phone numbers; the financial forms appear in forms.
for (const [chars, value] of [['零〇', 0], ['一幺壹', 1], ['二贰貳', 2], ['三叁參', 3], ['四肆', 4], ['五伍', 5], ['六陆陸', 6], ['七柒', 7], ['八捌', 8], ['九玖', 9]] as const) {
  for (const ch of chars) DIGIT_VALUE[ch.charCodeAt(0)] = value;
}
/** 1: joins any digits. 2: joins spoken digits (ASR puts a comma between the groups it hears: 幺三八，幺二三四). */
const SEPARATOR = new Uint8Array(0x10000);
for (const ch of ' \t\u3000-‐‑–—－') SEPARATOR[ch.charCodeAt(0)] = 1;
for (const ch of '，、,') SEPARATOR[ch.charCodeAt(0)] = 2;
/** More ways a number is written, joined only when masking (--redact): 138.1234.5678, 138/1234/5678, 6,222,020,… */
const WIDE_SEPARATOR = new Uint8Array(0x10000);
for (const ch of ' \t\u3000-‐‑–—－，、,.．/／·;；_') WIDE_SEPARATOR[ch.charCodeAt(0)] = 1;

function isSpokenDigit(unit: number): boolean {
  return unit >= 0x3000 && (unit < 0xff10 || unit > 0xff19) && DIGIT_VALUE[unit] >= 0;
}
/** More separators in a row than this end a run ("138 - 1234" still joins). */
const MAX_SEPARATORS = 3;
const CHECK_X = new Set(['X', 'x', 'Ｘ', 'ｘ'].map((c) => c.charCodeAt(0)));
const PLUS = new Set([0x2b, 0xff0b]);

function isAsciiAlnum(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
}

/**
 * Every run of at least `minDigits` digits in the text, in order. `wide` (for masking, where missing a number is
 * the failure): more separators join digits, and digits glued to letters (tel138…, 138…abc) still count.
 */
export function digitRuns(text: string, minDigits = 1, wide = false): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (DIGIT_VALUE[text.charCodeAt(i)] < 0) {
      i++;
      continue;
    }
    // A number glued to Latin letters (order AB12345678) is a code, not a phone or card number.
    const gluedBefore = !wide && i > 0 && isAsciiAlnum(text.charCodeAt(i - 1));
    const start = i > 0 && PLUS.has(text.charCodeAt(i - 1)) ? i - 1 : i;
    let digits = '';
    const positions: number[] = [];
    let end = i;
    while (i < text.length) {
      const value = DIGIT_VALUE[text.charCodeAt(i)];
      if (value >= 0) {
        digits += value;
        positions.push(i);
        end = ++i;
        continue;
      }
      let gap = i;
      while (gap < text.length && joins(text, gap, wide) && gap - i < MAX_SEPARATORS) gap++;
      if (gap > i && gap < text.length && DIGIT_VALUE[text.charCodeAt(gap)] >= 0 && (wide || spokenJoin(text, i, gap))) {
        i = gap;
        continue;
      }
      break;
    }
    // The check character of an ID number is X when it is 10.
    if (digits.length === 17 && end < text.length && CHECK_X.has(text.charCodeAt(end))) {
      digits += 'X';
      positions.push(end);
      end++;
      i = end;
    }
    const gluedAfter = !wide && end < text.length && isAsciiAlnum(text.charCodeAt(end));
    if (digits.length >= minDigits && !gluedBefore && !gluedAfter) runs.push({ digits, positions, start, end });
  }
  return runs;
}

function joins(text: string, at: number, wide: boolean): boolean {
  const unit = text.charCodeAt(at);
  return wide ? WIDE_SEPARATOR[unit] === 1 : SEPARATOR[unit] > 0;
}

/** A gap of separators [from, to) between two digits joins them unless it holds a comma between digits not spoken. */
function spokenJoin(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (SEPARATOR[text.charCodeAt(k)] === 2 && !(isSpokenDigit(text.charCodeAt(from - 1)) && isSpokenDigit(text.charCodeAt(to)))) return false;
  }
  return true;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643: 17 digits, a birth date, and a check character from the mod 11-2 sum. */
export function isResidentId(digits: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(digits)) return false;
  const year = Number(digits.slice(6, 10));
  const month = Number(digits.slice(10, 12));
  const day = Number(digits.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (digits.charCodeAt(k) - 48) * ID_WEIGHTS[k];
  return ID_CHECK[sum % 11] === digits[17];
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let k = digits.length - 1, double = false; k >= 0; k--, double = !double) {
    let d = digits.charCodeAt(k) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** What a run of digits is, if it is personal data. Short fixed shapes, so these tests are cheap. */
export function classifyDigits(digits: string): PiiKind | undefined {
  if (digits.length > 19) return undefined;
  if (digits.length === 18 && isResidentId(digits)) return 'id-number';
  if (/^(?:0086|86)?1[3-9]\d{9}$/.test(digits)) return 'mobile';
  if (/^(?:09|8869)\d{8}$/.test(digits)) return 'tw-phone';
  if (/^(?:852)?[569]\d{7}$/.test(digits)) return 'hk-phone';
  if (/^0[1-9]\d{8,10}$/.test(digits)) return 'landline';
  if (/^\d{13,19}$/.test(digits) && passesLuhn(digits)) return 'bank-card';
  return undefined;
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

/** Dotted labels, the last one at least two letters (example.com, mail.qq.com). */
function isMailDomain(domain: string): boolean {
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => label.length > 0) && /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]);
}

/** E-mail addresses: from each @, back over the local part and on over a dotted domain. */
export function emailSpans(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  let floor = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && EMAIL_LOCAL.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && EMAIL_DOMAIN.test(text[end])) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    floor = at + 1;
    if (start < at && isMailDomain(text.slice(at + 1, end))) {
      found.push({ kind: 'email', start, end });
      floor = end;
    }
  }
  return found;
}

const ALL_KINDS: ReadonlySet<PiiKind> = new Set(PII_KINDS);

/** All personal data of the given kinds in the text, in order. */
export function findPii(text: string, kinds: ReadonlySet<PiiKind> = ALL_KINDS): PiiFinding[] {
  const found: PiiFinding[] = [];
  for (const run of digitRuns(text, 8)) {
    const kind = classifyDigits(run.digits);
    if (kind && kinds.has(kind)) found.push({ kind, start: run.start, end: run.end });
  }
  if (kinds.has('email')) found.push(...emailSpans(text));
  return found.sort((a, b) => a.start - b.start);
}

/** Fields of a result that name things (a file, a rule) rather than quote the transcript. */
const NAMING_FIELDS = new Set(['filePath', 'ruleId']);

/**
 * Texts already looked at, and whether they hold personal data: a run checks every result it caches, and most of their
 * texts (rule messages, excerpts of the same phrases) repeat from file to file. Short texts only; emptied when full.
 */
const checkedTexts = new Map<string, boolean>();
const CHECKED_TEXTS_MAX = 4096;
const CHECKED_TEXT_LENGTH = 256;

/** Whether any text in a value (a result, deeply) holds personal data the detectors find. */
export function quotesPersonalData(value: unknown): boolean {
  if (typeof value === 'string') {
    if (value.length > CHECKED_TEXT_LENGTH) return findPii(value).length > 0;
    let quotes = checkedTexts.get(value);
    if (quotes === undefined) {
      quotes = findPii(value).length > 0;
      if (checkedTexts.size >= CHECKED_TEXTS_MAX) checkedTexts.clear();
      checkedTexts.set(value, quotes);
    }
    return quotes;
  }
  if (Array.isArray(value)) return value.some(quotesPersonalData);
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!NAMING_FIELDS.has(key) && quotesPersonalData((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}
