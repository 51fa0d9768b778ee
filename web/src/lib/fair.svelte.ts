// The fair's set-up (`GET /api/v1/fair`): days, slots and its time zone, loaded once
// and shared by every page that shows or picks a slot. Organisers reload it after a change.
import { api, call, type FairView, type SlotView } from '../api/client';

export const fair = $state({ data: null as FairView | null, error: null as unknown });

let loading: Promise<FairView | null> | null = null;

export function loadFair(force = false): Promise<FairView | null> {
  if (force) loading = null;
  loading ??= call(api.GET('/api/v1/fair')).then(
    (data) => {
      fair.data = data;
      fair.error = null;
      return data;
    },
    (err: unknown) => {
      fair.error = err;
      loading = null;
      return null;
    },
  );
  return loading;
}

/** Use a fresh set-up (after an organiser saved it). */
export function setFair(data: FairView): void {
  fair.data = data;
  fair.error = null;
  loading = Promise.resolve(data);
}

/** The fair's zone (Hanoi until it is known). */
export function fairZone(): string {
  return fair.data?.time_zone ?? 'Asia/Ho_Chi_Minh';
}

/** A slot of the fair by id. */
export function slotById(id: string): SlotView | undefined {
  return fair.data?.slots.find((s) => s.id === id);
}
