// The playback keyboard, as a pure mapping from a key event to an action.
// [ and ] mark the export range (as video editors mark in and out); the speed
// is on - and + (= unshifted, and the keypad's).
import { PLAYBACK_RATES } from './engine/types';
import type { RangeEdge } from './export-range';

export type PlaybackAction =
  | { type: 'togglePlay' }
  | { type: 'jump'; deltaMs: number }
  | { type: 'step'; direction: 1 | -1 }
  | { type: 'rate'; direction: 1 | -1 }
  | { type: 'incident'; direction: 1 | -1 }
  | { type: 'peak'; direction: 1 | -1 }
  | { type: 'mark'; edge: RangeEdge }
  | { type: 'clearRange' }
  | { type: 'live' };

export interface KeyLike {
  key: string;
  /** The physical key, where known. */
  code?: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * Vietnamese Telex input methods (Unikey, EVKey) turn [ and ] into ơ and ư, so
 * those two marks are read from the physical key.
 */
function keyOf(e: KeyLike): string {
  if (e.code === 'BracketLeft' && !e.shiftKey) return '[';
  if (e.code === 'BracketRight' && !e.shiftKey) return ']';
  return e.key;
}

export function playbackAction(e: KeyLike): PlaybackAction | null {
  if (e.altKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  switch (keyOf(e)) {
    case ' ':
      return ctrl ? null : { type: 'togglePlay' };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const direction = e.key === 'ArrowRight' ? 1 : -1;
      if (ctrl) return { type: 'peak', direction };
      return { type: 'jump', deltaMs: direction * (e.shiftKey ? 60_000 : 10_000) };
    }
    case ',':
    case '<':
      return ctrl ? null : { type: 'step', direction: -1 };
    case '.':
    case '>':
      return ctrl ? null : { type: 'step', direction: 1 };
    case '-':
    case '_':
      return ctrl ? null : { type: 'rate', direction: -1 };
    case '=':
    case '+':
      return ctrl ? null : { type: 'rate', direction: 1 };
    case '[':
      return ctrl ? null : { type: 'mark', edge: 'start' };
    case ']':
      return ctrl ? null : { type: 'mark', edge: 'end' };
    case 'Escape':
      return { type: 'clearRange' };
    case 'PageUp':
      return { type: 'incident', direction: -1 };
    case 'PageDown':
      return { type: 'incident', direction: 1 };
    case 'l':
    case 'L':
      return ctrl ? null : { type: 'live' };
    default:
      return null;
  }
}

/** The next slower or faster speed; stays at the ends. */
export function stepRate(rate: number, direction: 1 | -1): number {
  const rates: readonly number[] = PLAYBACK_RATES;
  let i = rates.findIndex((r) => Math.abs(r - rate) < 1e-9);
  if (i < 0) i = rates.indexOf(1);
  return rates[Math.min(rates.length - 1, Math.max(0, i + direction))] ?? 1;
}

/** "1/8×", "1×", "16×". */
export function rateLabel(rate: number): string {
  return rate >= 1 ? `${rate}×` : `1/${Math.round(1 / rate)}×`;
}
