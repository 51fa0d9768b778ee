// Pure helpers for the organiser's fair set-up: the slots a day yields (the same rule
// as the server: one every `slot minutes` from opening, a slot that would overlap a
// break starts again at the break's end), table labels in series, and how well
// interpreters cover the slots.

export interface DayPlan {
  date: string;
  opens_at: string;
  closes_at: string;
  breaks: [string, string][];
}

/** Minutes since midnight of "HH:MM", or null. */
export function minutesOf(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** "HH:MM" of minutes since midnight. */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The local start and end ("HH:MM") of each slot of a day; empty when the day is not valid. */
export function daySlots(day: DayPlan, slotMinutes: number): [string, string][] {
  const opens = minutesOf(day.opens_at);
  const closes = minutesOf(day.closes_at);
  if (opens === null || closes === null || closes <= opens || !(slotMinutes >= 5)) return [];
  const breaks = day.breaks
    .map(([a, b]) => [minutesOf(a), minutesOf(b)] as const)
    .filter((b): b is readonly [number, number] => b[0] !== null && b[1] !== null && b[1] > b[0]);
  const slots: [string, string][] = [];
  let start = opens;
  while (start + slotMinutes <= closes) {
    const stop = start + slotMinutes;
    const overlap = breaks.find(([from, to]) => start < to && stop > from);
    if (overlap) {
      start = overlap[1];
      continue;
    }
    slots.push([hhmm(start), hhmm(stop)]);
    start = stop;
  }
  return slots;
}

/** The day after a `YYYY-MM-DD` date. */
export function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `count` table labels starting at `first`: "A1" → A1, A2, A3; "T" → T1, T2. */
export function seriesLabels(first: string, count: number): string[] {
  const label = first.trim();
  if (count <= 1) return label ? [label] : [];
  const m = /^(.*?)(\d+)$/.exec(label);
  const prefix = m ? (m[1] ?? '') : label;
  const start = m ? Number(m[2]) : 1;
  const width = m ? (m[2] ?? '').length : 0;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(start + i).padStart(width, '0')}`);
}

export interface InterpreterLike {
  language: string;
  slots: string[];
}

export interface Coverage {
  language: string;
  people: number;
  /** Fewest and most interpreters in any slot of the fair. */
  min: number;
  max: number;
  /** Slots of the fair with none. */
  uncovered: number;
}

/** For each interpreted language: how many interpreters, and how the slots are covered. */
export function coverage(interpreters: readonly InterpreterLike[], slotIds: readonly string[]): Coverage[] {
  const byLanguage = new Map<string, InterpreterLike[]>();
  for (const person of interpreters) {
    const list = byLanguage.get(person.language);
    if (list) list.push(person);
    else byLanguage.set(person.language, [person]);
  }
  return [...byLanguage.entries()]
    .map(([language, people]) => {
      const counts = slotIds.map((slot) => people.filter((p) => p.slots.includes(slot)).length);
      return {
        language,
        people: people.length,
        min: counts.length ? Math.min(...counts) : 0,
        max: counts.length ? Math.max(...counts) : 0,
        uncovered: counts.filter((c) => c === 0).length,
      };
    })
    .sort((a, b) => a.language.localeCompare(b.language));
}
