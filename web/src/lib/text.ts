// Pure text helpers (no Svelte state): interpolation, plurals, picking a language
// from a multilingual `I18nText`, and the language codes the UI knows.

/** The languages of the user interface. */
export const UI_LOCALES = ['vi', 'en', 'ja', 'zh-Hant'] as const;
export type Locale = (typeof UI_LOCALES)[number];

/** Languages multilingual content (`I18nText`) may be written in, UI languages first. */
export const CONTENT_LANGS = ['vi', 'en', 'ja', 'zh-Hant', 'zh-Hans', 'ko', 'th'] as const;

/** Each UI language named in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = {
  vi: 'Tiếng Việt',
  en: 'English',
  ja: '日本語',
  'zh-Hant': '繁體中文',
};

/** Short markers for the language a text is shown in. */
export const LANG_MARKERS: Record<string, string> = {
  vi: 'VI',
  en: 'EN',
  ja: 'JA',
  'zh-Hant': '繁',
  'zh-Hans': '简',
  ko: 'KO',
  th: 'TH',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

export type Params = Record<string, string | number>;

/**
 * Fill `{name}` placeholders, and `{n, plural, one {…} other {…}}` (with `#` for the
 * number) using the locale's plural rules.
 */
export function format(template: string, params: Params | undefined, locale: string): string {
  if (!params) return template;
  const withPlurals = template.replace(
    /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g,
    (_match, name: string, branches: string) => {
      const value = Number(params[name] ?? 0);
      const options = new Map<string, string>();
      for (const m of branches.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) {
        options.set(m[1] ?? '', m[2] ?? '');
      }
      const exact = options.get(`=${value}`);
      const rule = new Intl.PluralRules(locale).select(value);
      const chosen = exact ?? options.get(rule) ?? options.get('other') ?? '';
      return chosen.replace(/#/g, formatNumber(value, locale));
    },
  );
  return withPlurals.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A text chosen from an `I18nText`, with the language it is in. */
export interface Picked {
  text: string;
  lang: string;
}

/**
 * Choose the text to show for UI language `locale`: that language when present, else
 * the sibling Chinese script, else English, else Vietnamese, else any language present.
 */
export function pickText(text: Record<string, string> | null | undefined, locale: string): Picked | null {
  if (!text) return null;
  const has = (lang: string) => typeof text[lang] === 'string' && text[lang].trim() !== '';
  const order = [locale];
  if (locale === 'zh-Hant') order.push('zh-Hans');
  if (locale === 'zh-Hans') order.push('zh-Hant');
  order.push('en', 'vi', ...CONTENT_LANGS);
  for (const lang of order) {
    if (has(lang)) return { text: text[lang] as string, lang };
  }
  for (const [lang, value] of Object.entries(text)) {
    if (value.trim() !== '') return { text: value, lang };
  }
  return null;
}

/** Keep only the languages that have text. */
export function compactText(text: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
}
