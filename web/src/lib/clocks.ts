// Meeting times on two clocks: the fair's (its zone, e.g. Asia/Ho_Chi_Minh) and the
// viewer's own (this browser's zone). Slots are stored in UTC; every screen that
// shows a slot shows both, labelled with the place, e.g. "10:00 Hà Nội · 12:00 Tokyo".
// Times use a 24-hour clock in every language: a fair timetable is read by the hour.
import { isValidZone } from './time';

type Places = Record<'vi' | 'en' | 'ja' | 'zh-Hant', string>;

/** Places named in the four UI languages, for the zones the fair's visitors live in. */
const ZONE_PLACES: Record<string, Places> = {
  // Vietnam has one zone; the fair is in Hanoi.
  'Asia/Ho_Chi_Minh': { vi: 'Hà Nội', en: 'Hanoi', ja: 'ハノイ', 'zh-Hant': '河內' },
  'Asia/Saigon': { vi: 'Hà Nội', en: 'Hanoi', ja: 'ハノイ', 'zh-Hant': '河內' },
  'Asia/Bangkok': { vi: 'Bangkok', en: 'Bangkok', ja: 'バンコク', 'zh-Hant': '曼谷' },
  'Asia/Tokyo': { vi: 'Tokyo', en: 'Tokyo', ja: '東京', 'zh-Hant': '東京' },
  'Asia/Seoul': { vi: 'Seoul', en: 'Seoul', ja: 'ソウル', 'zh-Hant': '首爾' },
  'Asia/Taipei': { vi: 'Đài Bắc', en: 'Taipei', ja: '台北', 'zh-Hant': '臺北' },
  'Asia/Hong_Kong': { vi: 'Hồng Kông', en: 'Hong Kong', ja: '香港', 'zh-Hant': '香港' },
  'Asia/Shanghai': { vi: 'Thượng Hải', en: 'Shanghai', ja: '上海', 'zh-Hant': '上海' },
  'Asia/Singapore': { vi: 'Singapore', en: 'Singapore', ja: 'シンガポール', 'zh-Hant': '新加坡' },
  'Asia/Kuala_Lumpur': { vi: 'Kuala Lumpur', en: 'Kuala Lumpur', ja: 'クアラルンプール', 'zh-Hant': '吉隆坡' },
  'Asia/Jakarta': { vi: 'Jakarta', en: 'Jakarta', ja: 'ジャカルタ', 'zh-Hant': '雅加達' },
  'Asia/Manila': { vi: 'Manila', en: 'Manila', ja: 'マニラ', 'zh-Hant': '馬尼拉' },
  'Asia/Kolkata': { vi: 'Ấn Độ', en: 'India', ja: 'インド', 'zh-Hant': '印度' },
  'Europe/Berlin': { vi: 'Berlin', en: 'Berlin', ja: 'ベルリン', 'zh-Hant': '柏林' },
  'Europe/London': { vi: 'London', en: 'London', ja: 'ロンドン', 'zh-Hant': '倫敦' },
  'Europe/Paris': { vi: 'Paris', en: 'Paris', ja: 'パリ', 'zh-Hant': '巴黎' },
  'America/New_York': { vi: 'New York', en: 'New York', ja: 'ニューヨーク', 'zh-Hant': '紐約' },
  'America/Los_Angeles': { vi: 'Los Angeles', en: 'Los Angeles', ja: 'ロサンゼルス', 'zh-Hant': '洛杉磯' },
  UTC: { vi: 'UTC', en: 'UTC', ja: 'UTC', 'zh-Hant': 'UTC' },
};

/** The place a zone is named after, in the UI language: `Asia/Tokyo` → "東京" (ja). */
export function zonePlace(zone: string, locale: string): string {
  const known = ZONE_PLACES[zone];
  if (known) return known[(locale in known ? locale : 'en') as keyof Places];
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

function safeZone(zone: string): string {
  return isValidZone(zone) ? zone : 'UTC';
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** "10:00" in the zone, 24-hour. */
export function clockTime(iso: string | Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: safeZone(zone) }).format(
    toDate(iso),
  );
}

/** "10:00–10:30" in the zone. */
export function timeRange(start: string | Date, end: string | Date, zone: string, locale: string): string {
  return `${clockTime(start, zone, locale)}–${clockTime(end, zone, locale)}`;
}

/** The calendar date of an instant in a zone, `YYYY-MM-DD`. */
export function dateIn(iso: string | Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: safeZone(zone), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    toDate(iso),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A plain date (`YYYY-MM-DD`) as a day heading: "Tue, 8 Dec". */
export function formatDay(day: string, locale: string, withYear = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** The UTC offset of a zone at an instant in minutes (Tokyo: 540). */
export function offsetMinutes(iso: string | Date, zone: string): number {
  const date = toDate(iso);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: safeZone(zone),
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** "GMT+7", "GMT+5:30". */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `GMT${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** One clock's reading of a slot. */
export interface ClockReading {
  zone: string;
  place: string;
  /** "10:00–10:30" */
  range: string;
  /** The date there, `YYYY-MM-DD`. */
  date: string;
  /** "GMT+9" */
  offset: string;
}

export interface SlotClocks {
  fair: ClockReading;
  /** The viewer's clock, or null when it reads the same as the fair's. */
  own: ClockReading | null;
  /** The viewer's date differs from the fair's (the slot falls on another day there). */
  ownDateDiffers: boolean;
}

function reading(start: string | Date, end: string | Date, zone: string, locale: string): ClockReading {
  return {
    zone,
    place: zonePlace(zone, locale),
    range: timeRange(start, end, zone, locale),
    date: dateIn(start, zone),
    offset: offsetLabel(offsetMinutes(start, zone)),
  };
}

/** A slot read on the fair's clock and on the viewer's. */
export function slotClocks(start: string | Date, end: string | Date, fairZone: string, ownZone: string, locale: string): SlotClocks {
  const fair = reading(start, end, fairZone, locale);
  const same = offsetMinutes(start, fairZone) === offsetMinutes(start, ownZone) && offsetMinutes(end, fairZone) === offsetMinutes(end, ownZone);
  if (same) return { fair, own: null, ownDateDiffers: false };
  const own = reading(start, end, ownZone, locale);
  return { fair, own, ownDateDiffers: own.date !== fair.date };
}

/** Both clocks as one line of text: "10:00–10:30 Hà Nội · 12:00–12:30 Tokyo". */
export function slotClocksText(start: string | Date, end: string | Date, fairZone: string, ownZone: string, locale: string): string {
  const c = slotClocks(start, end, fairZone, ownZone, locale);
  const fair = `${c.fair.range} ${c.fair.place}`;
  if (!c.own) return fair;
  const ownDay = c.ownDateDiffers ? ` (${formatDay(c.own.date, locale)})` : '';
  return `${fair} · ${c.own.range} ${c.own.place}${ownDay}`;
}
