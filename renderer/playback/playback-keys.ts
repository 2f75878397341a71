// The playback keyboard, as a pure mapping from a key event to an action.
import { PLAYBACK_RATES } from './engine/types';

export type PlaybackAction =
  | { type: 'togglePlay' }
  | { type: 'jump'; deltaMs: number }
  | { type: 'step'; direction: 1 | -1 }
  | { type: 'rate'; direction: 1 | -1 }
  | { type: 'incident'; direction: 1 | -1 }
  | { type: 'peak'; direction: 1 | -1 }
  | { type: 'live' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function playbackAction(e: KeyLike): PlaybackAction | null {
  if (e.altKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  switch (e.key) {
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
    case '[':
      return ctrl ? null : { type: 'rate', direction: -1 };
    case ']':
      return ctrl ? null : { type: 'rate', direction: 1 };
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
