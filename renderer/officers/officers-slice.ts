// The station's officer accounts as the commander manages them. Only the
// officers dialog reads this; the sign-in list comes from auth.state.
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type { Officer, OfficerInput, OfficerUpdate } from '../../electron/contract/officer-schemas';
import type { StationState } from '../store/types';

export interface OfficersSlice {
  officers: Officer[];
  loadOfficers(): Promise<void>;
  createOfficer(input: OfficerInput): Promise<Officer>;
  updateOfficer(patch: OfficerUpdate): Promise<Officer>;
  resetOfficerPassword(id: string, password: string): Promise<void>;
}

/** Active first, then by name in Vietnamese order (as main lists them). */
export function sortOfficers(list: readonly Officer[]): Officer[] {
  const collator = new Intl.Collator('vi');
  return [...list].sort(
    (a, b) => Number(b.active) - Number(a.active) || collator.compare(a.fullName, b.fullName),
  );
}

export const createOfficersSlice =
  (api: StationApi): StateCreator<StationState, [], [], OfficersSlice> =>
  (set, get) => {
    const put = (officer: Officer) =>
      set({
        officers: sortOfficers([...get().officers.filter((o) => o.id !== officer.id), officer]),
      });
    return {
      officers: [],
      loadOfficers: async () => set({ officers: sortOfficers(await api.officers.list()) }),
      createOfficer: async (input) => {
        const officer = await api.officers.create(input);
        put(officer);
        return officer;
      },
      updateOfficer: async (patch) => {
        const officer = await api.officers.update(patch);
        put(officer);
        return officer;
      },
      resetOfficerPassword: async (id, password) => {
        await api.officers.resetPassword({ id, password });
      },
    };
  };
