import { describe, expect, it } from 'vitest';
import { isServerPath, matchPath } from '../src/lib/router.svelte';

describe('matchPath', () => {
  it('matches static and parameterised routes', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/directory', '/directory/')).toEqual({});
    expect(matchPath('/booths/:slug', '/booths/nhua-thang-long')).toEqual({ slug: 'nhua-thang-long' });
    expect(matchPath('/booths/:slug', '/booths/c%C3%B4ng-ty')).toEqual({ slug: 'công-ty' });
    expect(matchPath('/booths/:slug', '/booths')).toBeNull();
    expect(matchPath('/exhibitor', '/exhibitor/123')).toBeNull();
  });

  it('leaves server paths to the server', () => {
    expect(isServerPath('/api/docs')).toBe(true);
    expect(isServerPath('/api/v1/open-data/exhibitors.csv')).toBe(true);
    expect(isServerPath('/vendor/scalar/standalone.js')).toBe(true);
    expect(isServerPath('/apiary')).toBe(false);
    expect(isServerPath('/directory')).toBe(false);
  });
});
