import { describe, expect, it } from 'vitest';
import { callMembers, isPolite, MAX_CALL } from '../src/lib/live/call';
import { GUTTER, hallTabs, layoutHall, SEATS_PER_LINE, shade, shortStand, standPlace, TILE, GAP } from '../src/lib/live/hall';
import type { HallBooth } from '../src/lib/live/protocol';
import { areaPath, linePath, niceMax, pushSample, ranked } from '../src/lib/live/series';

const booth = (stand: string | null, name = stand ?? 'x', visitors = 0): HallBooth => ({
  booth: `id-${name}`,
  slug: name.toLowerCase(),
  name,
  stand,
  visitors,
});

describe('hall map', () => {
  it('reads stands as row and seat', () => {
    expect(standPlace('A-112')).toEqual({ row: 1, seat: 12 });
    expect(standPlace('D-340')).toEqual({ row: 3, seat: 40 });
    expect(standPlace('B-07')).toEqual({ row: 1, seat: 7 });
    expect(standPlace('B-27')).toEqual({ row: 2, seat: 7 });
    expect(standPlace('C 5')).toEqual({ row: 1, seat: 5 });
    expect(standPlace('A-100')).toBeNull();
    expect(standPlace('Main stage')).toBeNull();
    expect(standPlace(null)).toBeNull();
  });

  it('lays rows out as lines of twenty with an aisle after each row, others last', () => {
    const map = layoutHall([booth('A-101'), booth('A-140'), booth('A-121'), booth('A-201'), booth('Lobby'), booth('A-101', 'Twin')]);
    const at = (name: string) => map.tiles.find((t) => t.booth.name === name);
    const pitch = TILE + GAP;
    expect(at('A-101')).toMatchObject({ row: '1', seat: 1, x: GUTTER, y: 0 });
    expect(at('A-121')).toMatchObject({ x: GUTTER, y: pitch });
    expect(at('A-140')).toMatchObject({ x: GUTTER + (SEATS_PER_LINE - 1) * pitch, y: pitch });
    const row2 = at('A-201');
    expect(row2?.y).toBeGreaterThan(2 * pitch);
    // A second booth on a taken stand and unreadable stands go to the other block.
    expect(at('Lobby')?.row).toBe('');
    expect(at('Twin')?.row).toBe('');
    expect(map.rows.map((r) => r.label)).toEqual(['1', '2', '']);
    expect(map.width).toBe(GUTTER + SEATS_PER_LINE * pitch - GAP);
    // The same input gives the same map.
    expect(layoutHall([booth('A-201'), booth('A-101')]).tiles.map((t) => t.booth.name)).toEqual(['A-101', 'A-201']);
  });

  it('shades by share of the busiest booth', () => {
    expect(shade(0, 10)).toBe(0);
    expect(shade(1, 1)).toBe(2);
    expect(shade(10, 10)).toBe(4);
    expect(shade(6, 10)).toBe(3);
    expect(shade(1, 10)).toBe(1);
    expect(shortStand('A-112')).toBe('112');
  });
});

describe('dashboard series', () => {
  it('keeps a window of samples in time order', () => {
    let series = pushSample([], { at: 1_000, value: 1 }, 10_000);
    series = pushSample(series, { at: 1_000, value: 9 }, 10_000);
    series = pushSample(series, { at: 5_000, value: 2 }, 10_000);
    series = pushSample(series, { at: 12_000, value: 3 }, 10_000);
    expect(series.map((s) => s.value)).toEqual([2, 3]);
  });

  it('draws a path that breaks across gaps in the feed', () => {
    const frame = { width: 100, height: 50, from: 0, to: 10_000, max: 10 };
    const series = [
      { at: 0, value: 0 },
      { at: 1_000, value: 10 },
      { at: 9_000, value: 5 },
    ];
    expect(linePath(series, frame)).toBe('M0.0 50.0 L10.0 0.0 M90.0 25.0');
    expect(areaPath(series, frame)).toBe('');
    expect(areaPath(series.slice(0, 2), frame)).toBe('M0.0 50.0 L10.0 0.0 L10.0 50 L0.0 50 Z');
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(100)).toBe(100);
  });

  it('ranks counts, largest first', () => {
    expect(ranked({ JP: 2, TW: 5, KR: 2, VN: 0 })).toEqual([
      ['TW', 5],
      ['JP', 2],
      ['KR', 2],
    ]);
  });
});

describe('call', () => {
  it('agrees on who is in the call and who is polite', () => {
    expect(callMembers(['n.9', 'n.10', 'n.2', 'n.3', 'n.4'])).toHaveLength(MAX_CALL);
    expect(callMembers(['b', 'a', 'a'])).toEqual(['a', 'b']);
    expect(isPolite('n.2', 'n.10')).toBe(true);
    expect(isPolite('n.10', 'n.2')).toBe(false);
  });
});

describe('hall tabs', () => {
  const known = [
    { hall: 'A', booths: 210 },
    { hall: 'B', booths: 180 },
  ];

  it('lists the fair\'s halls with their booths, and a hall from the address that is not among them', () => {
    expect(hallTabs(known, 'B')).toEqual([
      { hall: 'A', booths: 210 },
      { hall: 'B', booths: 180 },
    ]);
    expect(hallTabs(known, 'Z')).toEqual([
      { hall: 'A', booths: 210 },
      { hall: 'B', booths: 180 },
      { hall: 'Z', booths: null },
    ]);
    expect(hallTabs([], '')).toEqual([]);
  });
});
