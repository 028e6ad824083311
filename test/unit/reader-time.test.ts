// Times on the reader's clock: zone, language, the primary country's conventions, relative
// words where they read better, and the day boundary in the reader's zone (not UTC's).
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/core/i18n/messages.ts';
import { chatTime, clockLocale, storyTime, timeOfDay, type ReaderClock } from '../../src/core/i18n/reader-time.ts';

const at = new Date('2026-12-01T15:48:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const H = 3600_000;
const time = (clock: ReaderClock, now: Date, relative = false) => storyTime(at, now, clock, messagesFor(clock.locale), { relative });

describe('a story time on the reader clock', () => {
  it('is local time with the zone, as the reader country writes it', () => {
    expect(time({ locale: 'en', timezone: 'Asia/Kolkata', region: 'IN' }, later(H))).toBe('9:18 pm IST');
    expect(time({ locale: 'de', timezone: 'Europe/Berlin', region: 'DE' }, later(H))).toBe('16:48 MEZ');
    expect(time({ locale: 'en', timezone: 'America/New_York', region: 'us' }, later(H))).toBe('10:48 AM EST');
    // Arabic in Qatar writes Arabic-Indic digits.
    expect(time({ locale: 'ar', timezone: 'Asia/Qatar', region: 'QA' }, later(H))).toMatch(/^٦:٤٨ م /);
    expect(time({ locale: 'hi', timezone: 'Asia/Kolkata', region: 'IN' }, later(H))).toContain('IST');
    expect(time({ locale: 'zh', timezone: 'Asia/Shanghai', region: 'CN' }, later(H))).toContain('23:48');
  });

  it('says how long ago only where it is read when drawn', () => {
    const clock: ReaderClock = { locale: 'en', timezone: 'Asia/Kolkata', region: 'IN' };
    expect(time(clock, later(25 * 60_000), true)).toBe('25 min ago');
    expect(time(clock, later(2 * H + 5 * 60_000), true)).toBe('2 hr ago');
    expect(time(clock, later(30_000), true)).toBe('1 min ago');
    expect(time({ locale: 'de', timezone: 'Europe/Berlin', region: 'DE' }, later(2 * H), true)).toBe('vor 2 Std.');
    // Past three hours, or in a message that may be delivered later: the time itself.
    expect(time({ locale: 'de', timezone: 'Europe/Berlin', region: 'DE' }, later(4 * H), true)).toBe('16:48 MEZ');
    expect(time(clock, later(25 * 60_000))).toBe('9:18 pm IST');
  });

  it('names yesterday and the weekday by the reader day, not the UTC day', () => {
    // 21:18 in Kolkata on 1 December; at 02:00 on 2 December there (20:30 UTC on the 1st) it is yesterday.
    const kolkata: ReaderClock = { locale: 'en', timezone: 'Asia/Kolkata', region: 'IN' };
    expect(time(kolkata, new Date('2026-12-01T20:30:00Z'))).toBe('yesterday, 9:18 pm IST');
    expect(time({ locale: 'de', timezone: 'Europe/Berlin', region: 'DE' }, new Date('2026-12-02T09:00:00Z'))).toBe('gestern, 16:48 MEZ');
    expect(time({ locale: 'fr', timezone: 'Europe/Paris', region: 'FR' }, new Date('2026-12-02T09:00:00Z'))).toBe('hier, 16:48 UTC+1');
    // The same instant is still today in New York.
    expect(time({ locale: 'en', timezone: 'America/New_York', region: 'US' }, new Date('2026-12-02T03:00:00Z'))).toBe('10:48 AM EST');
    expect(time(kolkata, new Date('2026-12-04T06:00:00Z'))).toBe('Tuesday, 9:18 pm IST');
    expect(time(kolkata, new Date('2026-12-20T06:00:00Z'))).toBe('1 Dec, 9:18 pm IST');
    expect(time(kolkata, new Date('2027-01-20T06:00:00Z'))).toBe('1 Dec 2026, 9:18 pm IST');
  });

  it('survives a zone the runtime does not know and a region that is not one', () => {
    expect(time({ locale: 'en', timezone: 'Mars/Olympus', region: 'IN' }, later(H))).toContain('UTC');
    expect(clockLocale({ locale: 'en', timezone: 'UTC', region: 'WORLD' })).toBe('en');
    expect(clockLocale({ locale: 'fr', timezone: 'UTC', region: 'ca' })).toBe('fr-CA');
  });
});

describe('times of day and chat times', () => {
  it('writes a set digest time in the reader digits, on the 24-hour clock the commands take', () => {
    expect(timeOfDay('08:00', { locale: 'en', region: 'IN' })).toBe('08:00');
    expect(timeOfDay('19:30', { locale: 'ar', region: 'QA' })).toBe('١٩:٣٠');
    expect(timeOfDay('19:30', { locale: 'de' })).toBe('19:30');
  });

  it('shows a chat message time in the chat zone', () => {
    expect(chatTime(at, { locale: 'de', timezone: 'Europe/Berlin' })).toBe('16:48');
    expect(chatTime(at, { locale: 'en', timezone: 'Asia/Kolkata', region: 'IN' })).toBe('9:18 pm');
  });
});
