// The fair's halls (those with published booths), shared by the home page, the
// virtual hall and the organisers' dashboard.
import { api, call } from '../../api/client';
import type { HallSummary } from './hall';

const FRESH_MS = 30_000;
let cached: { at: number; halls: Promise<HallSummary[]> } | null = null;

/** `GET /api/v1/halls`, asked again after 30 s (the server's Cache-Control) or a failure. */
export function fairHalls(): Promise<HallSummary[]> {
  const now = Date.now();
  if (!cached || now - cached.at > FRESH_MS) {
    const halls = call(api.GET('/api/v1/halls')).catch((err: unknown) => {
      cached = null;
      throw err;
    });
    cached = { at: now, halls };
  }
  return cached.halls;
}
