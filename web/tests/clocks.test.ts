import { describe, expect, it } from 'vitest';
import { clockTime, dateIn, formatDay, offsetLabel, offsetMinutes, slotClocks, slotClocksText, timeRange, zonePlace } from '../src/lib/clocks';

// 03:00 UTC is 10:00 in Hanoi and 12:00 in Tokyo.
const start = '2026-12-08T03:00:00Z';
const end = '2026-12-08T03:30:00Z';

describe('zonePlace', () => {
  it('names known zones in the UI language', () => {
    expect(zonePlace('Asia/Ho_Chi_Minh', 'vi')).toBe('Hà Nội');
    expect(zonePlace('Asia/Tokyo', 'ja')).toBe('東京');
    expect(zonePlace('Asia/Taipei', 'zh-Hant')).toBe('臺北');
    expect(zonePlace('Asia/Tokyo', 'en')).toBe('Tokyo');
  });

  it('falls back to the last part of the zone name', () => {
    expect(zonePlace('America/Sao_Paulo', 'vi')).toBe('Sao Paulo');
  });
});

describe('clocks', () => {
  it('reads a slot on a 24-hour clock in each zone', () => {
    expect(clockTime(start, 'Asia/Ho_Chi_Minh', 'en')).toBe('10:00');
    expect(clockTime('2026-12-08T08:00:00Z', 'Asia/Tokyo', 'en')).toBe('17:00');
    expect(clockTime('2026-12-08T08:00:00Z', 'Asia/Taipei', 'zh-Hant')).toBe('16:00');
    expect(timeRange(start, end, 'Asia/Tokyo', 'ja')).toBe('12:00–12:30');
  });

  it('knows offsets and dates', () => {
    expect(offsetMinutes(start, 'Asia/Tokyo')).toBe(540);
    expect(offsetMinutes(start, 'Asia/Ho_Chi_Minh')).toBe(420);
    expect(offsetMinutes(start, 'Asia/Kolkata')).toBe(330);
    expect(offsetLabel(330)).toBe('GMT+5:30');
    expect(offsetLabel(-300)).toBe('GMT−5');
    expect(dateIn('2026-12-08T16:30:00Z', 'Asia/Tokyo')).toBe('2026-12-09');
    expect(formatDay('2026-12-08', 'en')).toBe('Tue, Dec 8');
  });

  it('shows both clocks for a viewer in Tokyo', () => {
    const c = slotClocks(start, end, 'Asia/Ho_Chi_Minh', 'Asia/Tokyo', 'vi');
    expect(c.fair).toMatchObject({ place: 'Hà Nội', range: '10:00–10:30', offset: 'GMT+7' });
    expect(c.own).toMatchObject({ place: 'Tokyo', range: '12:00–12:30', offset: 'GMT+9' });
    expect(c.ownDateDiffers).toBe(false);
    expect(slotClocksText(start, end, 'Asia/Ho_Chi_Minh', 'Asia/Tokyo', 'vi')).toBe('10:00–10:30 Hà Nội · 12:00–12:30 Tokyo');
  });

  it('shows one clock when the viewer reads the same time as the fair', () => {
    expect(slotClocks(start, end, 'Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh', 'vi').own).toBeNull();
    // Bangkok is UTC+7 too.
    expect(slotClocks(start, end, 'Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'vi').own).toBeNull();
  });

  it('says when the slot falls on another day for the viewer', () => {
    // 16:00 in Hanoi is 01:00 the next day in Auckland (UTC+13 in December).
    const c = slotClocks('2026-12-08T09:00:00Z', '2026-12-08T09:30:00Z', 'Asia/Ho_Chi_Minh', 'Pacific/Auckland', 'en');
    expect(c.own?.range).toBe('22:00–22:30');
    expect(c.ownDateDiffers).toBe(false);
    const late = slotClocks('2026-12-08T11:00:00Z', '2026-12-08T11:30:00Z', 'Asia/Ho_Chi_Minh', 'Pacific/Auckland', 'en');
    expect(late.own?.date).toBe('2026-12-09');
    expect(late.ownDateDiffers).toBe(true);
    expect(slotClocksText('2026-12-08T11:00:00Z', '2026-12-08T11:30:00Z', 'Asia/Ho_Chi_Minh', 'Pacific/Auckland', 'en')).toBe(
      '18:00–18:30 Hanoi · 00:00–00:30 Auckland (Wed, Dec 9)',
    );
  });
});
