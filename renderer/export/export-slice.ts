// Footage export in the renderer: the dialog's draft, the one running
// export with its progress, its outcome until the officer closes it, and the
// exports listed on the open incident.
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type {
  ExportProgress,
  ExportRecord,
  ExportSelection,
} from '../../electron/contract/export-schemas';
import { errorKey } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import type { StationState } from '../store/types';

/** What the export dialog opens with: an incident's cameras and range, or a playback range. */
export interface ExportDraft {
  incidentId: string | null;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
}

export interface IncidentExports {
  incidentId: string | null;
  items: ExportRecord[];
  loaded: boolean;
  error: MessageKey | null;
}

export interface ExportSlice {
  /** The dialog is open while this is set. */
  exportDraft: ExportDraft | null;
  openExportDialog(draft: ExportDraft): void;
  closeExportDialog(): void;

  /** The running export (from export.start / export.changed). */
  exportRunning: ExportRecord | null;
  /** Its latest 'export.progress'. */
  exportProgress: ExportProgress | null;
  /** How the last export ended (complete, failed, cancelled), shown until dismissed. */
  exportOutcome: ExportRecord | null;
  /** Starts it, closes the dialog; the progress panel takes over. Rejects like api.exports.start. */
  startExport(selection: ExportSelection): Promise<ExportRecord>;
  /** Cancels the running export; resolves once main has removed its files. */
  cancelExport(): Promise<void>;
  dismissExportOutcome(): void;
  /** After a reload: picks up an export that is still running in main. */
  resumeRunningExport(): Promise<void>;

  incidentExports: IncidentExports;
  /** Lists the exports of an incident (null: forget the list). */
  loadIncidentExports(incidentId: string | null): Promise<void>;

  /** An `export.changed` event. */
  applyExportChange(record: ExportRecord): void;
  /** An `export.progress` event. */
  applyExportProgress(progress: ExportProgress): void;
}

const NO_EXPORTS: IncidentExports = { incidentId: null, items: [], loaded: false, error: null };

export const createExportSlice =
  (api: StationApi): StateCreator<StationState, [], [], ExportSlice> =>
  (set, get) => {
    // An export can end before the start call's answer arrives (nothing to copy, a
    // missing drive); its id is remembered so that late answer does not revive it.
    const ended = new Set<string>();
    let listSeq = 0;

    const refreshList = (record: ExportRecord) => {
      const list = get().incidentExports;
      if (list.incidentId !== null && record.incidentId === list.incidentId)
        void get().loadIncidentExports(list.incidentId);
    };

    return {
      exportDraft: null,
      openExportDialog: (draft) =>
        set({ exportDraft: { ...draft, cameraIds: [...draft.cameraIds] } }),
      closeExportDialog: () => set({ exportDraft: null }),

      exportRunning: null,
      exportProgress: null,
      exportOutcome: null,
      startExport: async (selection) => {
        const record = await api.exports.start(selection);
        set({ exportDraft: null });
        if (!ended.has(record.id) && record.status === 'running') {
          set({
            exportRunning: record,
            exportOutcome: null,
            exportProgress: get().exportProgress?.id === record.id ? get().exportProgress : null,
          });
        }
        return record;
      },
      cancelExport: async () => {
        const running = get().exportRunning;
        if (!running) return;
        const record = await api.exports.cancel({ id: running.id });
        get().applyExportChange(record);
      },
      dismissExportOutcome: () => set({ exportOutcome: null }),
      resumeRunningExport: async () => {
        if (get().exportRunning) return;
        const recent = await api.exports.list({ limit: 5 });
        const running = recent.find((r) => r.status === 'running');
        if (running && !ended.has(running.id) && !get().exportRunning)
          set({ exportRunning: running });
      },

      incidentExports: NO_EXPORTS,
      loadIncidentExports: async (incidentId) => {
        const seq = ++listSeq;
        if (incidentId === null) {
          set({ incidentExports: NO_EXPORTS });
          return;
        }
        const current = get().incidentExports;
        if (current.incidentId !== incidentId)
          set({ incidentExports: { ...NO_EXPORTS, incidentId } });
        try {
          const items = await api.exports.list({ incidentId });
          if (seq !== listSeq) return;
          set({ incidentExports: { incidentId, items, loaded: true, error: null } });
        } catch (e) {
          if (seq !== listSeq) return;
          set({ incidentExports: { ...get().incidentExports, error: errorKey(e) } });
        }
      },

      applyExportChange: (record) => {
        if (record.status === 'running') {
          if (!ended.has(record.id)) set({ exportRunning: record, exportOutcome: null });
        } else {
          ended.add(record.id);
          const running = get().exportRunning;
          // Another export's end (another window's) does not clear ours.
          if (!running || running.id === record.id)
            set({ exportRunning: null, exportProgress: null, exportOutcome: record });
        }
        refreshList(record);
      },
      applyExportProgress: (progress) => {
        if (ended.has(progress.id)) return;
        const running = get().exportRunning;
        if (running && running.id !== progress.id) return;
        set({ exportProgress: progress });
      },
    };
  };
