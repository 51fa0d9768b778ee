import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { errorHeadline } from '../src/lib/errors';
import { setLocale } from '../src/lib/i18n/index.svelte';

const conflict = (code: string) => new ApiError(409, { code, message: `server says ${code}` });

describe('meeting and scheduler errors', () => {
  it('turns each 409 code into a message in the UI language', () => {
    setLocale('en');
    expect(errorHeadline(conflict('supplier_busy'))).toBe('The supplier already has a meeting in this slot. Please choose another time.');
    setLocale('ja');
    expect(errorHeadline(conflict('buyer_busy'))).toContain('バイヤー');
    setLocale('vi');
    for (const code of [
      'supplier_busy',
      'buyer_busy',
      'no_table_free',
      'already_requested',
      'declined_by_counterpart',
      'idempotency_key_reused',
      'slot_in_use',
      'schedule_stale',
      'run_not_provisional',
      'table_taken',
    ]) {
      const text = errorHeadline(conflict(code));
      expect(text).not.toContain('server says');
      expect(text).not.toMatch(/^error\./);
    }
  });

  it('falls back to the server message for an unknown code, and names a timeout', () => {
    setLocale('en');
    expect(errorHeadline(conflict('something_new'))).toBe('server says something_new');
    expect(errorHeadline(new ApiError(408, undefined))).toContain('too long');
  });
});
