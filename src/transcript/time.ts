// Timestamps as transcripts write them: 01:23, 00:01:23.450, 00:01:23,450 (SRT) → seconds.

/** Seconds of "[hh:]mm:ss[.mmm]"; undefined when minutes or seconds are 60 or more, or it is not a time. */
export function parseClockTime(value: string): number | undefined {
  const m = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$/.exec(value);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (minutes >= 60 || seconds >= 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds + (m[4] ? Number(m[4].padEnd(3, '0')) / 1000 : 0);
}

/** Whole seconds as "m:ss" or "h:mm:ss" — parseClockTime's inverse; `round` picks how a fraction goes (ETAs round up). */
export function formatClockTime(seconds: number, round: (x: number) => number = Math.floor): string {
  const whole = round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
}
