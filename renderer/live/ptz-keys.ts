// The PTZ keyboard of the selected dome tile, as pure functions: which key does
// what, and the speeds of the keys held together (Left+Up moves diagonally).
// Arrows pan/tilt, + and - (or PageUp/PageDown) zoom, 1–9 go to a preset,
// Shift+1–9 save the view as that preset.

export interface PtzSpeeds {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Speed of a held key or button: half of the camera's range moves fast enough and can still be aimed. */
export const PTZ_SPEED = 0.5;

export type PtzKeyAction =
  | { kind: 'hold'; key: PtzHoldKey }
  | { kind: 'goto'; slot: number }
  | { kind: 'save'; slot: number };

export type PtzHoldKey = 'left' | 'right' | 'up' | 'down' | 'zoomIn' | 'zoomOut';

const HOLD_SPEEDS: Record<PtzHoldKey, PtzSpeeds> = {
  left: { pan: -PTZ_SPEED, tilt: 0, zoom: 0 },
  right: { pan: PTZ_SPEED, tilt: 0, zoom: 0 },
  up: { pan: 0, tilt: PTZ_SPEED, zoom: 0 },
  down: { pan: 0, tilt: -PTZ_SPEED, zoom: 0 },
  zoomIn: { pan: 0, tilt: 0, zoom: PTZ_SPEED },
  zoomOut: { pan: 0, tilt: 0, zoom: -PTZ_SPEED },
};

const BY_KEY: Record<string, PtzHoldKey> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  '+': 'zoomIn',
  // The unshifted key of "+" on most layouts.
  '=': 'zoomIn',
  PageUp: 'zoomIn',
  '-': 'zoomOut',
  PageDown: 'zoomOut',
};

const BY_CODE: Record<string, PtzHoldKey> = {
  NumpadAdd: 'zoomIn',
  NumpadSubtract: 'zoomOut',
};

export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * What a key does on a PTZ tile, or null when it is not ours (Ctrl/Alt/⌘ shortcuts
 * belong to the rest of the console). Digits are read from `code`: Shift+1 is "!"
 * on a US keyboard and something else on others.
 */
export function ptzKeyAction(e: KeyLike): PtzKeyAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (digit) {
    const slot = Number(digit[1]);
    return e.shiftKey ? { kind: 'save', slot } : { kind: 'goto', slot };
  }
  const hold = BY_CODE[e.code] ?? BY_KEY[e.key];
  return hold ? { kind: 'hold', key: hold } : null;
}

/** The speeds of the keys held together, each axis within [-1, 1]; opposite keys cancel. */
export function heldSpeeds(held: Iterable<PtzHoldKey>): PtzSpeeds {
  const sum = { pan: 0, tilt: 0, zoom: 0 };
  for (const k of new Set(held)) {
    const s = HOLD_SPEEDS[k];
    sum.pan += s.pan;
    sum.tilt += s.tilt;
    sum.zoom += s.zoom;
  }
  const clamp = (n: number) => Math.max(-1, Math.min(1, n));
  return { pan: clamp(sum.pan), tilt: clamp(sum.tilt), zoom: clamp(sum.zoom) };
}

export const isStill = (s: PtzSpeeds): boolean => s.pan === 0 && s.tilt === 0 && s.zoom === 0;

/** The preset a digit names: the n-th in the camera's list. */
export function presetForSlot<P>(presets: readonly P[], slot: number): P | undefined {
  return slot >= 1 ? presets[slot - 1] : undefined;
}
