import { describe, expect, it } from 'vitest';
import { activeFilterCount, parseQuery, toApiParams, toggleValue, toSearch } from '../src/lib/directoryQuery';

describe('directory query in the URL', () => {
  it('round-trips through the query string', () => {
    const search = '?q=ep+phun&sector=ME,EL&process=P02&certified=true&sort=views';
    const query = parseQuery(search);
    expect(query.q).toBe('ep phun');
    expect(query.filters.sector).toEqual(['ME', 'EL']);
    expect(query.filters.process).toEqual(['P02']);
    expect(query.certified).toBe(true);
    expect(query.online).toBe(false);
    expect(query.sort).toBe('views');
    expect(parseQuery(toSearch(query))).toEqual(query);
    expect(toSearch(query)).toBe('?q=ep+phun&sector=ME,EL&process=P02&certified=true&sort=views');
  });

  it('ignores unknown sorts and empty values', () => {
    const query = parseQuery('?sort=price&group=,ME1,,ME1');
    expect(query.sort).toBe('');
    expect(query.filters.group).toEqual(['ME1']);
    expect(toSearch(parseQuery(''))).toBe('');
  });

  it('builds the API parameters', () => {
    const query = toggleValue(parseQuery('?q=CNC'), 'cert', 'ISO9001', true);
    expect(toApiParams(query, 'abc')).toEqual({ limit: 20, q: 'CNC', cert: 'ISO9001', cursor: 'abc' });
    expect(activeFilterCount(query)).toBe(1);
    expect(toggleValue(query, 'cert', 'ISO9001', false).filters.cert).toEqual([]);
  });
});
