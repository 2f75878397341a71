// The PTZ controls of a dome camera's tile: a pad (pan/tilt), zoom ±, the presets
// menu with "save the current view". Held buttons and keys repeat their move
// (ptz-hold.ts); letting go, leaving the window, hiding it or closing the tile
// stops the camera. The keyboard (ptz-keys.ts) works only on the one selected PTZ
// tile, or in the single view, and never while typing in a field.
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { PtzInfo } from '../../electron/contract/ptz';
import { useT } from '../i18n/use-t';
import { isTypingTarget } from '../incidents/bookmark';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { PtzHold } from './ptz-hold';
import { heldSpeeds, presetForSlot, ptzKeyAction, type PtzHoldKey } from './ptz-keys';

const PAD: { key: PtzHoldKey; testId: string; glyph: string }[] = [
  { key: 'up', testId: 'ptz-up', glyph: '▲' },
  { key: 'left', testId: 'ptz-left', glyph: '◀' },
  { key: 'right', testId: 'ptz-right', glyph: '▶' },
  { key: 'down', testId: 'ptz-down', glyph: '▼' },
];
const ZOOM: { key: PtzHoldKey; testId: string; glyph: string }[] = [
  { key: 'zoomIn', testId: 'ptz-zoom-in', glyph: '+' },
  { key: 'zoomOut', testId: 'ptz-zoom-out', glyph: '−' },
];

/**
 * The tile's camera, if it can move; null while asking or when it cannot. Asked again
 * when the camera changes or its tile is selected: a camera added through ONVIF may
 * reach the grid a moment before the station knows its PTZ profile.
 */
function usePtzInfo(cameraId: string, selected: boolean): [PtzInfo | null, () => void] {
  const api = useApi();
  const camera = useStationState((s) => s.cameras.find((c) => c.id === cameraId));
  const [info, setInfo] = useState<PtzInfo | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    api.ptz
      .info({ cameraId })
      .then((i) => live && setInfo(i))
      // Not reachable now: no controls; the tile shows the camera's state.
      .catch(() => live && setInfo(null));
    return () => {
      live = false;
    };
  }, [api, cameraId, asked, camera, selected]);
  return [info, useCallback(() => setAsked((n) => n + 1), [])];
}

export function PtzOverlay(props: { cameraId: string; single: boolean; selected: boolean }) {
  const { cameraId } = props;
  const [info, refresh] = usePtzInfo(cameraId, props.selected || props.single);
  const movable = Boolean(info && (info.panTilt || info.zoom));
  // Only one dome listens to the keyboard: the single view's, else the one selected tile.
  const keyboard = useStationState((s) =>
    props.single
      ? true
      : props.selected &&
        s.singleCameraId === null &&
        s.selectedCameraIds.length === 1 &&
        s.selectedCameraIds[0] === cameraId,
  );
  if (!info || !movable) return null;
  return <PtzControls info={info} keyboard={keyboard} refresh={refresh} />;
}

function PtzControls(props: { info: PtzInfo; keyboard: boolean; refresh: () => void }) {
  const { info, keyboard, refresh } = props;
  const { cameraId } = info;
  const t = useT();
  const api = useApi();
  const store = useStationStore();
  const cameraName = useStationState((s) => s.cameras.find((c) => c.id === cameraId)?.name ?? '');
  const isCommander = useStationState((s) => s.session?.officer.role === 'commander');
  const [menuOpen, setMenuOpen] = useState(false);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const held = useRef(new Set<PtzHoldKey>());
  const holdRef = useRef<PtzHold | null>(null);
  // Read through refs: a refreshed preset list or a renamed camera must not restart the
  // key listeners or the repeater, which would cut a move that is being held.
  const presets = useRef(info.presets);
  presets.current = info.presets;
  const cameraNameRef = useRef(cameraName);
  cameraNameRef.current = cameraName;

  const fail = useCallback(
    () =>
      store.getState().pushToast({
        kind: 'error',
        key: 'tile.ptz.failed',
        params: { name: cameraNameRef.current },
        at: null,
      }),
    [store],
  );

  // One repeater per camera; closing the tile (unmount) lets go of whatever is held.
  useEffect(() => {
    let failed = false;
    const hold = new PtzHold(
      {
        move: (s) => api.ptz.move({ cameraId, ...s }),
        stop: () => api.ptz.stop({ cameraId }),
      },
      () => {
        // One toast per hold, not one per repeat.
        if (!failed) fail();
        failed = true;
      },
    );
    holdRef.current = hold;
    const keysHeld = held.current;
    const letGo = () => {
      keysHeld.clear();
      failed = false;
      hold.release();
    };
    const onVisibility = () => {
      if (document.hidden) letGo();
    };
    window.addEventListener('blur', letGo);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', letGo);
      document.removeEventListener('visibilitychange', onVisibility);
      letGo();
      holdRef.current = null;
    };
  }, [api, cameraId, fail]);

  const press = useCallback((key: PtzHoldKey) => {
    held.current.add(key);
    holdRef.current?.hold(heldSpeeds(held.current));
  }, []);
  const lift = useCallback((key: PtzHoldKey) => {
    if (!held.current.delete(key)) return;
    holdRef.current?.hold(heldSpeeds(held.current));
  }, []);

  const gotoSlot = useCallback(
    (slot: number) => {
      const preset = presetForSlot(presets.current, slot);
      if (preset) api.ptz.gotoPreset({ cameraId, token: preset.token }).catch(fail);
    },
    [api, cameraId, fail],
  );

  const save = useCallback(
    async (token: string | null, presetName: string) => {
      setSaving(true);
      try {
        const saved = await api.ptz.setPreset({ cameraId, token, name: presetName });
        store.getState().pushToast({
          kind: 'info',
          key: 'tile.ptz.saved',
          params: { name: saved.name },
          at: null,
        });
        setName('');
        refresh();
      } catch {
        fail();
      } finally {
        setSaving(false);
      }
    },
    [api, cameraId, store, refresh, fail],
  );

  useEffect(() => {
    if (!keyboard) return undefined;
    const onDown = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      const action = ptzKeyAction(e);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'hold') press(action.key);
      else if (e.repeat) return;
      else if (action.kind === 'goto') gotoSlot(action.slot);
      else {
        const existing = presetForSlot(presets.current, action.slot);
        void save(
          existing?.token ?? null,
          existing?.name ?? t('tile.ptz.slotName', { n: action.slot }),
        );
      }
    };
    const onUp = (e: KeyboardEvent) => {
      // Whatever modifier is down now, the key let go stops what it started.
      const action = ptzKeyAction({
        key: e.key,
        code: e.code,
        shiftKey: false,
        ctrlKey: false,
        altKey: false,
        metaKey: false,
      });
      if (action?.kind === 'hold') lift(action.key);
    };
    const keysHeld = held.current;
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
      // The tile lost the keyboard (another one selected): a held key stops here.
      keysHeld.clear();
      holdRef.current?.release();
    };
  }, [keyboard, press, lift, gotoSlot, save, t]);

  const holdButton = (key: PtzHoldKey, testId: string, glyph: string) => (
    <button
      key={key}
      type="button"
      className={`ptz-btn ptz-${key}`}
      data-testid={testId}
      aria-label={t(`tile.ptz.${key}`)}
      title={t(`tile.ptz.${key}`)}
      onPointerDown={(e: PointerEvent<HTMLButtonElement>) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        press(key);
      }}
      onPointerUp={() => lift(key)}
      onPointerCancel={() => lift(key)}
      onLostPointerCapture={() => lift(key)}
    >
      {glyph}
    </button>
  );

  const trimmed = name.trim();
  return (
    <div
      className={`ptz-overlay${keyboard ? ' ptz-keyboard' : ''}${menuOpen ? ' ptz-menu-open' : ''}`}
      data-testid="ptz-overlay"
      data-keyboard={keyboard ? 'true' : 'false'}
      title={keyboard ? t('tile.ptz.keysHint') : undefined}
      // Controls are not the tile: no selecting, no single view, no drag.
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onDragStart={(e) => e.preventDefault()}
    >
      {info.panTilt ? (
        <div className="ptz-pad" role="group" aria-label={t('tile.ptz.pad')}>
          {PAD.map((b) => holdButton(b.key, b.testId, b.glyph))}
        </div>
      ) : null}
      {info.zoom ? (
        <div className="ptz-zoom" role="group">
          {ZOOM.map((b) => holdButton(b.key, b.testId, b.glyph))}
        </div>
      ) : null}
      <button
        type="button"
        className="ptz-btn ptz-presets-toggle"
        data-testid="ptz-presets"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen((o) => !o)}
      >
        {t('tile.ptz.presets')}
      </button>
      {menuOpen ? (
        <div className="ptz-menu" role="menu">
          {info.presets.length === 0 ? (
            <div className="ptz-menu-empty">{t('tile.ptz.noPresets')}</div>
          ) : (
            info.presets.map((p, i) => (
              <div key={p.token} className="ptz-menu-row">
                <button
                  type="button"
                  role="menuitem"
                  className="ptz-menu-item"
                  data-testid={`ptz-preset-${p.token}`}
                  onClick={() => void api.ptz.gotoPreset({ cameraId, token: p.token }).catch(fail)}
                >
                  {i < 9 ? <span className="ptz-menu-key">{i + 1}</span> : null}
                  {p.name}
                </button>
                {isCommander ? (
                  <button
                    type="button"
                    className="ptz-menu-remove"
                    data-testid={`ptz-remove-${p.token}`}
                    aria-label={t('tile.ptz.remove')}
                    title={t('tile.ptz.remove')}
                    onClick={() =>
                      void api.ptz.removePreset({ cameraId, token: p.token }).then(refresh, fail)
                    }
                  >
                    ×
                  </button>
                ) : null}
              </div>
            ))
          )}
          <form
            className="ptz-save"
            onSubmit={(e) => {
              e.preventDefault();
              if (trimmed) void save(null, trimmed);
            }}
          >
            <input
              className="ptz-name"
              data-testid="ptz-preset-name"
              value={name}
              maxLength={32}
              placeholder={t('tile.ptz.presetName')}
              aria-label={t('tile.ptz.presetName')}
              onChange={(e) => setName(e.target.value)}
            />
            <button
              type="submit"
              className="ptz-btn ptz-save-btn"
              data-testid="ptz-save-preset"
              disabled={saving || trimmed === ''}
            >
              {t('tile.ptz.save')}
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
