// A small history-API router: the server answers every client route with index.html.
// `route` is reactive; links inside the app are intercepted in `handleLinkClick`.

export const route = $state({
  path: typeof location === 'undefined' ? '/' : location.pathname,
  search: typeof location === 'undefined' ? '' : location.search,
});

function sync(): void {
  route.path = location.pathname;
  route.search = location.search;
}

export interface NavigateOptions {
  replace?: boolean;
  /** Keep the scroll position (e.g. when only filters change). */
  keepScroll?: boolean;
}

/** Go to an in-app URL (path and query). */
export function navigate(href: string, options: NavigateOptions = {}): void {
  const url = new URL(href, location.href);
  const next = url.pathname + url.search + url.hash;
  const current = location.pathname + location.search + location.hash;
  if (next !== current) {
    if (options.replace) history.replaceState(null, '', next);
    else history.pushState(null, '', next);
  }
  sync();
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** Paths the server answers itself: a normal page load, never client routing. */
export function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/vendor/') || path === '/healthz' || path === '/readyz' || path === '/metrics';
}

/** Intercept clicks on same-origin links so they route without reloading. */
export function handleLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute('download') || anchor.dataset.external !== undefined) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || isServerPath(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function startRouter(): void {
  window.addEventListener('popstate', sync);
  document.addEventListener('click', handleLinkClick);
}

/**
 * Match a path against a pattern like `/booths/:slug`; returns the decoded
 * parameters, or null.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}
