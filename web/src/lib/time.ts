// Times are stored in UTC and shown in the viewer's zone (Vietnam UTC+7, Japan UTC+9,
// Taiwan and Hong Kong UTC+8). Plain dates (certificate validity) have no zone.

export type InstantStyle = 'datetime' | 'date' | 'time';

const STYLES: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  datetime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
};

/** The zone of this browser, e.g. `Asia/Ho_Chi_Minh`. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Ho_Chi_Minh';
  } catch {
    return 'Asia/Ho_Chi_Minh';
  }
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Format a UTC instant (ISO 8601, e.g. `2026-05-12T02:00:00Z`) in an IANA zone, in
 * the given UI locale. With `withZone`, the zone's offset is appended (`GMT+7`).
 */
export function formatInstant(
  iso: string | Date,
  zone: string,
  locale: string,
  style: InstantStyle = 'datetime',
  withZone = false,
): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  const options: Intl.DateTimeFormatOptions = { ...STYLES[style], timeZone: isValidZone(zone) ? zone : 'UTC' };
  if (withZone && style !== 'date') options.timeZoneName = 'shortOffset';
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** The zone's UTC offset at an instant, e.g. `GMT+9`. */
export function zoneOffset(iso: string | Date, zone: string, locale = 'en'): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** Format a plain calendar date (`YYYY-MM-DD`) without shifting it through a zone. */
export function formatPlainDate(value: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { ...STYLES.date, timeZone: 'UTC' }).format(date);
}

/** Today's date in a zone, as `YYYY-MM-DD`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: isValidZone(zone) ? zone : 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type Validity = 'valid' | 'expired' | 'not_yet';

/** Whether a certificate is in force on `today` (all `YYYY-MM-DD`, compared as strings). */
export function validity(validFrom: string | null | undefined, validUntil: string, today: string): Validity {
  if (validUntil < today) return 'expired';
  if (validFrom && validFrom > today) return 'not_yet';
  return 'valid';
}

/** A relative wait ("in 15 minutes") for a number of seconds. */
export function formatWait(seconds: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 90) return rtf.format(Math.max(1, Math.round(seconds)), 'second');
  if (seconds < 90 * 60) return rtf.format(Math.ceil(seconds / 60), 'minute');
  return rtf.format(Math.ceil(seconds / 3600), 'hour');
}
