import { describe, expect, it } from 'vitest';
import { formatInstant, formatPlainDate, formatWait, todayIn, validity, zoneOffset } from '../src/lib/time';

describe('formatInstant', () => {
  // 02:00 UTC: 09:00 in Hanoi, 10:00 in Taipei, 11:00 in Tokyo.
  const instant = '2026-05-12T02:00:00Z';

  it('shows the same instant in each viewer zone', () => {
    expect(formatInstant(instant, 'Asia/Ho_Chi_Minh', 'en-GB', 'time')).toBe('09:00');
    expect(formatInstant(instant, 'Asia/Taipei', 'en-GB', 'time')).toBe('10:00');
    expect(formatInstant(instant, 'Asia/Tokyo', 'en-GB', 'time')).toBe('11:00');
  });

  it('can name the offset', () => {
    expect(formatInstant(instant, 'Asia/Tokyo', 'en', 'time', true)).toContain('GMT+9');
    expect(zoneOffset(instant, 'Asia/Ho_Chi_Minh')).toBe('GMT+7');
  });

  it('moves the date across midnight', () => {
    const late = '2026-05-12T16:30:00Z';
    expect(formatInstant(late, 'Asia/Tokyo', 'en-GB', 'date')).toContain('13');
    expect(formatInstant(late, 'UTC', 'en-GB', 'date')).toContain('12');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(formatInstant(instant, 'Mars/Olympus', 'en-GB', 'time')).toBe('02:00');
  });
});

describe('plain dates and validity', () => {
  it('formats a calendar date without shifting it', () => {
    expect(formatPlainDate('2027-01-31', 'en-GB')).toBe('31 Jan 2027');
    expect(formatPlainDate('not a date', 'en')).toBe('not a date');
  });

  it('finds today in a zone', () => {
    const now = new Date('2026-05-12T20:00:00Z');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-05-13');
    expect(todayIn('UTC', now)).toBe('2026-05-12');
  });

  it('tells valid, expired and not-yet-valid certificates apart', () => {
    expect(validity('2024-01-01', '2027-01-01', '2026-05-12')).toBe('valid');
    expect(validity(null, '2026-05-12', '2026-05-12')).toBe('valid');
    expect(validity(null, '2026-05-11', '2026-05-12')).toBe('expired');
    expect(validity('2026-06-01', '2029-06-01', '2026-05-12')).toBe('not_yet');
  });
});

describe('formatWait', () => {
  it('says how long to wait', () => {
    expect(formatWait(900, 'en')).toBe('in 15 minutes');
    expect(formatWait(30, 'en')).toBe('in 30 seconds');
  });
});
