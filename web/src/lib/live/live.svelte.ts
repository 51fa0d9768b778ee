// The tab's one live connection and its reactive status. Signed-in users hold it on
// every page (they count as online and hear chat invitations anywhere); anonymous
// visitors connect only on pages that need it (booths, halls), as the visitor id
// kept in localStorage, so one person in several tabs counts once.
import { loadMe, session } from '../session.svelte';
import { LiveClient, type LiveStatus } from './client';

export const liveState = $state({ status: 'idle' as LiveStatus });

const VISITOR_KEY = 'fair.visitor';
let memoryVisitor: string | null = null;

/** A random id of 22 URL-safe characters. */
function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** This browser's anonymous visitor id (8–64 of A–Z a–z 0–9 - _), kept in localStorage. */
export function visitorId(): string {
  try {
    const saved = localStorage.getItem(VISITOR_KEY);
    if (saved && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
    const fresh = randomId();
    localStorage.setItem(VISITOR_KEY, fresh);
    return fresh;
  } catch {
    memoryVisitor ??= randomId();
    return memoryVisitor;
  }
}

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/live`;
}

export const live = new LiveClient({
  url: socketUrl,
  identity: () => ({ signedIn: session.me != null, visitor: visitorId() }),
  onSessionLapsed: () => void loadMe(),
  onStatus: (status) => {
    liveState.status = status;
    // Refused for good while signed in (e.g. the session ended): see whether we still
    // are; if not, the app signs out and the connection goes on as a visitor.
    if (status === 'failed' && session.me) void loadMe();
  },
});

let identity: string | null | undefined;

/**
 * Keep the connection in step with the session (call from the app's root effect):
 * signed-in users hold it; signing in or out reconnects as the new person.
 */
export function followSession(userId: string | null): (() => void) | undefined {
  if (identity !== undefined && identity !== userId) live.restart();
  identity = userId;
  return userId ? live.acquire() : undefined;
}

let started = false;

/** Reconnect at once when the browser comes back online. */
export function startLive(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => live.reconnectNow());
}
