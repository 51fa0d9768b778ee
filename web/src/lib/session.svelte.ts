// Who is signed in (`GET /api/v1/auth/me`, 401 when signed out), sign-in and
// sign-out, and the user's language preference.
import { api, ApiError, call, type Me } from '../api/client';
import { i18n, setLocale } from './i18n/index.svelte';
import { isLocale, type Locale } from './text';
import { browserZone } from './time';

export const session = $state({ me: null as Me | null, loaded: false });

export async function loadMe(): Promise<void> {
  try {
    session.me = await call(api.GET('/api/v1/auth/me'));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) console.warn('could not load the session', err);
    session.me = null;
  } finally {
    session.loaded = true;
  }
}

/** Use a fresh session (after sign-in or accepting an invitation): adopt its language. */
export function adopt(me: Me): void {
  session.me = me;
  session.loaded = true;
  if (isLocale(me.user.preferred_language)) setLocale(me.user.preferred_language);
}

export async function login(email: string, password: string): Promise<Me> {
  const me = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
  adopt(me);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await call(api.POST('/api/v1/auth/logout'));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
  }
  session.me = null;
}

/** Switch the UI language; for a signed-in user also save it on the server. */
export async function changeLanguage(locale: Locale): Promise<void> {
  setLocale(locale);
  const me = session.me;
  if (!me || me.user.preferred_language === locale) return;
  try {
    session.me = await call(
      api.PUT('/api/v1/auth/me', {
        body: { display_name: me.user.display_name, preferred_language: locale, time_zone: me.user.time_zone },
      }),
    );
  } catch (err) {
    console.warn('could not save the language preference', err);
  }
}

/** The zone times are shown in: the user's, else this browser's. */
export function viewerZone(): string {
  return session.me?.user.time_zone || browserZone();
}

/** The page a user starts on after signing in. */
export function homeFor(me: Me | null): string {
  switch (me?.user.role) {
    case 'exhibitor':
      return '/exhibitor';
    case 'buyer':
      return '/buyer';
    case 'organiser':
      return '/organiser';
    default:
      return '/directory';
  }
}

export function isOrganiser(): boolean {
  return session.me?.user.role === 'organiser';
}

/** Whether the signed-in user may edit this exhibitor's booth. */
export function canEditExhibitor(exhibitorId: string): boolean {
  const user = session.me?.user;
  if (!user) return false;
  return user.role === 'organiser' || (user.role === 'exhibitor' && user.organisation_id === exhibitorId);
}

export function currentLocale(): Locale {
  return i18n.locale;
}
