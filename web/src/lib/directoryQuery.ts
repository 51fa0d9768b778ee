// The directory's search state lives in the URL so a search can be shared and the
// back button works. These helpers parse and write that query string.

export const FACETS = ['sector', 'group', 'process', 'cert', 'province', 'park', 'size', 'market', 'business'] as const;
export type Facet = (typeof FACETS)[number];

export const SORTS = ['relevance', 'name', 'views', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

export interface DirectoryQuery {
  q: string;
  filters: Record<Facet, string[]>;
  certified: boolean;
  online: boolean;
  /** Empty: the server's default (relevance with a query, name without). */
  sort: Sort | '';
}

export function emptyQuery(): DirectoryQuery {
  return {
    q: '',
    filters: Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as unknown as Record<Facet, string[]>,
    certified: false,
    online: false,
    sort: '',
  };
}

function list(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];
}

export function parseQuery(search: string): DirectoryQuery {
  const params = new URLSearchParams(search);
  const query = emptyQuery();
  query.q = params.get('q')?.trim() ?? '';
  for (const f of FACETS) query.filters[f] = list(params.get(f));
  query.certified = params.get('certified') === 'true';
  query.online = params.get('online') === 'true';
  const sort = params.get('sort');
  query.sort = (SORTS as readonly string[]).includes(sort ?? '') ? (sort as Sort) : '';
  return query;
}

/** The query string (with `?`, or empty) for a state, in a stable order. */
export function toSearch(query: DirectoryQuery): string {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q.trim());
  for (const f of FACETS) if (query.filters[f].length > 0) params.set(f, query.filters[f].join(','));
  if (query.certified) params.set('certified', 'true');
  if (query.online) params.set('online', 'true');
  if (query.sort) params.set('sort', query.sort);
  const text = params.toString().replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The API's query parameters for a state. */
export function toApiParams(query: DirectoryQuery, cursor?: string | null, limit = 20) {
  const out: Record<string, string | number | boolean> = { limit };
  if (query.q.trim()) out.q = query.q.trim();
  for (const f of FACETS) if (query.filters[f].length > 0) out[f] = query.filters[f].join(',');
  if (query.certified) out.certified = true;
  if (query.online) out.online = true;
  if (query.sort) out.sort = query.sort;
  if (cursor) out.cursor = cursor;
  return out;
}

export function activeFilterCount(query: DirectoryQuery): number {
  return FACETS.reduce((n, f) => n + query.filters[f].length, 0) + (query.certified ? 1 : 0) + (query.online ? 1 : 0);
}

export function toggleValue(query: DirectoryQuery, facet: Facet, value: string, on: boolean): DirectoryQuery {
  const current = query.filters[facet];
  const next = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
  return { ...query, filters: { ...query.filters, [facet]: next } };
}
