import { describe, expect, it } from 'vitest';
import {
  RequestKey,
  bookedSlots,
  entryConflicts,
  entriesByParticipant,
  entriesBySlot,
  groupByDay,
  matchesName,
  percent,
  scheduleSections,
  slotBlock,
  slotsByDay,
  togglePreference,
  unanswered,
  webcalUrl,
  type MeetingLike,
} from '../src/lib/meetings';

const slot = (id: string, starts_at: string, day = starts_at.slice(0, 10)) => ({ id, starts_at, ends_at: starts_at, day });

function meeting(id: string, status: string, actions: string[], start?: string, updated = '2026-11-01T00:00:00Z'): MeetingLike {
  return { id, status, actions, slot: start ? slot(`s-${id}`, start) : null, updated_at: updated, created_at: updated };
}

describe('preferences', () => {
  it('toggles a level on and off', () => {
    expect(togglePreference(null, 'must')).toBe('must');
    expect(togglePreference('must', 'must')).toBeNull();
    expect(togglePreference('meet', 'no')).toBe('no');
  });
});

describe('RequestKey', () => {
  it('keeps the key for a double click or a retry of the same body', () => {
    let n = 0;
    const key = new RequestKey(() => `k${++n}`);
    const body = { counterpart_id: 'a', slot_id: 's1' };
    expect(key.keyFor(body)).toBe('k1');
    expect(key.keyFor({ ...body })).toBe('k1');
  });

  it('makes a new key when the body changes or after an answer', () => {
    let n = 0;
    const key = new RequestKey(() => `k${++n}`);
    expect(key.keyFor({ slot_id: 's1' })).toBe('k1');
    expect(key.keyFor({ slot_id: 's2' })).toBe('k2');
    key.answered();
    expect(key.keyFor({ slot_id: 's2' })).toBe('k3');
  });

  it('tells unanswered failures from answers', () => {
    expect(unanswered(0)).toBe(true);
    expect(unanswered(503)).toBe(true);
    expect(unanswered(409)).toBe(false);
  });
});

describe('calendar links', () => {
  it('turns the feed address into a webcal link', () => {
    expect(webcalUrl('https://fair.example.vn/api/v1/calendar/abc.ics')).toBe('webcal://fair.example.vn/api/v1/calendar/abc.ics');
    expect(webcalUrl('http://127.0.0.1:8080/x.ics')).toBe('webcal://127.0.0.1:8080/x.ics');
  });
});

describe('scheduleSections', () => {
  it('puts what needs an answer first and sorts each part', () => {
    const list = [
      meeting('late', 'accepted', ['propose', 'cancel'], '2026-12-08T05:00:00Z'),
      meeting('early', 'accepted', ['propose', 'cancel'], '2026-12-08T03:00:00Z'),
      meeting('incoming', 'requested', ['accept', 'decline', 'propose', 'cancel'], '2026-12-08T04:00:00Z'),
      meeting('counter', 'accepted', ['accept', 'decline', 'propose', 'cancel'], '2026-12-08T02:00:00Z'),
      meeting('mine', 'requested', ['propose', 'cancel']),
      meeting('old', 'declined', [], undefined, '2026-11-01T00:00:00Z'),
      meeting('newer', 'cancelled', [], undefined, '2026-11-02T00:00:00Z'),
    ];
    const s = scheduleSections(list);
    expect(s.toAnswer.map((m) => m.id)).toEqual(['counter', 'incoming']);
    expect(s.upcoming.map((m) => m.id)).toEqual(['early', 'late']);
    expect(s.waiting.map((m) => m.id)).toEqual(['mine']);
    expect(s.closed.map((m) => m.id)).toEqual(['newer', 'old']);
  });

  it('knows the slots a company is booked in', () => {
    const list = [meeting('a', 'accepted', [], '2026-12-08T03:00:00Z'), meeting('b', 'requested', [], '2026-12-08T04:00:00Z')];
    expect([...bookedSlots(list)]).toEqual(['s-a']);
    expect([...bookedSlots(list, 'a')]).toEqual([]);
  });
});

describe('slots', () => {
  it('groups slots by fair day in time order', () => {
    const groups = slotsByDay([
      slot('c', '2026-12-09T02:00:00Z'),
      slot('b', '2026-12-08T03:00:00Z'),
      slot('a', '2026-12-08T02:00:00Z'),
    ]);
    expect(groups.map((g) => [g.day, g.items.map((s) => s.id)])).toEqual([
      ['2026-12-08', ['a', 'b']],
      ['2026-12-09', ['c']],
    ]);
  });

  it('puts items without a day last', () => {
    expect(groupByDay([{ d: null }, { d: '2026-12-08' }], (x) => x.d).map((g) => g.day)).toEqual(['2026-12-08', '']);
  });

  it('blocks past, booked and unavailable slots', () => {
    const now = new Date('2026-12-08T03:00:00Z');
    const s = slot('x', '2026-12-08T04:00:00Z');
    expect(slotBlock(slot('p', '2026-12-08T02:00:00Z'), new Set(), new Set(), now)).toBe('past');
    expect(slotBlock(s, new Set(['x']), new Set(), now)).toBe('booked');
    expect(slotBlock(s, new Set(), new Set(['x']), now)).toBe('unavailable');
    expect(slotBlock(s, new Set(), new Set(), now)).toBeNull();
  });
});

describe('schedule entries', () => {
  const entry = (id: string, buyer: string, supplier: string, start: string) => ({
    id,
    buyer: { id: `b-${buyer}`, name: buyer },
    supplier: { id: `s-${supplier}`, name: supplier },
    slot: slot(`slot-${start}`, start),
  });
  const entries = [
    entry('1', 'Izumi', 'Tân Phát', '2026-12-08T03:00:00Z'),
    entry('2', 'Chung Hwa', 'Tân Phát', '2026-12-08T02:00:00Z'),
    entry('3', 'Daeil', 'Nhật Minh', '2026-12-08T03:00:00Z'),
    entry('4', 'Izumi', 'Nhật Minh', '2026-12-08T02:30:00Z'),
  ];

  it('groups by slot in time order', () => {
    const groups = entriesBySlot(entries);
    expect(groups.map((g) => g.entries.map((e) => e.id))).toEqual([['2'], ['4'], ['3', '1']]);
  });

  it('groups by buyer or supplier, each in time order', () => {
    expect(entriesByParticipant(entries, 'buyer').map((g) => [g.party?.name, g.entries.map((e) => e.id)])).toEqual([
      ['Chung Hwa', ['2']],
      ['Daeil', ['3']],
      ['Izumi', ['4', '1']],
    ]);
    expect(entriesByParticipant(entries, 'supplier').map((g) => g.party?.name)).toEqual(['Nhật Minh', 'Tân Phát']);
  });

  it('computes shares', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('entryConflicts', () => {
  const e = (id: string, buyer: string, supplier: string, slotId: string, table?: string, interpreter?: string) => ({
    id,
    buyer: { id: buyer, name: buyer },
    supplier: { id: supplier, name: supplier },
    slot: slot(slotId, '2026-12-08T03:00:00Z'),
    table: table ? { id: table } : null,
    interpreter: interpreter ? { id: interpreter } : null,
  });

  it('finds the slots, tables and interpreters other entries hold', () => {
    const entries = [e('1', 'B1', 'S1', 'x', 'T1', 'I1'), e('2', 'B1', 'S2', 'y', 'T1'), e('3', 'B2', 'S1', 'z'), e('4', 'B3', 'S3', 'x', 'T2', 'I2')];
    const c = entryConflicts(entries, entries[0] as (typeof entries)[number]);
    expect([...c.busySlots].sort()).toEqual(['y', 'z']);
    expect([...(c.tables.get('x') ?? [])]).toEqual(['T2']);
    expect([...(c.interpreters.get('x') ?? [])]).toEqual(['I2']);
    expect(c.tables.get('y')?.has('T1')).toBe(true);
  });

  it('matches names without accents', () => {
    expect(matchesName('Công ty Đúc HPT', 'duc hpt')).toBe(true);
    expect(matchesName('Izumi Systems', 'izu')).toBe(true);
    expect(matchesName('Izumi Systems', 'tan phat')).toBe(false);
  });
});
