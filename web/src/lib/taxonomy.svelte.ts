// The closed lists (sectors, product groups, processes, countries, ...) come from
// `GET /api/v1/taxonomy`, labelled in the four UI languages.
import { api, call, type Taxonomy, type TaxonomyEntry } from '../api/client';
import { DICTIONARIES, i18n, type Key } from './i18n/index.svelte';

export type TaxonomyKind = keyof Taxonomy;

export const taxonomy = $state({ data: null as Taxonomy | null, failed: false });

const indexes = new Map<TaxonomyKind, Map<string, TaxonomyEntry>>();
let loading: Promise<void> | null = null;

export function loadTaxonomy(): Promise<void> {
  loading ??= call(api.GET('/api/v1/taxonomy')).then(
    (data) => {
      indexes.clear();
      taxonomy.data = data;
      taxonomy.failed = false;
    },
    () => {
      taxonomy.failed = true;
      loading = null;
    },
  );
  return loading;
}

function entry(kind: TaxonomyKind, code: string): TaxonomyEntry | undefined {
  const data = taxonomy.data;
  if (!data) return undefined;
  let index = indexes.get(kind);
  if (!index) {
    index = new Map(data[kind].map((e) => [e.code, e]));
    indexes.set(kind, index);
  }
  return index.get(code);
}

/**
 * The server labels units in English only: the UI's own short unit names (`unit.pcs`,
 * ...) take precedence where the dictionary has them.
 */
function localUnit(code: string): string | null {
  const key = `unit.${code}` as Key;
  return DICTIONARIES[i18n.locale][key] ?? null;
}

function entryLabel(kind: TaxonomyKind, e: TaxonomyEntry): string {
  if (kind === 'units') {
    const local = localUnit(e.code);
    if (local) return local;
  }
  return e.labels[i18n.locale] || e.labels.en || e.code;
}

/** The label of a code in the UI language (the code itself when unknown). */
export function label(kind: TaxonomyKind, code: string | null | undefined): string {
  if (!code) return '';
  const found = entry(kind, code);
  if (found) return entryLabel(kind, found);
  return (kind === 'units' && localUnit(code)) || code;
}

/** Labels of several codes. */
export function labels(kind: TaxonomyKind, codes: readonly string[]): string[] {
  return codes.map((c) => label(kind, c));
}

export function hints(kind: TaxonomyKind, code: string): string[] {
  return entry(kind, code)?.hints ?? [];
}

export function parentOf(kind: TaxonomyKind, code: string): string | null {
  return entry(kind, code)?.parent ?? null;
}

export interface Option {
  code: string;
  label: string;
  parent?: string | null;
}

/** The entries of a list, labelled in the UI language, in the server's order. */
export function options(kind: TaxonomyKind): Option[] {
  const list = taxonomy.data?.[kind] ?? [];
  return list.map((e) => ({ code: e.code, label: entryLabel(kind, e), parent: e.parent ?? null }));
}
