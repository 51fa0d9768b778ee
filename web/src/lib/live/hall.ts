// The virtual hall's floor map: booths placed by their stand number. Stands read
// like "A-112": hall A, row 1, seat 12 (numbers of three or more digits: the last two
// are the seat); a two-digit number like "B-07" is seat 7 in rows of SEATS_PER_LINE.
// Each row is drawn as lines of SEATS_PER_LINE seats with an aisle after each row,
// so a 40-seat row becomes two facing lines of 20, narrow enough for a phone.
// Booths without a readable stand follow in an "other" block. Deterministic: the
// same booths give the same map every second.
import type { HallBooth } from './protocol';

export const SEATS_PER_LINE = 20;
export const TILE = 40;
export const GAP = 4;
export const AISLE = 22;
export const GUTTER = 34;

export interface Tile {
  booth: HallBooth;
  /** Row label ("1", "2", … or "" for the other block). */
  row: string;
  seat: number;
  x: number;
  y: number;
}

export interface RowLabel {
  label: string;
  y: number;
  height: number;
}

export interface HallMap {
  tiles: Tile[];
  rows: RowLabel[];
  width: number;
  height: number;
}

export interface StandPlace {
  row: number;
  seat: number;
}

/** Row and seat of a stand label, or null when it does not read as one. */
export function standPlace(stand: string | null | undefined): StandPlace | null {
  const match = /^[A-Za-z]*[-\s]?(\d{1,5})$/.exec((stand ?? '').trim());
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  if (!Number.isFinite(number) || number <= 0) return null;
  if (match[1].length >= 3) {
    const row = Math.floor(number / 100);
    const seat = number % 100;
    if (seat === 0) return null;
    return { row, seat };
  }
  return { row: Math.floor((number - 1) / SEATS_PER_LINE) + 1, seat: ((number - 1) % SEATS_PER_LINE) + 1 };
}

export function layoutHall(booths: HallBooth[]): HallMap {
  const byRow = new Map<number, { booth: HallBooth; seat: number }[]>();
  const other: HallBooth[] = [];
  const taken = new Set<string>();
  for (const booth of booths) {
    const place = standPlace(booth.stand);
    const key = place ? `${place.row}:${place.seat}` : '';
    if (!place || taken.has(key)) {
      other.push(booth);
      continue;
    }
    taken.add(key);
    const list = byRow.get(place.row) ?? [];
    list.push({ booth, seat: place.seat });
    byRow.set(place.row, list);
  }

  const tiles: Tile[] = [];
  const rows: RowLabel[] = [];
  let y = 0;
  let widest = 0;
  const pitch = TILE + GAP;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const seats = byRow.get(row) ?? [];
    const lines = Math.max(1, Math.ceil(Math.max(...seats.map((s) => s.seat)) / SEATS_PER_LINE));
    for (const { booth, seat } of seats) {
      const line = Math.floor((seat - 1) / SEATS_PER_LINE);
      const column = (seat - 1) % SEATS_PER_LINE;
      tiles.push({ booth, row: String(row), seat, x: GUTTER + column * pitch, y: y + line * pitch });
      widest = Math.max(widest, column + 1);
    }
    rows.push({ label: String(row), y, height: lines * pitch - GAP });
    y += lines * pitch + AISLE;
  }
  if (other.length > 0) {
    const sorted = [...other].sort((a, b) => (a.stand ?? '').localeCompare(b.stand ?? '') || a.name.localeCompare(b.name));
    sorted.forEach((booth, index) => {
      const column = index % SEATS_PER_LINE;
      const line = Math.floor(index / SEATS_PER_LINE);
      tiles.push({ booth, row: '', seat: index + 1, x: GUTTER + column * pitch, y: y + line * pitch });
      widest = Math.max(widest, column + 1);
    });
    const lines = Math.ceil(sorted.length / SEATS_PER_LINE);
    rows.push({ label: '', y, height: lines * pitch - GAP });
    y += lines * pitch + AISLE;
  }
  tiles.sort((a, b) => a.y - b.y || a.x - b.x);
  return { tiles, rows, width: GUTTER + Math.max(1, widest) * pitch - GAP, height: Math.max(pitch, y - AISLE) };
}

/** The seat part of a stand for a small tile ("A-112" → "112"). */
export function shortStand(stand: string | null | undefined): string {
  const value = (stand ?? '').trim();
  const match = /(\d+)$/.exec(value);
  return match?.[1] ?? value.slice(0, 4);
}

/** Occupancy shade from 0 (empty) to 4 (the busiest booths of the hall). */
export function shade(visitors: number, busiest: number): 0 | 1 | 2 | 3 | 4 {
  if (visitors <= 0) return 0;
  if (busiest <= 1) return 2;
  const share = visitors / busiest;
  if (share > 0.75) return 4;
  if (share > 0.5) return 3;
  if (share > 0.25) return 2;
  return 1;
}

/** A hall of the fair and its published booths (`GET /api/v1/halls`). */
export interface HallSummary {
  hall: string;
  booths: number;
}

/**
 * The hall tabs: the fair's halls, and the one in the address if it is not among
 * them (a hall being set up, or a mistyped one: its page says it is empty).
 */
export function hallTabs(known: HallSummary[], current: string): { hall: string; booths: number | null }[] {
  const tabs: { hall: string; booths: number | null }[] = known.map((h) => ({ hall: h.hall, booths: h.booths }));
  if (current && !tabs.some((tab) => tab.hall === current)) tabs.push({ hall: current, booths: null });
  return tabs;
}
