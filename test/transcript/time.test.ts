// Clock times: read as transcripts write them, and written back as reports show them (turn starts, ETAs).
import { describe, expect, it } from 'vitest';
import { formatClockTime, parseClockTime } from '../../src/transcript/time.js';

describe('clock times', () => {
  it('reads [hh:]mm:ss[.mmm] and refuses what is not a time', () => {
    expect([parseClockTime('01:23'), parseClockTime('00:01:23,450'), parseClockTime('1:02:05.5')]).toEqual([83, 83.45, 3725.5]);
    expect([parseClockTime('00:60'), parseClockTime('1:2:3:4'), parseClockTime('')]).toEqual([undefined, undefined, undefined]);
  });

  it('writes m:ss, or h:mm:ss from an hour on; a fraction goes down, or up when asked (time left)', () => {
    expect([formatClockTime(5), formatClockTime(65.9), formatClockTime(3725.2), formatClockTime(36000)]).toEqual(['0:05', '1:05', '1:02:05', '10:00:00']);
    expect([formatClockTime(65.2, Math.ceil), formatClockTime(3599.5, Math.ceil)]).toEqual(['1:06', '1:00:00']);
    for (const seconds of [0, 59, 60, 3599, 3600, 86399]) expect(parseClockTime(formatClockTime(seconds))).toBe(seconds);
  });
});
