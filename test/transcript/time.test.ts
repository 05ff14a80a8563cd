// Clock times: read as transcripts write them, and written back as reports show them (turn starts, ETAs).
import { describe, expect, it } from 'vitest';
import { formatClockTime, parseClockTime } from '../../src/transcript/time.js';

describe('clock times', () => {
  it('reads [hh:]mm:ss[.mmm] and refuses what is not a time', () => {
    expect([parseClockTime('01:23'), parseClockTime('00:01:23,450'), parseClockTime('1:02:05.5')]).toEqual([83, 83.45, 3725.5]);
    expect([parseClockTime('00:60'), parseClockTime('1:2:3:4'), parseClockTime('')]).toEqual([undefined, undefined, undefined]);
  });

  it('reads the two-digit forms (hh:mm:ss, mm:ss) exactly as the general pattern does, on every line of a long call', () => {
    const general = (value: string): number | undefined => {
      const m = /^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$/.exec(value);
      if (!m || Number(m[2]) >= 60 || Number(m[3]) >= 60) return undefined;
      return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + (m[4] ? Number(m[4].padEnd(3, '0')) / 1000 : 0);
    };
    const samples = ['00:00:00', '23:59:59', '99:59:59', '00:60:00', '00:00:60', '12:34', '59:59', '60:00', '07:09', '1a:00',
      '12-34', '12:3x', '12:34:5a', '00:00:0 ', ' 0:00:00', '12:34:56'];
    for (let seconds = 0; seconds < 7200; seconds += 37) samples.push(new Date(seconds * 1000).toISOString().slice(11, 19));
    for (const value of samples) expect(parseClockTime(value), value).toBe(general(value));
  });

  it('writes m:ss, or h:mm:ss from an hour on; a fraction goes down, or up when asked (time left)', () => {
    expect([formatClockTime(5), formatClockTime(65.9), formatClockTime(3725.2), formatClockTime(36000)]).toEqual(['0:05', '1:05', '1:02:05', '10:00:00']);
    expect([formatClockTime(65.2, Math.ceil), formatClockTime(3599.5, Math.ceil)]).toEqual(['1:06', '1:00:00']);
    for (const seconds of [0, 59, 60, 3599, 3600, 86399]) expect(parseClockTime(formatClockTime(seconds))).toBe(seconds);
  });
});
