import { describe, expect, it } from 'vitest';
import { coverage, daySlots, hhmm, minutesOf, nextDate, seriesLabels } from '../src/lib/fairSetup';

describe('daySlots', () => {
  it('skips a slot that would overlap a break, like the server', () => {
    // The server's own test: 09:00–12:00, 30 minutes, break 10:15–10:30.
    const slots = daySlots({ date: '2026-12-08', opens_at: '09:00', closes_at: '12:00', breaks: [['10:15', '10:30']] }, 30);
    expect(slots.map(([a]) => a)).toEqual(['09:00', '09:30', '10:30', '11:00', '11:30']);
  });

  it('fits only whole slots before closing', () => {
    expect(daySlots({ date: 'x', opens_at: '09:00', closes_at: '10:10', breaks: [] }, 20)).toEqual([
      ['09:00', '09:20'],
      ['09:20', '09:40'],
      ['09:40', '10:00'],
    ]);
  });

  it('gives nothing for an invalid day', () => {
    expect(daySlots({ date: 'x', opens_at: '17:00', closes_at: '09:00', breaks: [] }, 30)).toEqual([]);
    expect(daySlots({ date: 'x', opens_at: '9am', closes_at: '17:00', breaks: [] }, 30)).toEqual([]);
    expect(daySlots({ date: 'x', opens_at: '09:00', closes_at: '17:00', breaks: [] }, 0)).toEqual([]);
  });

  it('parses and prints times', () => {
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('24:00')).toBeNull();
    expect(hhmm(510)).toBe('08:30');
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});

describe('seriesLabels', () => {
  it('numbers tables in series', () => {
    expect(seriesLabels('A1', 3)).toEqual(['A1', 'A2', 'A3']);
    expect(seriesLabels('T09', 2)).toEqual(['T09', 'T10']);
    expect(seriesLabels('Bàn', 2)).toEqual(['Bàn1', 'Bàn2']);
    expect(seriesLabels('A7', 1)).toEqual(['A7']);
    expect(seriesLabels(' ', 1)).toEqual([]);
  });
});

describe('coverage', () => {
  it('counts interpreters per language and slot', () => {
    const c = coverage(
      [
        { language: 'ja', slots: ['s1', 's2'] },
        { language: 'ja', slots: ['s2'] },
        { language: 'ko', slots: ['s3'] },
      ],
      ['s1', 's2', 's3'],
    );
    expect(c).toEqual([
      { language: 'ja', people: 2, min: 0, max: 2, uncovered: 1 },
      { language: 'ko', people: 1, min: 0, max: 1, uncovered: 2 },
    ]);
  });
});
