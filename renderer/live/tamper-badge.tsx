// A picture alarm open on the tile's camera: one red chip per kind ("Màn hình đen",
// "Bị che/mờ"…), kept while the picture is bad even after "Đã biết".
import type { PictureAlarmKind } from '../../electron/contract/camera-alarms';
import type { MessageKey } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { useStationState } from '../store/store-context';
import { CARD_TEXT } from '../alerts/picture-alarms';
import '../alerts/alarm-badges.css';

const BADGE_TEXT: Record<PictureAlarmKind, MessageKey> = {
  black: 'tamper.kind.black',
  frozen: 'tamper.kind.frozen',
  covered: 'tamper.kind.covered',
  scene: 'tamper.kind.scene',
};

const ORDER: readonly PictureAlarmKind[] = ['black', 'frozen', 'covered', 'scene'];

export function TamperBadges(props: { cameraId: string }) {
  const t = useT();
  // A string, not an array: a fresh array would re-render the tile on every store change.
  const kinds = useStationState((s) => {
    const open = new Set<string>();
    for (const a of Object.values(s.openAlarms))
      if (a.cameraId === props.cameraId && a.endedAt === null) open.add(a.kind);
    return ORDER.filter((k) => open.has(k)).join(',');
  });
  if (!kinds) return null;
  return (
    <>
      {kinds.split(',').map((kind) => (
        <span
          key={kind}
          className="tamper-badge"
          data-kind={kind}
          data-testid={`tamper-badge-${kind}`}
          title={t(CARD_TEXT[kind as PictureAlarmKind])}
        >
          <Icon name="alert" size={11} />
          {t(BADGE_TEXT[kind as PictureAlarmKind])}
        </span>
      ))}
    </>
  );
}
