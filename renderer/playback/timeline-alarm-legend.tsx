// The legend of the alarm marks on the timeline: the kinds shown in the loaded window,
// each with its colour (tokens.css --alarm-*, the same the canvas paints).
import type { CameraAlarmKind } from '../../electron/contract/camera-alarms';
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';
import { CARD_TEXT } from '../alerts/picture-alarms';
import { useT } from '../i18n/use-t';
import './timeline-alarm-legend.css';

const ORDER: readonly CameraAlarmKind[] = [
  'black',
  'frozen',
  'covered',
  'scene',
  'clock',
  'timezone',
];

export function alarmKindsIn(data: PlaybackTimeline | null): CameraAlarmKind[] {
  const seen = new Set<CameraAlarmKind>();
  for (const cam of data?.cameras ?? []) for (const a of cam.alarms) seen.add(a.kind);
  return ORDER.filter((k) => seen.has(k));
}

export function TimelineAlarmLegend(props: { data: PlaybackTimeline | null }) {
  const t = useT();
  const kinds = alarmKindsIn(props.data);
  if (kinds.length === 0) return null;
  return (
    <ul
      className="pb-alarm-legend"
      data-testid="timeline-legend-alarm"
      aria-label={t('playback.alarmLegend')}
    >
      {kinds.map((kind) => (
        <li key={kind} data-kind={kind}>
          <span className="pb-alarm-swatch" aria-hidden="true" />
          {t(CARD_TEXT[kind])}
        </li>
      ))}
    </ul>
  );
}
