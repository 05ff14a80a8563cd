// Timestamps as transcripts write them: 01:23, 00:01:23.450, 00:01:23,450 (SRT) → seconds.

/** Seconds of "[hh:]mm:ss[.mmm]"; undefined when minutes or seconds are 60 or more, or it is not a time. */
export function parseClockTime(value: string): number | undefined {
  // The usual forms, hh:mm:ss and mm:ss in two digits each, read directly: a long call has a timestamp on every line.
  if ((value.length === 8 || value.length === 5) && isTwoDigitClock(value)) {
    const two = (at: number): number => (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
    const [hours, minutes, seconds] = value.length === 8 ? [two(0), two(3), two(6)] : [0, two(0), two(3)];
    return minutes >= 60 || seconds >= 60 ? undefined : hours * 3600 + minutes * 60 + seconds;
  }
  const m = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$/.exec(value);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (minutes >= 60 || seconds >= 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds + (m[4] ? Number(m[4].padEnd(3, '0')) / 1000 : 0);
}

/** "dd:dd" or "dd:dd:dd", digits 0–9 only. */
function isTwoDigitClock(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (i % 3 === 2 ? unit !== 58 : unit < 48 || unit > 57) return false;
  }
  return true;
}

/** Whole seconds as "m:ss" or "h:mm:ss" — parseClockTime's inverse; `round` picks how a fraction goes (ETAs round up). */
export function formatClockTime(seconds: number, round: (x: number) => number = Math.floor): string {
  const whole = round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
}
