import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PtzHold } from './ptz-hold';
import { heldSpeeds, presetForSlot, ptzKeyAction, type KeyLike, type PtzSpeeds } from './ptz-keys';

const key = (k: string, code = '', mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('PTZ keymap', () => {
  it('arrows pan and tilt; +, -, PageUp, PageDown and the keypad zoom', () => {
    expect(ptzKeyAction(key('ArrowLeft', 'ArrowLeft'))).toEqual({ kind: 'hold', key: 'left' });
    expect(ptzKeyAction(key('ArrowUp', 'ArrowUp'))).toEqual({ kind: 'hold', key: 'up' });
    expect(ptzKeyAction(key('+', 'Equal', { shiftKey: true }))).toEqual({
      kind: 'hold',
      key: 'zoomIn',
    });
    expect(ptzKeyAction(key('=', 'Equal'))).toEqual({ kind: 'hold', key: 'zoomIn' });
    expect(ptzKeyAction(key('PageDown', 'PageDown'))).toEqual({ kind: 'hold', key: 'zoomOut' });
    expect(ptzKeyAction(key('-', 'NumpadSubtract'))).toEqual({ kind: 'hold', key: 'zoomOut' });
    expect(ptzKeyAction(key('PageUp', 'PageUp'))).toEqual({ kind: 'hold', key: 'zoomIn' });
  });

  it('1–9 go to a preset and Shift+1–9 save it, whatever the layout prints', () => {
    expect(ptzKeyAction(key('3', 'Digit3'))).toEqual({ kind: 'goto', slot: 3 });
    expect(ptzKeyAction(key('7', 'Numpad7'))).toEqual({ kind: 'goto', slot: 7 });
    // Shift+1 is "!" on a US keyboard.
    expect(ptzKeyAction(key('!', 'Digit1', { shiftKey: true }))).toEqual({ kind: 'save', slot: 1 });
    expect(ptzKeyAction(key('0', 'Digit0'))).toBeNull();
  });

  it("leaves other keys and the console's Ctrl/Alt shortcuts alone", () => {
    expect(ptzKeyAction(key('F2', 'F2'))).toBeNull();
    expect(ptzKeyAction(key('a', 'KeyA'))).toBeNull();
    expect(ptzKeyAction(key('ArrowLeft', 'ArrowLeft', { ctrlKey: true }))).toBeNull();
    expect(ptzKeyAction(key('1', 'Digit1', { altKey: true }))).toBeNull();
  });

  it('adds keys held together, opposite ones cancelling', () => {
    expect(heldSpeeds(['left', 'up'])).toEqual({ pan: -0.5, tilt: 0.5, zoom: 0 });
    expect(heldSpeeds(['left', 'right'])).toEqual({ pan: 0, tilt: 0, zoom: 0 });
    expect(heldSpeeds(['zoomIn', 'zoomIn'])).toEqual({ pan: 0, tilt: 0, zoom: 0.5 });
    expect(heldSpeeds([])).toEqual({ pan: 0, tilt: 0, zoom: 0 });
  });

  it('names the n-th preset by a digit', () => {
    const presets = [{ token: '5' }, { token: '9' }];
    expect(presetForSlot(presets, 2)).toEqual({ token: '9' });
    expect(presetForSlot(presets, 3)).toBeUndefined();
  });
});

describe('PtzHold', () => {
  let sent: { at: number; op: string; speeds?: PtzSpeeds }[];
  let hold: PtzHold;
  const left = { pan: -0.5, tilt: 0, zoom: 0 };

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    sent = [];
    hold = new PtzHold(
      {
        move: async (speeds) => sent.push({ at: Date.now(), op: 'move', speeds }),
        stop: async () => sent.push({ at: Date.now(), op: 'stop' }),
      },
      () => undefined,
    );
  });
  afterEach(() => {
    hold.release();
    vi.useRealTimers();
  });

  it('moves at once, repeats every 300 ms while held, stops once on release', () => {
    hold.hold(left);
    // Key auto-repeat sends the same speeds again: no extra call.
    hold.hold(left);
    vi.advanceTimersByTime(950);
    hold.release();
    hold.release();
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => [s.at, s.op])).toEqual([
      [0, 'move'],
      [300, 'move'],
      [600, 'move'],
      [900, 'move'],
      [950, 'stop'],
    ]);
  });

  it('sends new speeds at once and a still hold is a release', () => {
    hold.hold(left);
    vi.advanceTimersByTime(100);
    hold.hold({ pan: -0.5, tilt: 0.5, zoom: 0 });
    hold.hold({ pan: 0, tilt: 0, zoom: 0 });
    expect(sent.map((s) => [s.at, s.op, s.speeds?.tilt])).toEqual([
      [0, 'move', 0],
      [100, 'move', 0.5],
      [100, 'stop', undefined],
    ]);
  });

  it('sends no Stop when nothing was held', () => {
    hold.release();
    expect(sent).toEqual([]);
  });
});
