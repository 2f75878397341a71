// The export range beside the timeline: set its start and end at the playhead,
// read its ends and duration in station time, clear it; and the "Trích xuất dữ liệu…"
// button in the transport bar that hands the range and the cameras on screen to
// the export dialog.
import { useLanguage, useT } from '../i18n/use-t';
import { useStationStore } from '../store/store-context';
import { Icon } from '../shell/icons';
import {
  exportableRange,
  hasMarks,
  type RangeEdge,
  type RangeMarks,
  type RangeProblem,
} from './export-range';
import { durationText, rangeEndsText } from './export-range-text';

export function ExportRangeBar(props: {
  range: RangeMarks;
  problem: RangeProblem | null;
  ready: boolean;
  onMark: (edge: RangeEdge) => void;
  onClear: () => void;
}) {
  const t = useT();
  const language = useLanguage();
  const { range, problem } = props;
  const ends = rangeEndsText(range, language);
  const span =
    range.startMs !== null && range.endMs !== null && range.endMs > range.startMs
      ? durationText(range.endMs - range.startMs)
      : null;
  return (
    <div
      className="pb-range"
      role="group"
      aria-label={t('playback.range')}
      data-testid="playback-range"
      data-start-ms={range.startMs ?? ''}
      data-end-ms={range.endMs ?? ''}
      data-problem={problem ?? ''}
    >
      <button
        type="button"
        className="btn pb-range-mark"
        data-testid="playback-mark-start"
        title={t('playback.range.markStartHint')}
        disabled={!props.ready}
        onClick={() => props.onMark('start')}
      >
        <kbd className="kbd">[</kbd>
        <span>{t('playback.range.markStart')}</span>
      </button>
      <button
        type="button"
        className="btn pb-range-mark"
        data-testid="playback-mark-end"
        title={t('playback.range.markEndHint')}
        disabled={!props.ready}
        onClick={() => props.onMark('end')}
      >
        <span>{t('playback.range.markEnd')}</span>
        <kbd className="kbd">]</kbd>
      </button>
      <span
        className={`pb-range-text${hasMarks(range) ? '' : ' pb-range-empty'}${problem === 'tooLong' ? ' pb-range-bad' : ''}`}
        data-testid="playback-range-text"
        title={
          problem === 'tooLong'
            ? t('playback.range.tooLong')
            : hasMarks(range)
              ? undefined
              : t('playback.exportNeedsRange')
        }
      >
        <span className="pb-range-ends">{t(ends.key, ends.params)}</span>
        {span ? <span className="pb-range-span">{t(span.key, span.params)}</span> : null}
      </span>
      {hasMarks(range) ? (
        <button
          type="button"
          className="btn pb-range-clear"
          data-testid="playback-range-clear"
          title={t('playback.range.clearHint')}
          onClick={props.onClear}
        >
          <Icon name="close" size={14} />
          <span>{t('playback.range.clear')}</span>
        </button>
      ) : null}
    </div>
  );
}

export function ExportRangeButton(props: {
  range: RangeMarks;
  problem: RangeProblem | null;
  cameraIds: readonly string[];
}) {
  const t = useT();
  const store = useStationStore();
  const chosen = exportableRange(props.range);
  const enabled = chosen !== null && props.cameraIds.length > 0;
  const title = chosen
    ? t('playback.exportHint', { count: props.cameraIds.length })
    : props.problem === 'tooLong'
      ? t('playback.exportTooLong')
      : t('playback.exportNeedsRange');
  return (
    // The title stays readable on a disabled button through its wrapper.
    <span className="pb-export-wrap" title={title}>
      <button
        type="button"
        className="btn pb-export"
        data-testid="playback-export"
        disabled={!enabled}
        onClick={() => {
          if (!chosen) return;
          store.getState().openExportDialog({
            incidentId: null,
            cameraIds: [...props.cameraIds],
            fromMs: chosen.fromMs,
            toMs: chosen.toMs,
          });
        }}
      >
        <Icon name="disk" size={16} />
        <span>{t('playback.export')}</span>
      </button>
    </span>
  );
}
