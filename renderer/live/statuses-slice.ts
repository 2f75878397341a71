import type { StateCreator } from 'zustand';
import type { StreamKind, StreamStatus } from '../../electron/contract/schemas';
import type { StationState } from '../store/types';

export type StatusKey = `${string}:${StreamKind}`;

export interface StatusesSlice {
  statuses: Partial<Record<StatusKey, StreamStatus>>;
  /** Cameras whose offline alert has been raised and not yet cleared. */
  alertedOffline: Record<string, true>;
  applyStatus(status: StreamStatus): void;
  setStatuses(statuses: StreamStatus[]): void;
}

export const statusKey = (cameraId: string, stream: StreamStatus['stream']): StatusKey =>
  `${cameraId}:${stream}`;

export const createStatusesSlice: StateCreator<StationState, [], [], StatusesSlice> = (
  set,
  get,
) => ({
  statuses: {},
  alertedOffline: {},
  setStatuses: (list) => {
    const statuses: StatusesSlice['statuses'] = {};
    for (const s of list) statuses[statusKey(s.cameraId, s.stream)] = s;
    set({ statuses });
  },
  applyStatus: (status) => {
    const key = statusKey(status.cameraId, status.stream);
    const prev = get().statuses[key];
    if (prev && prev.since > status.since) return; // stale event
    set({ statuses: { ...get().statuses, [key]: status } });

    const camera = get().cameras.find((c) => c.id === status.cameraId);
    const name = camera?.name ?? status.cameraId;
    const alerted = get().alertedOffline[status.cameraId] === true;
    // One alert per camera outage, whichever of its streams notices first.
    if (status.state === 'offline' && !alerted) {
      set({
        alertedOffline: { ...get().alertedOffline, [status.cameraId]: true },
        alertSeq: get().alertSeq + 1,
      });
      get().pushToast({ kind: 'alert', key: 'toast.offline', params: { name }, at: status.since });
    } else if (status.state === 'auth_failed' && prev?.state !== 'auth_failed') {
      get().pushToast({ kind: 'warning', key: 'toast.authFailed', params: { name }, at: null });
    } else if (status.state === 'live' && alerted) {
      const rest = { ...get().alertedOffline };
      delete rest[status.cameraId];
      set({ alertedOffline: rest });
      get().pushToast({ kind: 'info', key: 'toast.online', params: { name }, at: status.since });
    }
  },
});
