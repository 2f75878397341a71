// "Kiểm tra kết nối" and its answer, under the camera dialog's fields.
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';

export type TestState =
  | { phase: 'idle' }
  | { phase: 'running' }
  /** `key`: the connection fields that were tested (save-check.ts). */
  | { phase: 'done'; ok: boolean; text: string; key: string };

export function CameraTestRow(props: {
  test: TestState;
  /** Testing a recorder probes its first channel; the button says so. */
  channel: boolean;
  /** The address or account changed since the test: its answer is gone, a new test is due. */
  stale: boolean;
  onRun: () => void;
}) {
  const t = useT();
  const { test } = props;
  return (
    <div className="test-row">
      <button
        type="button"
        className="btn"
        data-testid="camera-test"
        disabled={test.phase === 'running'}
        onClick={props.onRun}
      >
        <Icon name="check" size={14} />
        {test.phase === 'running'
          ? t('camera.testing')
          : props.channel
            ? t('camera.testChannel')
            : t('camera.test')}
      </button>
      {props.stale ? (
        <div className="test-result test-stale" data-testid="camera-test-stale" role="status">
          <Icon name="info" size={14} />
          <span>{t('camera.testStale')}</span>
        </div>
      ) : test.phase === 'done' ? (
        <div
          className={`test-result ${test.ok ? 'test-ok' : 'test-fail'}`}
          data-testid="camera-test-result"
          data-ok={test.ok}
          role="status"
        >
          <Icon name={test.ok ? 'check' : 'alert'} size={14} />
          <span>{test.text}</span>
        </div>
      ) : null}
    </div>
  );
}
