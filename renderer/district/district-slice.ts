import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { DistrictStatus, StationExportRequest } from '../../electron/contract/district';
import type { StationState } from '../store/types';
import { sortRequests, upsertRequest } from './district-requests';

export interface DistrictSlice {
  /** The station's link to its district centre (null until first read). */
  districtStatus: DistrictStatus | null;
  /** The centre's export requests, pending first (district-requests.ts). */
  districtRequests: StationExportRequest[];
  /**
   * Requests this console has shown in the panel: a pending request not among them
   * (arrived by event, or found pending on loading) keeps the banner up.
   */
  districtSeen: string[];
  /** Status and requests; called after the first load and on opening the panel. */
  loadDistrict(): Promise<void>;
  applyDistrictStatus(status: DistrictStatus): void;
  applyDistrictRequest(request: StationExportRequest): void;
  /** The officer opened the requests panel: the banner goes until the next request. */
  markDistrictRequestsSeen(): void;
  connectDistrict(credentials: string): Promise<DistrictStatus>;
  disconnectDistrict(): Promise<DistrictStatus>;
  decideDistrictRequest(
    requestId: string,
    decision: 'approved' | 'refused',
    reason: string,
  ): Promise<StationExportRequest>;
}

export const createDistrictSlice =
  (api: StationApi): StateCreator<StationState, [], [], DistrictSlice> =>
  (set, get) => ({
    districtStatus: null,
    districtRequests: [],
    districtSeen: [],
    loadDistrict: async () => {
      const [status, requests] = await Promise.all([
        api.district.status(),
        api.district.requests({ status: 'all' }),
      ]);
      set({ districtStatus: status, districtRequests: sortRequests(requests) });
    },
    applyDistrictStatus: (status) => set({ districtStatus: status }),
    applyDistrictRequest: (request) =>
      set({ districtRequests: upsertRequest(get().districtRequests, request) }),
    markDistrictRequestsSeen: () => {
      const seen = new Set(get().districtSeen);
      const fresh = get()
        .districtRequests.filter((r) => !seen.has(r.requestId))
        .map((r) => r.requestId);
      if (fresh.length) set({ districtSeen: [...seen, ...fresh] });
    },
    connectDistrict: async (credentials) => {
      const status = await api.district.connect({ credentials });
      set({ districtStatus: status });
      return status;
    },
    disconnectDistrict: async () => {
      const status = await api.district.disconnect();
      set({ districtStatus: status });
      return status;
    },
    decideDistrictRequest: async (requestId, decision, reason) => {
      const decided = await api.district.decide({ requestId, decision, reason });
      get().applyDistrictRequest(decided);
      return decided;
    },
  });

/** Pending requests nobody has looked at on this console yet (the banner's subject). */
export function unseenRequests(
  requests: readonly StationExportRequest[],
  seen: readonly string[],
): StationExportRequest[] {
  return requests.filter((r) => r.status === 'pending' && !seen.includes(r.requestId));
}
