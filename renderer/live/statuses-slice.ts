import type { StateCreator } from 'zustand';
import type { StreamKind, StreamStatus } from '../../electron/contract/schemas';
import type { StationState } from '../store/types';

export type StatusKey = `${string}:${StreamKind}`;

export interface StatusesSlice {
  /** What each live stream is doing; toasts and alerts follow camera health (health-slice). */
  statuses: Partial<Record<StatusKey, StreamStatus>>;
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
  },
});
