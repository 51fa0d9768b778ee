// The UI language: a reactive locale, `t()` for dictionary strings and `tx()` for
// multilingual content. The choice persists in localStorage and `<html lang>`.
import { vi, type Key } from './vi';
import { en } from './en';
import { ja } from './ja';
import { zhHant } from './zh-Hant';
import { format, isLocale, pickText, type Locale, type Params, type Picked } from '../text';

export type { Key };

export const DICTIONARIES: Record<Locale, Record<Key, string>> = { vi, en, ja, 'zh-Hant': zhHant };

const STORAGE_KEY = 'fair.lang';

export const i18n = $state({ locale: 'vi' as Locale });

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The locale saved by the user, if any. */
export function storedLocale(): Locale | null {
  const saved = storage()?.getItem(STORAGE_KEY);
  return isLocale(saved) ? saved : null;
}

/** Pick the start-up locale: the saved choice, else Vietnamese (the fair's language). */
export function initLocale(): void {
  applyLocale(storedLocale() ?? 'vi');
}

/** Switch language and remember it. */
export function setLocale(locale: Locale): void {
  storage()?.setItem(STORAGE_KEY, locale);
  applyLocale(locale);
}

function applyLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = DICTIONARIES[locale]['app.short'];
  }
}

/** A dictionary string in the current language. */
export function t(key: Key, params?: Params): string {
  const locale = i18n.locale;
  const template = DICTIONARIES[locale][key] ?? DICTIONARIES.vi[key] ?? key;
  return format(template, params, locale);
}

/** Multilingual content in the current language, with the language actually shown. */
export function tx(text: Record<string, string> | null | undefined): Picked | null {
  return pickText(text, i18n.locale);
}

/** Set the page title: "<page> · <fair>". */
export function pageTitle(title: string | null): void {
  if (typeof document === 'undefined') return;
  const fair = DICTIONARIES[i18n.locale]['app.short'];
  document.title = title ? `${title} · ${fair}` : fair;
}
