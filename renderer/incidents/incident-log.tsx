// "Sổ vụ việc": the incident log with filters and search on the left, the open
// incident's detail on the right. Refreshed live by incident.changed events.
import { useEffect, useRef } from 'react';
import {
  IncidentCategory,
  IncidentStatus,
  type Incident,
} from '../../electron/contract/incident-schemas';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { isFilterEmpty, type IncidentFilterForm } from './incident-filter';
import { LockIcon, SeverityMark, StatusChip } from './incident-chips';
import { IncidentDetailPane, type OpenFootage } from './incident-detail';
import { categoryKey, incidentFieldMessage, statusKey } from './incident-labels';

/** Typing pauses this long before the log asks main again. */
const SEARCH_DEBOUNCE_MS = 300;

function IncidentRow(props: { incident: Incident; active: boolean; onOpen: (id: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const { incident: i } = props;
  const cameraNames = i.cameras.map((c) => c.name).join(', ');
  return (
    <tr
      className={`incident-row${props.active ? ' incident-row-active' : ''}`}
      data-testid={`incident-row-${i.id}`}
      data-code={i.code}
      data-status={i.status}
      aria-selected={props.active}
      tabIndex={0}
      onClick={() => props.onOpen(i.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          props.onOpen(i.id);
        }
      }}
    >
      <td className="mono incident-cell-code">{i.code}</td>
      <td className="incident-cell-time">{formatDateTime(i.occurredAt, language)}</td>
      <td className="incident-cell-category">{t(categoryKey(i.category))}</td>
      <td>
        <SeverityMark severity={i.severity} />
      </td>
      <td>
        <StatusChip status={i.status} />
      </td>
      <td className="incident-cell-cameras" title={cameraNames}>
        {cameraNames}
      </td>
      <td className="incident-cell-lock">
        <LockIcon locked={i.locked} />
      </td>
      <td className="incident-cell-officer">
        <span className="incident-officer-name">{i.createdBy.fullName}</span>
        <span className="incident-officer-rank">{i.createdBy.rank}</span>
      </td>
    </tr>
  );
}

function FilterBar() {
  const t = useT();
  const store = useStationStore();
  const filter = useStationState((s) => s.incidentFilter);
  const issues = useStationState((s) => s.incidentList.issues);
  const cameras = useStationState((s) => s.cameras);
  const officers = useStationState((s) => s.officers);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (searchTimer.current) clearTimeout(searchTimer.current);
    },
    [],
  );

  const reload = () => void store.getState().loadIncidents('replace');
  /** Selects apply at once; text waits for a pause in typing. */
  const change = (patch: Partial<IncidentFilterForm>, debounce = false) => {
    store.getState().setIncidentFilter(patch);
    if (searchTimer.current) clearTimeout(searchTimer.current);
    if (debounce) searchTimer.current = setTimeout(reload, SEARCH_DEBOUNCE_MS);
    else reload();
  };
  const dateInput = (key: 'from' | 'to', label: string) => (
    <label className={`field incident-filter-date${issues[key] ? ' field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      <input
        className="input"
        data-testid={`incident-filter-${key}`}
        value={filter[key]}
        placeholder={t('incident.datePlaceholder')}
        spellCheck={false}
        // A half-typed date is not a filter yet: apply on leaving the box or Enter.
        onChange={(e) => store.getState().setIncidentFilter({ [key]: e.target.value })}
        onBlur={reload}
        onKeyDown={(e) => {
          if (e.key === 'Enter') reload();
        }}
      />
      {issues[key] ? (
        <span className="field-error" data-testid={`field-error-incident-filter-${key}`}>
          {incidentFieldMessage(issues[key], t)}
        </span>
      ) : null}
    </label>
  );

  return (
    <div className="incident-filters">
      <label className="search incident-search">
        <Icon name="search" size={15} />
        <input
          className="search-input"
          data-testid="incident-search"
          value={filter.text}
          placeholder={t('incident.search')}
          spellCheck={false}
          autoFocus
          onChange={(e) => change({ text: e.target.value }, true)}
        />
        {filter.text ? (
          <button
            type="button"
            className="icon-btn"
            aria-label={t('incident.clearFilters')}
            onClick={() => change({ text: '' })}
          >
            <Icon name="close" size={13} />
          </button>
        ) : null}
      </label>
      <div className="incident-filter-row">
        {dateInput('from', t('incident.filterFrom'))}
        {dateInput('to', t('incident.filterTo'))}
        <label className="field">
          <span className="field-label">{t('incident.filterCategory')}</span>
          <select
            className="select"
            data-testid="incident-filter-category"
            value={filter.category}
            onChange={(e) => change({ category: e.target.value as IncidentFilterForm['category'] })}
          >
            <option value="">{t('incident.all')}</option>
            {IncidentCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(categoryKey(c))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('incident.filterCamera')}</span>
          <select
            className="select"
            data-testid="incident-filter-camera"
            value={filter.cameraId}
            onChange={(e) => change({ cameraId: e.target.value })}
          >
            <option value="">{t('incident.all')}</option>
            {cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('incident.filterStatus')}</span>
          <select
            className="select"
            data-testid="incident-filter-status"
            value={filter.status}
            onChange={(e) => change({ status: e.target.value as IncidentFilterForm['status'] })}
          >
            <option value="">{t('incident.all')}</option>
            {IncidentStatus.options.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('incident.filterOfficer')}</span>
          <select
            className="select"
            data-testid="incident-filter-officer"
            value={filter.officerId}
            onChange={(e) => change({ officerId: e.target.value })}
          >
            <option value="">{t('incident.all')}</option>
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.rank} {o.fullName}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn incident-clear"
          data-testid="incident-filter-clear"
          disabled={isFilterEmpty(filter)}
          onClick={() =>
            change({
              from: '',
              to: '',
              category: '',
              cameraId: '',
              status: '',
              officerId: '',
              text: '',
            })
          }
        >
          {t('incident.clearFilters')}
        </button>
      </div>
    </div>
  );
}

export function IncidentLog(props: { onOpenFootage?: OpenFootage }) {
  const t = useT();
  const store = useStationStore();
  const list = useStationState((s) => s.incidentList);
  const filter = useStationState((s) => s.incidentFilter);
  const openId = useStationState((s) => s.openIncidentId);

  useEffect(() => {
    const s = store.getState();
    void s.loadIncidents('replace');
    // The officer filter lists every account, also those no longer active.
    void s.loadOfficers().catch(() => undefined);
    if (s.openIncidentId) void s.reloadIncident();
  }, [store]);

  const close = () => store.getState().openDialog(null);
  const open = (id: string) => void store.getState().openIncident(id);
  const emptyText = isFilterEmpty(filter) ? t('incident.emptyAll') : t('incident.empty');

  return (
    <Modal
      title={t('incident.logTitle')}
      testId="incident-log"
      onClose={close}
      className="modal-incidents"
    >
      <div className="incident-layout">
        <div className="incident-list-pane">
          <FilterBar />
          <div className="incident-table-wrap">
            {list.error ? (
              <div className="form-error" role="alert" data-testid="incident-list-error">
                {t(list.error)}
              </div>
            ) : null}
            <table className="storage-table incident-table" data-testid="incident-table">
              <thead>
                <tr>
                  <th>{t('incident.col.code')}</th>
                  <th>{t('incident.col.time')}</th>
                  <th>{t('incident.col.category')}</th>
                  <th>{t('incident.col.severity')}</th>
                  <th>{t('incident.col.status')}</th>
                  <th>{t('incident.col.cameras')}</th>
                  <th aria-label={t('incident.locked')} />
                  <th>{t('incident.col.createdBy')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((i) => (
                  <IncidentRow key={i.id} incident={i} active={i.id === openId} onOpen={open} />
                ))}
              </tbody>
            </table>
            {list.loaded && list.items.length === 0 ? (
              <div className="incident-empty" data-testid="incident-empty">
                <Icon name="search" size={22} />
                <p>{emptyText}</p>
              </div>
            ) : null}
            {!list.loaded && list.loading ? (
              <p className="incident-empty muted">{t('incident.loading')}</p>
            ) : null}
          </div>
          <div className="incident-list-foot">
            <span className="muted" data-testid="incident-count" data-total={list.total}>
              {t('incident.count', { shown: list.items.length, total: list.total })}
            </span>
            {list.loading ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
            <div className="top-spacer" />
            {list.items.length < list.total ? (
              <button
                type="button"
                className="btn btn-small"
                data-testid="incident-more"
                disabled={list.loading}
                onClick={() => void store.getState().loadIncidents('more')}
              >
                {t('incident.more')}
              </button>
            ) : null}
          </div>
        </div>
        <IncidentDetailPane onOpenFootage={props.onOpenFootage} />
      </div>
    </Modal>
  );
}
