// Presence is per booth id (the booth row's id), which the booth page's REST view
// does not carry: it names the exhibitor (the organisation). Until it does
// (`booth_id` on `BoothPage`, used as soon as it appears), the id is read from the
// live hall feed, whose booths carry id and slug: watch the booth's hall once, find
// the slug, stop watching. Booths without a hall (online only) are not in any hall
// feed and cannot be counted yet.
import type { LiveClient } from './client';
import { LiveError } from './client';

const known = new Map<string, string>();

/** The booth id of an exhibitor's booth, by slug, or null when it cannot be found. */
export async function boothIdOf(
  live: LiveClient,
  page: { exhibitor: { slug: string; hall?: string | null } },
  timeoutMs = 10_000,
): Promise<string | null> {
  const direct = (page as { booth_id?: unknown }).booth_id;
  if (typeof direct === 'string' && direct) return direct;
  const { slug, hall } = page.exhibitor;
  const cached = known.get(slug);
  if (cached) return cached;
  if (!hall) return null;
  return new Promise<string | null>((resolve, reject) => {
    let done = false;
    let release: (() => void) | null = null;
    const finish = (value: string | null, err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      off();
      release?.();
      if (err) reject(err);
      else resolve(value);
    };
    const off = live.on('hall', (message) => {
      if (message.hall !== hall) return;
      for (const booth of message.booths) known.set(booth.slug, booth.booth);
      finish(known.get(slug) ?? null);
    });
    const timer = setTimeout(() => finish(null, new LiveError('timeout', 'no hall feed')), timeoutMs);
    release = live.watch({ kind: 'hall', hall }, (err) => finish(null, err));
    if (done) release();
  });
}
