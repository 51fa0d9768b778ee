// Small helpers between form inputs (strings) and API bodies (nullable values).
import { ApiError } from '../api/client';

/** Trimmed text, or null when empty. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** A whole number typed in a field, or null when empty. Invalid input gives NaN, which the server rejects. */
export function intOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  let text = String(value).trim().replace(/[\s_]/g, '');
  if (text === '') return null;
  // Thousands grouped with dots (vi) or commas (en): 10.000 or 10,000.
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) text = text.replace(/[.,]/g, '');
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Number to a field's text. */
export function numText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A comma- or semicolon-separated list typed in one field. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;、，\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Ask before deleting. */
export function confirmed(message: string): boolean {
  return typeof window === 'undefined' ? true : window.confirm(message);
}

/**
 * Check a form before sending: required fields that are empty and number fields
 * that are not whole numbers (JSON would turn NaN into null). Returns an `ApiError`
 * shaped like the server's 422, or null when all is well. The server checks again.
 */
export function checkForm(
  required: Record<string, boolean>,
  numbers: Record<string, number | null> = {},
  invalid: Record<string, boolean> = {},
): ApiError | null {
  const fields = [
    ...Object.entries(invalid)
      .filter(([field, bad]) => bad && required[field] !== false)
      .map(([field]) => ({ field, code: 'invalid', message: '' })),
    ...Object.entries(required)
      .filter(([, present]) => !present)
      .map(([field]) => ({ field, code: 'required', message: '' })),
    ...Object.entries(numbers)
      .filter(([, v]) => v !== null && (Number.isNaN(v) || v < 0))
      .map(([field]) => ({ field, code: 'invalid', message: '' })),
  ];
  if (fields.length === 0) return null;
  return new ApiError(422, { code: 'validation_failed', message: '', fields });
}
