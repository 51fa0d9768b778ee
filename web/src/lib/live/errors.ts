// A refused or failed live request, in the UI language.
import { t, type Key } from '../i18n/index.svelte';
import { LiveError } from './client';

const KEYS: Partial<Record<LiveError['code'], Key>> = {
  forbidden: 'live.error.forbidden',
  not_found: 'live.error.not_found',
  not_in_room: 'live.error.not_in_room',
  no_such_member: 'live.error.no_such_member',
  not_host: 'live.error.not_host',
  meeting_not_open: 'live.error.meeting_not_open',
  text_too_long: 'live.error.text_too_long',
  empty_text: 'live.error.empty_text',
  rate_limited: 'live.error.rate_limited',
  too_many: 'live.error.too_many',
  unavailable: 'live.error.unavailable',
  unauthenticated: 'live.error.unauthenticated',
  timeout: 'live.error.timeout',
  closed: 'live.error.closed',
};

export function liveErrorText(err: unknown): string {
  const key = err instanceof LiveError ? KEYS[err.code] : undefined;
  return t(key ?? 'live.error.generic');
}
