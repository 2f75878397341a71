// The automatic part of a handover, section by section: incidents opened,
// updated and still open, camera outages, recording gaps, exports, storage
// alarms. Used by the end-of-shift dialog (dark) and the printed report (paper).
import type {
  HandoverCameraAlarm,
  HandoverIncident,
  HandoverSummary,
} from '../../electron/contract/shift-schemas';
import { CARD_TEXT } from '../alerts/picture-alarms';
import type { Language } from '../../electron/contract/schemas';
import { isMessageKey, type MessageKey, type Translate } from '../i18n/translate';
import { useLanguage, useT } from '../i18n/use-t';
import { countsByKind, longestAlarm } from './camera-alarm-summary';
import { formatDurationWords } from './duration-text';
import { formatInShift } from './shift-time';

export const SUMMARY_SECTIONS = [
  'opened',
  'updated',
  'stillOpen',
  'outages',
  'gaps',
  'exports',
  'alarms',
  'cameraAlarms',
] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export function sectionCount(summary: HandoverSummary, key: SummarySection): number {
  switch (key) {
    case 'opened':
      return summary.incidentsOpened.length;
    case 'updated':
      return summary.incidentsUpdated.length;
    case 'stillOpen':
      return summary.incidentsStillOpen.length;
    case 'outages':
      return summary.outages.length;
    case 'gaps':
      return summary.recordingGaps.length;
    case 'exports':
      return summary.exports.length;
    case 'alarms':
      return summary.storageAlarms.length;
    case 'cameraAlarms':
      return summary.cameraAlarms?.length ?? 0;
  }
}

/** A word for a code main sent, or the code itself when this version has none. */
function label(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

function IncidentTable(props: {
  items: HandoverIncident[];
  from: number;
  t: Translate;
  language: Language;
}) {
  const { t, language } = props;
  return (
    <table className="summary-table">
      <thead>
        <tr>
          <th>{t('summary.col.code')}</th>
          <th>{t('summary.col.time')}</th>
          <th>{t('summary.col.category')}</th>
          <th>{t('summary.col.severity')}</th>
          <th>{t('summary.col.status')}</th>
          <th>{t('summary.col.where')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr key={i.id} data-testid="summary-incident" data-code={i.code}>
            <td className="nowrap strong">{i.code}</td>
            <td className="nowrap">{formatInShift(i.occurredAt, props.from, language)}</td>
            <td>{label(t, `incident.category.${i.category}`, i.category)}</td>
            <td className={`sev sev-${i.severity}`}>
              {label(t, `incident.severity.${i.severity}`, i.severity)}
            </td>
            <td>{label(t, `incident.status.${i.status}`, i.status)}</td>
            <td>
              <div>{i.location}</div>
              {i.cameraNames.length > 0 ? (
                <div className="summary-sub">{i.cameraNames.join(', ')}</div>
              ) : null}
              {i.description ? <div className="summary-desc">{i.description}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CameraAlarmsBody(props: {
  alarms: HandoverCameraAlarm[];
  at: (ms: number) => string;
  t: Translate;
}) {
  const { alarms, at, t } = props;
  const longest = longestAlarm(alarms);
  return (
    <div data-testid="handover-camera-alarms">
      <p className="summary-line" data-testid="handover-camera-alarm-counts">
        {countsByKind(alarms)
          .map(({ kind, count }) => t('summary.alarmCount', { kind: t(CARD_TEXT[kind]), n: count }))
          .join(' · ')}
      </p>
      {longest ? (
        <p className="summary-line" data-testid="handover-camera-alarm-longest">
          {t('summary.alarmLongest', {
            camera: longest.cameraName,
            kind: t(CARD_TEXT[longest.kind]),
            duration: formatDurationWords(longest.durationMs, t),
          })}
        </p>
      ) : null}
      <table className="summary-table">
        <thead>
          <tr>
            <th>{t('summary.col.camera')}</th>
            <th>{t('summary.col.alarm')}</th>
            <th>{t('summary.col.from')}</th>
            <th>{t('summary.col.to')}</th>
            <th>{t('summary.col.duration')}</th>
            <th>{t('summary.col.acknowledgedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {alarms.map((a) => (
            <tr
              key={`${a.cameraId}-${a.kind}-${a.startMs}`}
              data-testid="summary-camera-alarm"
              data-kind={a.kind}
            >
              <td className="strong">{a.cameraName}</td>
              <td>{t(CARD_TEXT[a.kind])}</td>
              <td className="nowrap">{at(a.startMs)}</td>
              <td className="nowrap">
                {a.endMs === null ? (
                  <span className="summary-open">{t('summary.alarmActive')}</span>
                ) : (
                  at(a.endMs)
                )}
              </td>
              <td className="nowrap">{formatDurationWords(a.durationMs, t)}</td>
              <td>
                {a.acknowledgedBy ?? (
                  <span className="summary-open">{t('summary.notAcknowledged')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SectionBody(props: {
  summary: HandoverSummary;
  section: SummarySection;
  t: Translate;
  language: Language;
}) {
  const { summary, t, language } = props;
  const from = summary.fromMs;
  const at = (ms: number) => formatInShift(ms, from, language);
  switch (props.section) {
    case 'opened':
      return (
        <IncidentTable items={summary.incidentsOpened} from={from} t={t} language={language} />
      );
    case 'updated':
      return (
        <IncidentTable items={summary.incidentsUpdated} from={from} t={t} language={language} />
      );
    case 'stillOpen':
      return (
        <IncidentTable items={summary.incidentsStillOpen} from={from} t={t} language={language} />
      );
    case 'outages':
      return (
        <table className="summary-table">
          <thead>
            <tr>
              <th>{t('summary.col.camera')}</th>
              <th>{t('summary.col.from')}</th>
              <th>{t('summary.col.to')}</th>
              <th>{t('summary.col.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.outages.map((o) => (
              <tr key={`${o.cameraId}-${o.startedAt}`} data-testid="summary-outage">
                <td className="strong">{o.cameraName}</td>
                <td className="nowrap">{at(o.startedAt)}</td>
                <td className="nowrap">
                  {o.endedAt === null ? (
                    <span className="summary-open">{t('summary.stillOffline')}</span>
                  ) : (
                    at(o.endedAt)
                  )}
                </td>
                <td className="nowrap">{formatDurationWords(o.durationMs, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'gaps':
      return (
        <table className="summary-table">
          <thead>
            <tr>
              <th>{t('summary.col.camera')}</th>
              <th>{t('summary.col.from')}</th>
              <th>{t('summary.col.to')}</th>
              <th>{t('summary.col.duration')}</th>
              <th>{t('summary.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.recordingGaps.map((g) => (
              <tr key={`${g.cameraId}-${g.startMs}`} data-testid="summary-gap">
                <td className="strong">{g.cameraName}</td>
                <td className="nowrap">{at(g.startMs)}</td>
                <td className="nowrap">
                  {g.endMs === null ? (
                    <span className="summary-open">{t('summary.stillMissing')}</span>
                  ) : (
                    at(g.endMs)
                  )}
                </td>
                <td className="nowrap">{formatDurationWords(g.durationMs, t)}</td>
                <td>{label(t, `gap.${g.reason}`, g.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'exports':
      return (
        <table className="summary-table">
          <thead>
            <tr>
              <th>{t('summary.col.time')}</th>
              <th>{t('summary.col.export')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.exports.map((x) => (
              <tr key={x.id}>
                <td className="nowrap">{at(x.atMs)}</td>
                <td>{x.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'cameraAlarms':
      return <CameraAlarmsBody alarms={summary.cameraAlarms ?? []} at={at} t={t} />;
    case 'alarms':
      return (
        <table className="summary-table">
          <thead>
            <tr>
              <th>{t('summary.col.time')}</th>
              <th>{t('summary.col.alarm')}</th>
              <th>{t('summary.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.storageAlarms.map((a) => (
              <tr key={`${a.atMs}-${a.kind}`} data-testid="summary-alarm">
                <td className="nowrap">{at(a.atMs)}</td>
                <td>{label(t, `alarmKind.${a.kind}`, a.kind)}</td>
                <td>
                  {a.cleared ? (
                    t('summary.alarmCleared')
                  ) : (
                    <span className="summary-open">{t('summary.alarmActive')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

const TITLE: Record<SummarySection, MessageKey> = {
  opened: 'summary.opened',
  updated: 'summary.updated',
  stillOpen: 'summary.stillOpen',
  outages: 'summary.outages',
  gaps: 'summary.gaps',
  exports: 'summary.exports',
  alarms: 'summary.alarms',
  cameraAlarms: 'summary.cameraAlarms',
};

export function HandoverSummarySections(props: { summary: HandoverSummary }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="summary">
      {SUMMARY_SECTIONS.map((key, i) => {
        // A handover written before picture and clock alarms existed has no such section.
        if (key === 'cameraAlarms' && props.summary.cameraAlarms === undefined) return null;
        const n = sectionCount(props.summary, key);
        return (
          <section
            key={key}
            className="summary-section"
            data-testid={`summary-${key}`}
            data-count={n}
          >
            <h3 className="summary-title">
              <span>
                {ROMAN[i]}. {t(TITLE[key])}
              </span>
              {n === 0 ? (
                <span className="summary-none">{t('summary.none')}</span>
              ) : (
                <span className="summary-count">{n}</span>
              )}
            </h3>
            {n > 0 ? (
              <SectionBody summary={props.summary} section={key} t={t} language={language} />
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
