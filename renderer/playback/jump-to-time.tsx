// "Go to a moment": a date and a time in station time, prefilled with the playhead's.
// The date is typed as dd/MM/yyyy (yyyy-MM-dd is accepted too) or picked from the
// calendar; plain text shows the duty room's format whatever the PC's locale is,
// the calendar is the browser's own date picker.
import { useEffect, useRef, useState } from 'react';
import {
  formatStationDateTimeSeconds,
  parseStationDateTime,
} from '../../electron/contract/station-time';
import { useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';

/** "2025-06-05" → "05/06/2025"; other text unchanged. */
export function normalizeDateText(text: string): string {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  return iso ? `${iso[3]?.padStart(2, '0')}/${iso[2]?.padStart(2, '0')}/${iso[1]}` : text.trim();
}

/** "05/06/2025" → "2025-06-05" for the calendar input; '' when not a date. */
function isoOf(date: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(normalizeDateText(date));
  return m ? `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}` : '';
}

/** The moment typed, or which field is wrong. */
export function parseJump(
  date: string,
  time: string,
  nowMs: number,
): { ms: number } | { error: 'date' | 'time' | 'future' } {
  const d = normalizeDateText(date);
  if (!/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(d)) return { error: 'date' };
  const tm = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(time);
  if (!tm || Number(tm[1]) > 23 || Number(tm[2]) > 59 || Number(tm[3] ?? 0) > 59)
    return { error: 'time' };
  const ms = parseStationDateTime(`${d} ${time.trim()}`);
  if (ms === null) return { error: 'date' };
  if (ms > nowMs) return { error: 'future' };
  return { ms };
}

export function JumpToTime(props: { positionMs: number; onGo: (ms: number) => void }) {
  const t = useT();
  const { positionMs, onGo } = props;
  const [editing, setEditing] = useState(false);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [error, setError] = useState<'date' | 'time' | 'future' | null>(null);

  // Follow the playhead until the officer starts typing.
  useEffect(() => {
    if (editing) return;
    const [d = '', tm = ''] = formatStationDateTimeSeconds(positionMs).split(' ');
    setDate(d);
    setTime(tm);
  }, [positionMs, editing]);

  const pickerRef = useRef<HTMLInputElement>(null);
  const errorKey =
    error === 'date'
      ? 'playback.badDate'
      : error === 'time'
        ? 'playback.badTime'
        : 'playback.futureTime';

  const go = () => {
    const result = parseJump(date, time, Date.now());
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setError(null);
    setEditing(false);
    onGo(result.ms);
  };

  return (
    <form
      className="pb-jump"
      onSubmit={(e) => {
        e.preventDefault();
        go();
      }}
    >
      <Icon name="clock" size={14} />
      <JumpField
        kind="date"
        invalid={error === 'date' || error === 'future'}
        testId="playback-date"
        label={t('playback.date')}
        placeholder="dd/MM/yyyy"
        value={date}
        onValue={setDate}
        onEditing={setEditing}
        onClearError={() => setError(null)}
      />
      <button
        type="button"
        className="icon-btn pb-jump-cal"
        data-testid="playback-calendar"
        title={t('playback.pickDate')}
        aria-label={t('playback.pickDate')}
        onClick={() => {
          const picker = pickerRef.current;
          if (!picker) return;
          picker.value = isoOf(date);
          setEditing(true);
          try {
            picker.showPicker();
          } catch {
            picker.focus();
          }
        }}
      >
        <Icon name="calendar" size={14} />
      </button>
      <input
        ref={pickerRef}
        type="date"
        className="pb-jump-picker"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          if (!e.target.value) return;
          setError(null);
          setDate(normalizeDateText(e.target.value));
        }}
      />
      <JumpField
        kind="time"
        invalid={error === 'time' || error === 'future'}
        testId="playback-time"
        label={t('playback.time')}
        placeholder="HH:mm:ss"
        value={time}
        onValue={setTime}
        onEditing={setEditing}
        onClearError={() => setError(null)}
      />
      <button
        type="submit"
        className="btn btn-small"
        data-testid="playback-go"
        title={t('playback.goHint')}
      >
        {t('playback.go')}
      </button>
      {error ? (
        <span className="pb-jump-error" role="alert" data-testid="playback-jump-error">
          {t(errorKey)}
        </span>
      ) : null}
    </form>
  );
}

/** The date or time text field: editing holds it against playhead updates; Escape gives up. */
function JumpField(props: {
  kind: 'date' | 'time';
  invalid: boolean;
  testId: string;
  label: string;
  placeholder: string;
  value: string;
  onValue: (value: string) => void;
  onEditing: (editing: boolean) => void;
  onClearError: () => void;
}) {
  return (
    <input
      className={`input pb-jump-${props.kind}${props.invalid ? ' input-invalid' : ''}`}
      data-testid={props.testId}
      aria-label={props.label}
      title={props.label}
      placeholder={props.placeholder}
      value={props.value}
      inputMode="numeric"
      onFocus={() => props.onEditing(true)}
      onChange={(e) => {
        props.onEditing(true);
        props.onClearError();
        props.onValue(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          props.onEditing(false);
          props.onClearError();
          e.currentTarget.blur();
        }
      }}
    />
  );
}
