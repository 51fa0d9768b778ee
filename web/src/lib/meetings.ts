// Pure helpers for matchmaking and meetings: preference toggles, idempotency keys,
// calendar links, and how meetings, slots and schedule entries are grouped on screen.

export type Level = 'must' | 'meet' | 'no';
export const LEVELS: readonly Level[] = ['must', 'meet', 'no'];

/** Clicking the level already chosen clears it; another level replaces it. */
export function togglePreference(current: string | null | undefined, clicked: Level): Level | null {
  return current === clicked ? null : clicked;
}

/** A fresh idempotency key (a UUID). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The `Idempotency-Key` of one meeting request. A double click or a retry after a
 * lost answer sends the same key with the same body, so the server creates one
 * meeting and replays its answer. Once the server has answered (even with a 409),
 * the next attempt is a new request and gets a new key; so does a changed body.
 */
export class RequestKey {
  private key: string | null = null;
  private body: string | null = null;

  constructor(private readonly make: () => string = newIdempotencyKey) {}

  /** The key to send with this body. */
  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.key === null || text !== this.body) {
      this.key = this.make();
      this.body = text;
    }
    return this.key;
  }

  /** The server answered: the next attempt is a new request. */
  answered(): void {
    this.key = null;
    this.body = null;
  }
}

/** Whether an error means the server never answered (so a retry must reuse the key). */
export function unanswered(status: number): boolean {
  return status === 0 || status >= 500;
}

/** The `webcal://` form of a feed address, which calendar apps open as a subscription. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, 'webcal://');
}

// --- Meetings ------------------------------------------------------------------

export interface SlotLike {
  id: string;
  starts_at: string;
  ends_at: string;
  day: string;
}

export interface MeetingLike {
  id: string;
  status: string;
  actions: string[];
  slot?: SlotLike | null;
  proposed_slot?: SlotLike | null;
  updated_at: string;
  created_at: string;
}

export interface ScheduleSections<M> {
  /** Requests and proposed times waiting for the viewer's answer. */
  toAnswer: M[];
  /** Booked meetings, in time order. */
  upcoming: M[];
  /** The viewer's requests waiting for the other side. */
  waiting: M[];
  /** Declined, cancelled and expired, newest first. */
  closed: M[];
}

function startOf(m: MeetingLike): string {
  return m.slot?.starts_at ?? m.proposed_slot?.starts_at ?? '9999';
}

const byStart = (a: MeetingLike, b: MeetingLike) => startOf(a).localeCompare(startOf(b)) || a.id.localeCompare(b.id);

/** Split a company's meetings into what the schedule page shows, each part sorted. */
export function scheduleSections<M extends MeetingLike>(meetings: readonly M[]): ScheduleSections<M> {
  const sections: ScheduleSections<M> = { toAnswer: [], upcoming: [], waiting: [], closed: [] };
  for (const m of meetings) {
    if (m.actions.includes('accept')) sections.toAnswer.push(m);
    else if (m.status === 'accepted') sections.upcoming.push(m);
    else if (m.status === 'requested') sections.waiting.push(m);
    else sections.closed.push(m);
  }
  sections.toAnswer.sort(byStart);
  sections.upcoming.sort(byStart);
  sections.waiting.sort(byStart);
  sections.closed.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  return sections;
}

export interface DayGroup<T> {
  /** The fair day, `YYYY-MM-DD`, or '' for items without one. */
  day: string;
  items: T[];
}

/** Group items by fair day, days in order and items in their given order. */
export function groupByDay<T>(items: readonly T[], dayOf: (item: T) => string | null | undefined): DayGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const day = dayOf(item) ?? '';
    const list = groups.get(day);
    if (list) list.push(item);
    else groups.set(day, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([day, list]) => ({ day, items: list }));
}

/** The fair's slots by day, in time order. */
export function slotsByDay<S extends SlotLike>(slots: readonly S[]): DayGroup<S>[] {
  const sorted = [...slots].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  return groupByDay(sorted, (s) => s.day);
}

/** Slots the company is already booked in (accepted meetings), except one meeting. */
export function bookedSlots(meetings: readonly MeetingLike[], except?: string): Set<string> {
  const busy = new Set<string>();
  for (const m of meetings) {
    if (m.id !== except && m.status === 'accepted' && m.slot) busy.add(m.slot.id);
  }
  return busy;
}

/** Why a slot cannot be chosen: 'past', 'booked', 'unavailable', or null when free. */
export function slotBlock(
  slot: SlotLike,
  booked: ReadonlySet<string>,
  unavailable: ReadonlySet<string>,
  now: Date = new Date(),
): 'past' | 'booked' | 'unavailable' | null {
  if (new Date(slot.starts_at).getTime() <= now.getTime()) return 'past';
  if (booked.has(slot.id)) return 'booked';
  if (unavailable.has(slot.id)) return 'unavailable';
  return null;
}

// --- Scheduler -----------------------------------------------------------------

export interface PartyLike {
  id: string;
  name: string;
}

export interface EntryLike {
  id: string;
  buyer: PartyLike;
  supplier: PartyLike;
  slot: SlotLike;
}

export interface EntryGroup<E> {
  key: string;
  /** The slot (by slot) or the participant (by participant). */
  slot?: SlotLike;
  party?: PartyLike;
  entries: E[];
}

/** Draft entries by slot, in time order; within a slot by buyer name. */
export function entriesBySlot<E extends EntryLike>(entries: readonly E[]): EntryGroup<E>[] {
  const groups = new Map<string, EntryGroup<E>>();
  for (const e of entries) {
    const g = groups.get(e.slot.id);
    if (g) g.entries.push(e);
    else groups.set(e.slot.id, { key: e.slot.id, slot: e.slot, entries: [e] });
  }
  const list = [...groups.values()].sort((a, b) => (a.slot?.starts_at ?? '').localeCompare(b.slot?.starts_at ?? ''));
  for (const g of list) g.entries.sort((a, b) => a.buyer.name.localeCompare(b.buyer.name));
  return list;
}

/** Draft entries by buyer or by supplier, by name; each participant's entries in time order. */
export function entriesByParticipant<E extends EntryLike>(entries: readonly E[], side: 'buyer' | 'supplier'): EntryGroup<E>[] {
  const groups = new Map<string, EntryGroup<E>>();
  for (const e of entries) {
    const party = e[side];
    const g = groups.get(party.id);
    if (g) g.entries.push(e);
    else groups.set(party.id, { key: party.id, party, entries: [e] });
  }
  const list = [...groups.values()].sort((a, b) => (a.party?.name ?? '').localeCompare(b.party?.name ?? '') || a.key.localeCompare(b.key));
  for (const g of list) g.entries.sort((a, b) => a.slot.starts_at.localeCompare(b.slot.starts_at));
  return list;
}

/** A share as a whole percentage (0 when there is nothing to share). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

export interface PlacedEntry extends EntryLike {
  table?: { id: string } | null;
  interpreter?: { id: string } | null;
}

export interface EntryConflicts {
  /** Slots where the entry's buyer or supplier already has another entry. */
  busySlots: Set<string>;
  /** Tables taken by other entries, by slot. */
  tables: Map<string, Set<string>>;
  /** Interpreters taken by other entries, by slot. */
  interpreters: Map<string, Set<string>>;
}

/** What the other entries of a run leave free for one entry (the server checks again). */
export function entryConflicts(entries: readonly PlacedEntry[], entry: PlacedEntry): EntryConflicts {
  const busySlots = new Set<string>();
  const tables = new Map<string, Set<string>>();
  const interpreters = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, slot: string, id: string) => {
    const set = map.get(slot);
    if (set) set.add(id);
    else map.set(slot, new Set([id]));
  };
  for (const e of entries) {
    if (e.id === entry.id) continue;
    if (e.buyer.id === entry.buyer.id || e.supplier.id === entry.supplier.id) busySlots.add(e.slot.id);
    if (e.table) add(tables, e.slot.id, e.table.id);
    if (e.interpreter) add(interpreters, e.slot.id, e.interpreter.id);
  }
  return { busySlots, tables, interpreters };
}

/** Groups whose participant name contains the query (case and accents ignored). */
export function matchesName(name: string, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  return fold(name).includes(fold(query.trim()));
}
