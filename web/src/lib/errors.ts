// Turning API errors into text: a localized headline for the codes the UI knows,
// the server's own `message` as detail, and per-field messages for forms.
import { ApiError } from '../api/client';
import { i18n, t, type Key } from './i18n/index.svelte';
import { formatWait } from './time';

const CODE_KEYS: Record<string, Key> = {
  network: 'error.network',
  invalid_credentials: 'error.invalid_credentials',
  gone: 'error.gone',
  not_found: 'error.not_found',
  forbidden: 'error.forbidden',
  unauthenticated: 'error.unauthorized',
  payload_too_large: 'error.payload_too_large',
  unsupported_file_type: 'error.unsupported_file_type',
  limit_reached: 'error.limit_reached',
  slug_taken: 'error.slug_taken',
  stand_taken: 'error.stand_taken',
  email_taken: 'error.email_taken',
  certificate_exists: 'error.certificate_exists',
  cannot_remove_self: 'error.cannot_remove_self',
  validation_failed: 'error.validation_failed',
  cross_site_request: 'error.cross_site',
  supplier_busy: 'error.supplier_busy',
  buyer_busy: 'error.buyer_busy',
  no_table_free: 'error.no_table_free',
  interpreter_busy: 'error.interpreter_busy',
  already_requested: 'error.already_requested',
  not_pending: 'error.not_pending',
  expired: 'error.expired',
  declined_by_counterpart: 'error.declined_by_counterpart',
  not_allowed: 'error.not_allowed',
  buyer_unavailable: 'error.buyer_unavailable',
  supplier_unavailable: 'error.supplier_unavailable',
  not_scheduled: 'error.not_scheduled',
  idempotency_key_reused: 'error.idempotency_key_reused',
  request_in_progress: 'error.request_in_progress',
  label_taken: 'error.label_taken',
  in_use: 'error.in_use',
  slot_in_use: 'error.slot_in_use',
  schedule_running: 'error.schedule_running',
  no_slots: 'error.no_slots',
  run_not_provisional: 'error.run_not_provisional',
  table_taken: 'error.table_taken',
  interpreter_unavailable: 'error.interpreter_unavailable',
  accepted_meeting: 'error.accepted_meeting',
  schedule_stale: 'error.schedule_stale',
};

const FIELD_KEYS: Record<string, Key> = {
  required: 'field.required',
  too_long: 'field.too_long',
  too_short: 'field.too_short',
  invalid: 'field.invalid',
  unknown: 'field.unknown',
};

/** The headline to show for an error. */
export function errorHeadline(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'too_many_attempts') {
      return err.retryAfter != null
        ? t('error.too_many_attempts_wait', { when: formatWait(err.retryAfter, i18n.locale) })
        : t('error.too_many_attempts');
    }
    const key = CODE_KEYS[err.code];
    if (key) return t(key);
    if (err.status === 401) return t('error.unauthorized');
    if (err.status === 403) return t('error.forbidden');
    if (err.status === 404) return t('error.not_found');
    if (err.status === 408) return t('error.timeout');
    if (err.status === 413) return t('error.payload_too_large');
    if (err.status === 415) return t('error.unsupported_file_type');
    if (err.status >= 500) return t('error.server');
    return err.message || t('error.generic');
  }
  return t('error.generic');
}

/** Codes whose server message adds facts to the localized headline (which limit, which file). */
const DETAIL_CODES = new Set([
  'limit_reached',
  'payload_too_large',
  'unsupported_file_type',
  'unsupported_media_type',
  'invalid_reference',
  'invalid_body',
  'conflict',
  'precondition_failed',
]);

/** The server's own message, when it says more than the localized headline. */
export function errorDetail(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) return null;
  if (!DETAIL_CODES.has(err.code)) return null;
  const headline = errorHeadline(err);
  return err.message && err.message !== headline ? err.message : null;
}

/** The error for one form field (path as in the request, e.g. `name` or `valid_until`). */
export function fieldError(err: unknown, path: string): string | null {
  if (!(err instanceof ApiError)) return null;
  const found = err.field(path);
  if (!found) return null;
  const key = FIELD_KEYS[found.code];
  return key ? t(key) : found.message;
}

/** The server's own message for a field, e.g. "at most 200 characters". */
export function fieldDetail(err: unknown, path: string): string | null {
  if (!(err instanceof ApiError)) return null;
  return err.field(path)?.message ?? null;
}
