// Local time in IANA zones across DST: the daily digest time happens once a day, at the right
// instant, including the days the clocks change; quiet hours wrap past midnight.
import { describe, expect, it } from 'vitest';
import { inQuietHours, instantOf, lastOccurrence, localTime, quietEnd } from '../../src/core/delivery/local-time.ts';

const iso = (d: Date) => d.toISOString().replace('.000', '');

describe('instantOf', () => {
  it('places a local time by the offset of that day', () => {
    expect(iso(instantOf('2026-01-15', '08:00', 'Europe/Berlin'))).toBe('2026-01-15T07:00:00Z');
    expect(iso(instantOf('2026-07-15', '08:00', 'Europe/Berlin'))).toBe('2026-07-15T06:00:00Z');
    expect(iso(instantOf('2026-11-21', '08:00', 'Asia/Kolkata'))).toBe('2026-11-21T02:30:00Z');
    expect(iso(instantOf('2026-11-21', '23:30', 'UTC'))).toBe('2026-11-21T23:30:00Z');
  });

  it('on a spring-forward day, a skipped time happens when the clock jumps', () => {
    // New York, 8 March 2026: 02:00 EST → 03:00 EDT (07:00Z).
    expect(iso(instantOf('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00Z');
    expect(iso(instantOf('2026-03-08', '08:00', 'America/New_York'))).toBe('2026-03-08T12:00:00Z');
    expect(iso(instantOf('2026-03-07', '08:00', 'America/New_York'))).toBe('2026-03-07T13:00:00Z');
    // Berlin, 29 March 2026: 02:00 CET → 03:00 CEST (01:00Z).
    expect(iso(instantOf('2026-03-29', '02:15', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00Z');
  });

  it('on a fall-back day, a repeated time happens once, the first time', () => {
    // Berlin, 25 October 2026: 03:00 CEST → 02:00 CET; 02:30 is 00:30Z and again 01:30Z.
    expect(iso(instantOf('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00Z');
    expect(iso(instantOf('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00Z');
  });
});

describe('lastOccurrence', () => {
  it('is today once the time has passed, yesterday before', () => {
    expect(lastOccurrence('08:00', 'Europe/Berlin', new Date('2026-11-21T07:00:00Z'))).toEqual({ date: '2026-11-21', at: new Date('2026-11-21T07:00:00Z') });
    expect(lastOccurrence('08:00', 'Europe/Berlin', new Date('2026-11-21T06:59:59Z'))).toEqual({ date: '2026-11-20', at: new Date('2026-11-20T07:00:00Z') });
  });

  it('a daily time occurs exactly once per local day, every day of a year with both DST changes', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) {
      for (const time of ['00:30', '02:30', '08:00', '23:59']) {
        let previous = lastOccurrence(time, zone, new Date('2026-01-01T00:00:00Z'));
        for (let day = 0; day < 366; day++) {
          // The next occurrence: the first instant after the previous one at which the latest occurrence changes.
          const next = lastOccurrence(time, zone, new Date(previous.at.getTime() + 36 * 3600_000));
          const hours = (next.at.getTime() - previous.at.getTime()) / 3600_000;
          expect(hours, `${zone} ${time} after ${previous.date}`).toBeGreaterThanOrEqual(22.5);
          expect(hours, `${zone} ${time} after ${previous.date}`).toBeLessThanOrEqual(25.5);
          expect(lastOccurrence(time, zone, new Date(next.at.getTime() - 1)).date, 'no occurrence in between').toBe(previous.date);
          previous = next;
        }
      }
    }
  });
});

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' };
  it("wrap past midnight, in the target's zone", () => {
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-11-21T21:30:00Z'))).toBe(true); // 22:30 local
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-11-21T05:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-11-21T06:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours(night, 'Europe/Berlin', new Date('2026-11-21T12:00:00Z'))).toBe(false);
    expect(inQuietHours({ start: '13:00', end: '14:00' }, 'UTC', new Date('2026-11-21T13:30:00Z'))).toBe(true);
    expect(inQuietHours(null, 'UTC', new Date())).toBe(false);
  });

  it('end at the next local end time', () => {
    expect(quietEnd(night, 'Europe/Berlin', new Date('2026-11-21T21:30:00Z')).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(quietEnd(night, 'Europe/Berlin', new Date('2026-11-22T01:00:00Z')).toISOString()).toBe('2026-11-22T06:00:00.000Z');
  });

  it('localTime reads the wall clock', () => {
    expect(localTime(new Date('2026-11-21T18:45:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-11-22', time: '00:15', minutes: 15 });
  });
});
