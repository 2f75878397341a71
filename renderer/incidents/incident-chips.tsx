// Small labels shared by the log and the detail: status, severity, evidence lock.
import type { IncidentSeverity, IncidentStatus } from '../../electron/contract/incident-schemas';
import { useT } from '../i18n/use-t';
import { severityKey, statusKey } from './incident-labels';

export function StatusChip(props: { status: IncidentStatus }) {
  const t = useT();
  return (
    <span className={`chip chip-status-${props.status}`} data-status={props.status}>
      {t(statusKey(props.status))}
    </span>
  );
}

export function SeverityMark(props: { severity: IncidentSeverity }) {
  const t = useT();
  return (
    <span className={`severity severity-${props.severity}`} data-severity={props.severity}>
      <span className="severity-bar" aria-hidden="true" />
      {t(severityKey(props.severity))}
    </span>
  );
}

/** A padlock: closed when the footage is kept against retention. */
export function LockIcon(props: { locked: boolean; size?: number }) {
  const t = useT();
  const size = props.size ?? 14;
  const label = props.locked ? t('incident.locked') : t('incident.notLocked');
  return (
    <span
      className={`lock-icon${props.locked ? ' lock-icon-on' : ''}`}
      title={label}
      aria-label={label}
      role="img"
      data-locked={props.locked}
    >
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.9}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d="M5 11h14v10H5z" />
        <path d={props.locked ? 'M8 11V7a4 4 0 0 1 8 0v4' : 'M8 11V7a4 4 0 0 1 7.5-2'} />
      </svg>
    </span>
  );
}
