// The removable drives, asked again every few seconds while the dialog is open:
// a stick plugged in or pulled out shows up without a click (main has no
// hot-plug event to push, and a query every 3 s costs nothing).
import { useEffect, useState } from 'react';
import type { ExportDrive } from '../../electron/contract/export-schemas';
import { errorKey } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import { useApi } from '../store/store-context';

export const DRIVES_REFRESH_MS = 3_000;

export interface DrivesState {
  drives: ExportDrive[];
  /** False until the first answer. */
  loaded: boolean;
  error: MessageKey | null;
}

export function useDrives(): DrivesState {
  const api = useApi();
  const [state, setState] = useState<DrivesState>({ drives: [], loaded: false, error: null });
  useEffect(() => {
    let alive = true;
    let inFlight = false;
    const ask = async () => {
      // A slow answer (a drive spinning up) is not asked for again on top of itself.
      if (inFlight) return;
      inFlight = true;
      try {
        const drives = await api.exports.drives();
        if (alive) setState({ drives, loaded: true, error: null });
      } catch (e) {
        if (alive) setState((s) => ({ ...s, loaded: true, error: errorKey(e) }));
      } finally {
        inFlight = false;
      }
    };
    void ask();
    const timer = setInterval(() => void ask(), DRIVES_REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);
  return state;
}
