// Whether saving a camera needs the officer's "Vẫn lưu": a connection test that failed,
// or one whose address or account changed since, must not let a dead camera in silently.
import type { MessageKey, MessageParams } from '../i18n/translate';
import type { RecorderForm, RtspForm } from './camera-form';
import type { TestState } from './camera-test-row';

/** The fields a connection test depends on: when they change, an earlier result is stale. */
export function connectionKeyOf(
  addingRecorder: boolean,
  form: RtspForm,
  rec: RecorderForm,
): string {
  return JSON.stringify(
    addingRecorder
      ? [
          'recorder',
          rec.vendor,
          rec.host.trim(),
          rec.port.trim(),
          rec.username.trim(),
          rec.password,
          rec.vendor === 'generic' ? rec.mainPath.trim() : '',
        ]
      : ['rtsp', form.mainUrl.trim(), form.username.trim(), form.password, form.removePassword],
  );
}

/** A test result belongs to the fields it tested; after a change it no longer speaks for them. */
export function isStale(test: TestState, key: string): boolean {
  return test.phase === 'done' && test.key !== key;
}

export type SaveCheck =
  /** Save at once; `untested`: say afterwards that the connection was never tried. */
  | { confirm: null; untested: boolean }
  /** Ask first, saying what is wrong. */
  | { confirm: { key: MessageKey; params: MessageParams } };

/**
 * `unchangedKey`: the connection of the camera being edited as stored (null when adding);
 * an edit that leaves it alone (a new name, a new group) needs no test.
 */
export function saveCheckOf(test: TestState, key: string, unchangedKey: string | null): SaveCheck {
  if (test.phase === 'running') return { confirm: { key: 'camera.confirmRunning', params: {} } };
  if (test.phase === 'done' && test.key !== key)
    return { confirm: { key: 'camera.confirmStale', params: {} } };
  if (test.phase === 'done' && !test.ok)
    return { confirm: { key: 'camera.confirmFailed', params: { reason: test.text } } };
  if (test.phase === 'done') return { confirm: null, untested: false };
  return { confirm: null, untested: key !== unchangedKey };
}
