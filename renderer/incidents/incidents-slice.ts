// Incidents in the renderer: tile selection for F2, the bookmark/edit dialog,
// the incident log (filter, pages, live refresh) and the open incident's detail.
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type {
  Incident,
  IncidentDetail,
  IncidentInput,
  IncidentStatus,
  IncidentUpdate,
} from '../../electron/contract/incident-schemas';
import { errorKey } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import type { FrameSnapshot } from './frame-snapshot';
import {
  EMPTY_FILTER,
  filterRequest,
  MAX_PAGE,
  PAGE_SIZE,
  type FilterIssues,
  type IncidentFilterForm,
} from './incident-filter';
import type { StationState } from '../store/types';

/** What the F2 keystroke captured. */
export interface BookmarkDraft {
  atMs: number;
  cameraIds: string[];
  snapshots: FrameSnapshot[];
}

export type IncidentEditor =
  { mode: 'create'; draft: BookmarkDraft } | { mode: 'edit'; incident: Incident };

export interface IncidentList {
  items: Incident[];
  total: number;
  loading: boolean;
  /** True once a page has arrived for the current filter. */
  loaded: boolean;
  error: MessageKey | null;
  issues: FilterIssues;
}

export interface IncidentsSlice {
  /** Tiles chosen for the next bookmark, by camera. */
  selectedCameraIds: string[];
  /** Plain click: only this camera; Ctrl/Shift-click: toggle it. */
  selectTile(cameraId: string, additive: boolean): void;
  clearSelection(): void;
  /** Drops selected cameras that are no longer on screen (tour page, layout change). */
  keepSelection(visibleIds: readonly string[]): void;

  incidentEditor: IncidentEditor | null;
  openBookmark(draft: BookmarkDraft): void;
  editIncident(incident: Incident): void;
  closeIncidentEditor(): void;
  /** Creates the incident, then files its snapshots; a failed snapshot does not undo it. */
  createIncident(
    input: IncidentInput,
    snapshots: readonly FrameSnapshot[],
  ): Promise<{ incident: Incident; failedSnapshots: number }>;
  /** Rejects with conflict (stale_version) when someone else saved first. */
  updateIncident(update: IncidentUpdate): Promise<Incident>;
  setIncidentStatus(incident: Incident, status: IncidentStatus): Promise<Incident>;
  lockIncident(id: string): Promise<Incident>;
  /** Commander only; reason ≥ 5 characters. */
  unlockIncident(id: string, reason: string): Promise<Incident>;

  incidentFilter: IncidentFilterForm;
  incidentList: IncidentList;
  /** Changes the filter only; callers load (the search box debounces). */
  setIncidentFilter(patch: Partial<IncidentFilterForm>): void;
  /** replace: first page of the filter; more: next page; refresh: re-read what is shown. */
  loadIncidents(mode: 'replace' | 'more' | 'refresh'): Promise<void>;

  openIncidentId: string | null;
  incidentDetail: IncidentDetail | null;
  incidentDetailError: MessageKey | null;
  openIncident(id: string | null): Promise<void>;
  reloadIncident(): Promise<void>;

  /** An `incident.changed` event, or our own save. */
  applyIncidentChange(incident: Incident): void;
}

const EMPTY_LIST: IncidentList = {
  items: [],
  total: 0,
  loading: false,
  loaded: false,
  error: null,
  issues: {},
};

/** Several events arrive for one save (create, then each snapshot): one refresh for them. */
const REFRESH_DELAY_MS = 250;

export const createIncidentsSlice =
  (api: StationApi): StateCreator<StationState, [], [], IncidentsSlice> =>
  (set, get) => {
    // Answers to older list/detail requests are dropped when a newer one was sent.
    let listSeq = 0;
    let detailSeq = 0;
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    let detailTimer: ReturnType<typeof setTimeout> | null = null;

    const logOpen = () => get().dialog?.type === 'incidents';

    const scheduleListRefresh = () => {
      if (listTimer) clearTimeout(listTimer);
      listTimer = setTimeout(() => {
        listTimer = null;
        if (logOpen()) void get().loadIncidents('refresh');
      }, REFRESH_DELAY_MS);
    };
    const scheduleDetailReload = () => {
      if (detailTimer) clearTimeout(detailTimer);
      detailTimer = setTimeout(() => {
        detailTimer = null;
        void get().reloadIncident();
      }, REFRESH_DELAY_MS);
    };

    const saved = (incident: Incident) => {
      get().applyIncidentChange(incident);
      return incident;
    };

    return {
      selectedCameraIds: [],
      selectTile: (cameraId, additive) => {
        const current = get().selectedCameraIds;
        if (!additive) {
          if (current.length !== 1 || current[0] !== cameraId)
            set({ selectedCameraIds: [cameraId] });
          return;
        }
        set({
          selectedCameraIds: current.includes(cameraId)
            ? current.filter((id) => id !== cameraId)
            : [...current, cameraId],
        });
      },
      clearSelection: () => {
        if (get().selectedCameraIds.length > 0) set({ selectedCameraIds: [] });
      },
      keepSelection: (visibleIds) => {
        const current = get().selectedCameraIds;
        const kept = current.filter((id) => visibleIds.includes(id));
        if (kept.length !== current.length) set({ selectedCameraIds: kept });
      },

      incidentEditor: null,
      openBookmark: (draft) => set({ incidentEditor: { mode: 'create', draft } }),
      editIncident: (incident) => set({ incidentEditor: { mode: 'edit', incident } }),
      closeIncidentEditor: () => set({ incidentEditor: null }),

      createIncident: async (input, snapshots) => {
        let incident = await api.incidents.create(input);
        let failedSnapshots = 0;
        for (const snap of snapshots) {
          try {
            incident = await api.incidents.addSnapshot({ incidentId: incident.id, ...snap });
          } catch {
            failedSnapshots++;
          }
        }
        return { incident: saved(incident), failedSnapshots };
      },
      updateIncident: async (update) => saved(await api.incidents.update(update)),
      setIncidentStatus: (incident, status) =>
        get().updateIncident({ id: incident.id, version: incident.version, status }),
      lockIncident: async (id) => saved(await api.incidents.lock({ id })),
      unlockIncident: async (id, reason) => saved(await api.incidents.unlock({ id, reason })),

      incidentFilter: EMPTY_FILTER,
      incidentList: EMPTY_LIST,
      setIncidentFilter: (patch) => set({ incidentFilter: { ...get().incidentFilter, ...patch } }),
      loadIncidents: async (mode) => {
        const list = get().incidentList;
        const page =
          mode === 'more'
            ? { offset: list.items.length, limit: PAGE_SIZE }
            : mode === 'refresh'
              ? { offset: 0, limit: Math.min(MAX_PAGE, Math.max(PAGE_SIZE, list.items.length)) }
              : { offset: 0, limit: PAGE_SIZE };
        const { request, issues } = filterRequest(get().incidentFilter, page);
        const seq = ++listSeq;
        set({
          incidentList: {
            ...(mode === 'replace'
              ? { ...EMPTY_LIST, items: list.items, total: list.total }
              : list),
            loading: true,
            error: null,
            issues,
          },
        });
        try {
          const result = await api.incidents.list(request);
          if (seq !== listSeq) return;
          const items =
            mode === 'more'
              ? [
                  ...list.items,
                  ...result.items.filter((i) => !list.items.some((o) => o.id === i.id)),
                ]
              : result.items;
          set({
            incidentList: {
              items,
              total: result.total,
              loading: false,
              loaded: true,
              error: null,
              issues,
            },
          });
        } catch (e) {
          if (seq !== listSeq) return;
          set({ incidentList: { ...get().incidentList, loading: false, error: errorKey(e) } });
        }
      },

      openIncidentId: null,
      incidentDetail: null,
      incidentDetailError: null,
      openIncident: async (id) => {
        const same = id !== null && id === get().openIncidentId;
        set({
          openIncidentId: id,
          incidentDetail: same ? get().incidentDetail : null,
          incidentDetailError: null,
        });
        if (id) await get().reloadIncident();
      },
      reloadIncident: async () => {
        const id = get().openIncidentId;
        if (!id) return;
        const seq = ++detailSeq;
        try {
          const detail = await api.incidents.get({ id });
          if (seq !== detailSeq || get().openIncidentId !== id) return;
          set({ incidentDetail: detail, incidentDetailError: null });
        } catch (e) {
          if (seq !== detailSeq || get().openIncidentId !== id) return;
          set({ incidentDetailError: errorKey(e) });
        }
      },

      applyIncidentChange: (incident) => {
        const list = get().incidentList;
        if (list.items.some((i) => i.id === incident.id)) {
          set({
            incidentList: {
              ...list,
              items: list.items.map((i) =>
                i.id === incident.id && i.version <= incident.version ? incident : i,
              ),
            },
          });
        }
        // New incidents, and ones that now fall outside the filter, need the query again.
        scheduleListRefresh();
        const detail = get().incidentDetail;
        if (get().openIncidentId === incident.id) {
          if (detail && detail.incident.version <= incident.version)
            set({ incidentDetail: { ...detail, incident } });
          // The history only comes with incident.get.
          scheduleDetailReload();
        }
      },
    };
  };
