// Top-bar entries of the incidents feature: bookmark (same as F2) and the log.
import { useT } from '../i18n/use-t';
import { useStationState, useStationStore } from '../store/store-context';
import { bookmarkNow, canBookmark } from './bookmark';
import { bookmarkPlaybackNow } from '../playback/playback-entry';

function Glyph(props: { d: string }) {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={props.d} />
    </svg>
  );
}

/** A flag on a pole, and an open register. */
const FLAG = 'M5 21V4M5 4h11l-2 4 2 4H5';
const BOOK = 'M4 5a2 2 0 0 1 2-2h13v15H6a2 2 0 0 0-2 2V5zM4 20a2 2 0 0 0 2 2h13v-4M8 7h7M8 11h5';

export function IncidentTopButtons() {
  const t = useT();
  const store = useStationStore();
  const selected = useStationState((s) =>
    s.playback.open
      ? s.playback.cameraIds.length
      : s.singleCameraId
        ? 1
        : s.selectedCameraIds.length,
  );
  return (
    <div className="top-group">
      <button
        type="button"
        className="btn btn-bookmark"
        data-testid="incident-bookmark"
        data-selected-count={selected}
        title={t('incident.bookmarkHint')}
        onClick={() => {
          const s = store.getState();
          if (!canBookmark(s)) return;
          if (s.playback.open) bookmarkPlaybackNow(store);
          else bookmarkNow(store);
        }}
      >
        <Glyph d={FLAG} />
        <span>{t('incident.bookmark')}</span>
        {selected > 0 ? <span className="count count-accent">{selected}</span> : null}
        <kbd className="kbd">{t('incident.bookmarkShortcut')}</kbd>
      </button>
      <button
        type="button"
        className="btn"
        data-testid="open-incidents"
        title={t('incident.logHint')}
        onClick={() => store.getState().openDialog({ type: 'incidents' })}
      >
        <Glyph d={BOOK} />
        <span>{t('incident.log')}</span>
      </button>
    </div>
  );
}
