// Presence is counted per booth (the booth row's id, `booth_id` on the booth page).
import type { components } from '../../api/schema';

/** The booth id of a booth page. */
export function boothIdOf(page: components['schemas']['BoothPage']): string {
  return page.booth_id;
}
