import { describe, expect, it } from 'vitest';
import { vi as viDict } from '../src/lib/i18n/vi';
import { en } from '../src/lib/i18n/en';
import { ja } from '../src/lib/i18n/ja';
import { zhHant } from '../src/lib/i18n/zh-Hant';
import { format } from '../src/lib/text';

const dictionaries: Record<string, Record<string, string>> = { vi: viDict, en, ja, 'zh-Hant': zhHant };

function placeholders(text: string): string[] {
  // `{name}` and the variable of `{n, plural, ...}`, not the words inside plural branches.
  const names = new Set<string>();
  for (const m of text.matchAll(/\{(\w+)(?:\}|, plural,)/g)) names.add(m[1] ?? '');
  return [...names].sort();
}

describe('dictionaries', () => {
  const allKeys = new Set(Object.values(dictionaries).flatMap((d) => Object.keys(d)));

  for (const [lang, dict] of Object.entries(dictionaries)) {
    it(`${lang} has every key any dictionary has`, () => {
      const missing = [...allKeys].filter((k) => !(k in dict));
      expect(missing).toEqual([]);
    });

    it(`${lang} has no empty strings`, () => {
      const empty = Object.entries(dict).filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty).toEqual([]);
    });

    it(`${lang} uses the same placeholders as Vietnamese`, () => {
      const wrong = Object.keys(viDict).filter(
        (k) => JSON.stringify(placeholders(dict[k] ?? '')) !== JSON.stringify(placeholders((viDict as Record<string, string>)[k] ?? '')),
      );
      expect(wrong).toEqual([]);
    });
  }

  it('translations are not left in Vietnamese', () => {
    // A few labels that must differ from Vietnamese in every other language.
    for (const key of ['nav.directory', 'nav.signIn', 'booth.products', 'booth.certifications', 'cert.expired'] as const) {
      for (const lang of ['en', 'ja', 'zh-Hant']) expect(dictionaries[lang]?.[key]).not.toBe(viDict[key]);
    }
  });
});

describe('format', () => {
  it('fills placeholders and formats numbers in the locale', () => {
    expect(format('{n} doanh nghiệp', { n: 1234 }, 'vi')).toBe('1.234 doanh nghiệp');
    expect(format('Hall {hall}', { hall: 'A' }, 'en')).toBe('Hall A');
  });

  it('picks English plural forms', () => {
    const t = '{n, plural, one {# exhibitor} other {# exhibitors}}';
    expect(format(t, { n: 1 }, 'en')).toBe('1 exhibitor');
    expect(format(t, { n: 0 }, 'en')).toBe('0 exhibitors');
    expect(format(t, { n: 2500 }, 'en')).toBe('2,500 exhibitors');
  });

  it('leaves unknown placeholders alone', () => {
    expect(format('{a} {b}', { a: 'x' }, 'en')).toBe('x {b}');
  });
});
