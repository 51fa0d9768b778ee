// The typed API client: openapi-fetch over the paths generated from openapi.json.
// Every error body is `{ code, message, fields? }`; `call` turns a failed response
// into an `ApiError` so pages can show the message and per-field errors.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type I18nText = Schemas['I18nText'];
export type Me = Schemas['Me'];
export type Taxonomy = Schemas['Taxonomy'];
export type TaxonomyEntry = Schemas['TaxonomyEntry'];
export type ExhibitorView = Schemas['ExhibitorView'];
export type ExhibitorProfileInput = Schemas['ExhibitorProfileInput'];
export type ProductView = Schemas['ProductView'];
export type ProductInput = Schemas['ProductInput'];
export type CertificationView = Schemas['CertificationView'];
export type CertificationInput = Schemas['CertificationInput'];
export type MediaView = Schemas['MediaView'];
export type StaffView = Schemas['StaffView'];
export type StaffInput = Schemas['StaffInput'];
export type BuyerView = Schemas['BuyerView'];
export type BuyerInput = Schemas['BuyerInput'];
export type NeedView = Schemas['NeedView'];
export type NeedInput = Schemas['NeedInput'];
export type DirectoryResult = Schemas['DirectoryResult'];
export type DirectoryHit = Schemas['DirectoryHit'];
export type BoothPage = Schemas['BoothPage'];
export type InvitationCreated = Schemas['InvitationCreated'];
export type InvitationSummary = Schemas['InvitationSummary'];
export type InvitationView = Schemas['InvitationView'];
export type OpenDataSummary = Schemas['OpenDataSummary'];
export type FieldError = Schemas['FieldError'];
export type ErrorBody = Schemas['ErrorBody'];
export type CreateExhibitorBody = Schemas['CreateExhibitor'];
export type FairView = Schemas['FairView'];
export type FairSetupInput = Schemas['FairSetupInput'];
export type FairDayInput = Schemas['FairDayInput'];
export type SlotView = Schemas['SlotView'];
export type TableView = Schemas['TableView'];
export type InterpreterView = Schemas['InterpreterView'];
export type RuleView = Schemas['RuleView'];
export type RuleInput = Schemas['RuleInput'];
export type ParticipantSettingsView = Schemas['ParticipantSettingsView'];
export type Recommendation = Schemas['Recommendation'];
export type RecommendationList = Schemas['RecommendationList'];
export type ReasonView = Schemas['ReasonView'];
export type MeetingView = Schemas['MeetingView'];
export type MeetingRequestInput = Schemas['MeetingRequestInput'];
export type PartyView = Schemas['PartyView'];
export type ScheduleRunView = Schemas['ScheduleRunView'];
export type ScheduleStats = Schemas['ScheduleStats'];
export type ScheduleEntryView = Schemas['ScheduleEntryView'];
export type ScheduleEntryInput = Schemas['ScheduleEntryInput'];
export type UnscheduledView = Schemas['UnscheduledView'];
export type RoomView = Schemas['RoomView'];

export const api = createClient<paths>({
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  credentials: 'same-origin',
});

/** A failed API call: HTTP status and the server's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  /** Seconds to wait, from `Retry-After` (429). */
  readonly retryAfter: number | null;

  constructor(status: number, body: Partial<ErrorBody> | undefined, retryAfter: number | null = null) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'network' : 'http_error');
    this.fields = body?.fields ?? [];
    this.retryAfter = retryAfter;
  }

  /** The message for one field (exact path, or the first error under it, e.g. `name` for `name.vi`). */
  field(path: string): FieldError | undefined {
    return (
      this.fields.find((f) => f.field === path) ??
      this.fields.find((f) => f.field.startsWith(`${path}.`) || f.field.startsWith(`${path}[`))
    );
  }
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Await an openapi-fetch call and return its data, or throw `ApiError`.
 * Network failures become an `ApiError` with status 0 and code `network`.
 */
export async function call<T>(promise: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await promise;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, { code: 'network', message: String(err) });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = isErrorBody(error) ? error : undefined;
    throw new ApiError(response.status, body, parseRetryAfter(response.headers.get('retry-after')));
  }
  return data as T;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Upload a file to an exhibitor's media (multipart: kind, caption as JSON, file). */
export function uploadMedia(
  exhibitorId: string,
  kind: string,
  file: File,
  caption: I18nText,
): Promise<MediaView> {
  const form = new FormData();
  form.set('kind', kind);
  const filled = Object.fromEntries(Object.entries(caption).filter(([, v]) => v.trim() !== ''));
  if (Object.keys(filled).length > 0) form.set('caption', JSON.stringify(filled));
  form.set('file', file, file.name);
  return call(
    api.POST('/api/v1/exhibitors/{id}/media', {
      params: { path: { id: exhibitorId } },
      // The generated type says `file: string` (format binary); the body is the form.
      body: { kind, file: '' },
      bodySerializer: () => form,
    }),
  );
}
