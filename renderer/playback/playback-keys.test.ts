import { describe, expect, it } from 'vitest';
import { playbackAction, rateLabel, stepRate } from './playback-keys';

const key = (
  k: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('playbackAction', () => {
  it('maps the documented keys', () => {
    expect(playbackAction(key(' '))).toEqual({ type: 'togglePlay' });
    expect(playbackAction(key('ArrowLeft'))).toEqual({ type: 'jump', deltaMs: -10_000 });
    expect(playbackAction(key('ArrowRight', { shiftKey: true }))).toEqual({
      type: 'jump',
      deltaMs: 60_000,
    });
    expect(playbackAction(key('ArrowRight', { ctrlKey: true }))).toEqual({
      type: 'peak',
      direction: 1,
    });
    expect(playbackAction(key(','))).toEqual({ type: 'step', direction: -1 });
    expect(playbackAction(key('.'))).toEqual({ type: 'step', direction: 1 });
    expect(playbackAction(key('-'))).toEqual({ type: 'rate', direction: -1 });
    expect(playbackAction(key('='))).toEqual({ type: 'rate', direction: 1 });
    expect(playbackAction(key('+', { shiftKey: true }))).toEqual({ type: 'rate', direction: 1 });
    expect(playbackAction(key('['))).toEqual({ type: 'mark', edge: 'start' });
    expect(playbackAction(key(']'))).toEqual({ type: 'mark', edge: 'end' });
    expect(playbackAction(key('Escape'))).toEqual({ type: 'clearRange' });
    expect(playbackAction(key('PageUp'))).toEqual({ type: 'incident', direction: -1 });
    expect(playbackAction(key('PageDown'))).toEqual({ type: 'incident', direction: 1 });
    expect(playbackAction(key('L'))).toEqual({ type: 'live' });
  });

  it('reads the range marks from the physical key under a Telex input method', () => {
    expect(playbackAction({ ...key('ơ'), code: 'BracketLeft' })).toEqual({
      type: 'mark',
      edge: 'start',
    });
    expect(playbackAction({ ...key('ư'), code: 'BracketRight' })).toEqual({
      type: 'mark',
      edge: 'end',
    });
    expect(playbackAction({ ...key('ư'), code: 'KeyW' })).toBeNull();
  });

  it('leaves other keys and Alt/Ctrl combinations to the browser', () => {
    expect(playbackAction(key('a'))).toBeNull();
    expect(playbackAction(key('F2'))).toBeNull();
    expect(playbackAction(key('ArrowLeft', { altKey: true }))).toBeNull();
    expect(playbackAction(key('l', { ctrlKey: true }))).toBeNull();
    // Ctrl+- / Ctrl+= stay the browser's zoom; Ctrl+[ is not a mark.
    expect(playbackAction(key('-', { ctrlKey: true }))).toBeNull();
    expect(playbackAction(key('=', { ctrlKey: true }))).toBeNull();
    expect(playbackAction(key('[', { ctrlKey: true }))).toBeNull();
  });
});

describe('speeds', () => {
  it('steps through 1/8 … 16 and stops at the ends', () => {
    expect(stepRate(1, 1)).toBe(2);
    expect(stepRate(1, -1)).toBe(0.5);
    expect(stepRate(16, 1)).toBe(16);
    expect(stepRate(1 / 8, -1)).toBe(1 / 8);
    expect(stepRate(3, 1)).toBe(2);
  });
  it('labels fractions as 1/n', () => {
    expect(rateLabel(0.125)).toBe('1/8×');
    expect(rateLabel(0.5)).toBe('1/2×');
    expect(rateLabel(16)).toBe('16×');
  });
});
