// Loading a company's meetings and its own availability, shared by the schedule,
// the request dialog and the slot pickers.
import { api, call, type MeetingView, type ParticipantSettingsView } from '../api/client';

/** Every meeting and request of a company (all pages), newest first. */
export async function loadMeetings(organisationId: string, status?: string): Promise<MeetingView[]> {
  const all: MeetingView[] = [];
  let cursor: string | undefined;
  // A company has at most a few hundred meetings; 50 pages of 100 is a safety stop.
  for (let page = 0; page < 50; page++) {
    const result = await call(
      api.GET('/api/v1/meetings', {
        params: { query: { limit: 100, organisation_id: organisationId, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } },
      }),
    );
    all.push(...result.items);
    if (!result.next_cursor) break;
    cursor = result.next_cursor;
  }
  return all;
}

export function loadParticipant(organisationId: string): Promise<ParticipantSettingsView> {
  return call(api.GET('/api/v1/participants/{id}', { params: { path: { id: organisationId } } }));
}
