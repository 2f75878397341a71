// The recording event log, newest first.
import type { RecordingEvent } from '../../electron/contract/recording-schemas';
import { formatDateTime } from '../i18n/format-time';
import { useLanguage, useT } from '../i18n/use-t';
import { useLastKnownNames } from '../cameras/last-known-names';
import { useStationState } from '../store/store-context';
import { eventSeverity, eventText } from './event-text';

export function EventLog(props: { events: RecordingEvent[] }) {
  const t = useT();
  const language = useLanguage();
  const cameras = useStationState((s) => s.cameras);
  const removed = useLastKnownNames(props.events.map((e) => e.cameraId));
  const nameOf = (id: string | null) =>
    id === null
      ? t('storage.eventAll')
      : (cameras.find((c) => c.id === id)?.name ?? removed.get(id) ?? t('storage.removedCamera'));
  return (
    <section className="storage-card storage-events">
      <h3 className="storage-h">{t('storage.events')}</h3>
      {props.events.length === 0 ? (
        <p className="muted">{t('storage.eventsEmpty')}</p>
      ) : (
        <ol className="event-log" data-testid="storage-event-log">
          {props.events.map((e) => (
            <li
              key={e.id}
              className={`event event-${eventSeverity(e)}`}
              data-testid="storage-event"
              data-kind={e.kind}
              data-camera-id={e.cameraId ?? ''}
            >
              <time className="event-time" dateTime={new Date(e.atMs).toISOString()}>
                {formatDateTime(e.atMs, language)}
              </time>
              <span className="event-camera">{nameOf(e.cameraId)}</span>
              <span className="event-text">{eventText(e, t, language)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
