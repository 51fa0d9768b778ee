import { describe, expect, it } from 'vitest';
import { checkForm, intOrNull, splitList, textOrNull } from '../src/lib/forms';

describe('form helpers', () => {
  it('reads whole numbers, with thousands separators', () => {
    expect(intOrNull('')).toBeNull();
    expect(intOrNull(' 42 ')).toBe(42);
    expect(intOrNull('10.000')).toBe(10000);
    expect(intOrNull('10,000')).toBe(10000);
    expect(intOrNull('1.5')).toBeNaN();
    expect(intOrNull('abc')).toBeNaN();
  });

  it('flags missing and invalid fields like the server does', () => {
    expect(checkForm({ name: true }, { moq: 10, tolerance_um: null })).toBeNull();
    const err = checkForm({ name: false, product_group: true }, { moq: Number.NaN, tolerance_um: -5 }, { zone: true });
    expect(err?.status).toBe(422);
    expect(err?.fields.map((f) => `${f.field}:${f.code}`)).toEqual(['zone:invalid', 'name:required', 'moq:invalid', 'tolerance_um:invalid']);
    expect(err?.field('moq')?.code).toBe('invalid');
    // An empty required field is reported once, as required.
    expect(checkForm({ zone: false }, {}, { zone: true })?.fields.map((f) => f.code)).toEqual(['required']);
  });

  it('splits lists and trims texts', () => {
    expect(splitList('ABS, PC;  nhôm ADC12、鋼')).toEqual(['ABS', 'PC', 'nhôm ADC12', '鋼']);
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' x ')).toBe('x');
  });
});
