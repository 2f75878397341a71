// Builds a shift's handover summary from what the station recorded during it:
// incidents, camera outages, recording gaps, exports, storage alarms, picture and clock
// alarms (docs/design/duty.md, tamper.md).
// A read model: every fact comes through HandoverSources, from the service that
// owns it; this module only clips, merges and labels them.
//
// Ranges are inclusive at both ends. Every list is capped at SUMMARY_LIST_LIMIT
// rows so a shift with a flapping camera cannot produce an unbounded report.
import type { HandoverIncident, HandoverSummary } from '../../contract/shift-schemas';
import type { Queryable } from '../db/database';
import { REMOVED_CAMERA_VI } from '../reports/report-labels-vi';
import type { HandoverSources } from './handover-sources';

/** Most rows per list of a summary. */
export const SUMMARY_LIST_LIMIT = 500;

type Outage = HandoverSummary['outages'][number];
type Gap = HandoverSummary['recordingGaps'][number];
type Alarm = HandoverSummary['storageAlarms'][number];
type ExportItem = HandoverSummary['exports'][number];
type CameraAlarm = NonNullable<HandoverSummary['cameraAlarms']>[number];

/** Appended to the label of an export that did not complete. */
const EXPORT_OUTCOME_VI: Readonly<Record<string, string>> = {
  failed: ' (thất bại)',
  cancelled: ' (đã hủy)',
};

interface Span {
  cameraId: string;
  startMs: number;
  endMs: number | null;
}

/** The fields in the contract's order: the stored summary and its hash depend on it. */
function toIncident(i: HandoverIncident): HandoverIncident {
  return {
    id: i.id,
    code: i.code,
    category: i.category,
    severity: i.severity,
    status: i.status,
    location: i.location,
    description: i.description,
    occurredAt: i.occurredAt,
    cameraNames: [...i.cameraNames],
  };
}

/** A span clipped to the shift; `endedAt` null when it was still running at the shift's end. */
function clip(startMs: number, endMs: number | null, fromMs: number, toMs: number) {
  const ended = endMs !== null && endMs <= toMs;
  const duration = Math.min(endMs ?? toMs, toMs) - Math.max(startMs, fromMs);
  return { endedAt: ended ? endMs : null, durationMs: Math.max(0, duration) };
}

/**
 * One camera's outages on its main and sub streams, merged into the periods the
 * camera was down on either: the officer cares about the camera, not the stream.
 * Spans must be sorted by camera, then start.
 */
function mergeByCamera(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    const overlaps =
      last !== undefined &&
      last.cameraId === span.cameraId &&
      (last.endMs === null || span.startMs <= last.endMs);
    if (!overlaps) {
      merged.push({ ...span });
      continue;
    }
    if (last.endMs !== null && (span.endMs === null || span.endMs > last.endMs))
      last.endMs = span.endMs;
  }
  return merged;
}

export class HandoverSummaryBuilder {
  constructor(private readonly sources: HandoverSources) {}

  /**
   * The summary of [fromMs, toMs]. Pass `tx` (a transaction handle) when building
   * inside a transaction: the Database itself would wait behind it.
   */
  async build(fromMs: number, toMs: number, tx?: Queryable): Promise<HandoverSummary> {
    const src = this.sources;
    const limit = SUMMARY_LIST_LIMIT;
    const incidentsOpened = await src.incidentsCreated(fromMs, toMs, limit, tx);
    const incidentsUpdated = await src.incidentsChanged(fromMs, toMs, limit, tx);
    const incidentsStillOpen = await src.incidentsOpen(toMs, limit, tx);
    const outages = await src.outages(fromMs, toMs, limit, tx);
    const gaps = await src.recordingGaps(fromMs, toMs, limit, tx);
    const cameraAlarms = (await src.cameraAlarms?.(fromMs, toMs, limit, tx)) ?? [];
    // One read of the names for all lists; a removed camera shows the name it last had.
    const names = await src.cameraNames(
      [
        ...outages.map((o) => o.cameraId),
        ...gaps.map((g) => g.cameraId),
        ...cameraAlarms.map((a) => a.cameraId),
      ],
      tx,
    );
    const nameOf = (cameraId: string) => names.get(cameraId) ?? REMOVED_CAMERA_VI;
    const exports = await src.exportsFinished(fromMs, toMs, limit, tx);
    const alarms = await src.storageAlarms(fromMs, toMs, limit, tx);
    return {
      fromMs,
      toMs,
      incidentsOpened: incidentsOpened.map(toIncident),
      incidentsUpdated: incidentsUpdated.map(toIncident),
      incidentsStillOpen: incidentsStillOpen.map(toIncident),
      outages: this.outages(outages, nameOf, fromMs, toMs),
      recordingGaps: gaps.map((g): Gap => {
        const { endedAt, durationMs } = clip(g.startMs, g.endMs, fromMs, toMs);
        return {
          cameraId: g.cameraId,
          cameraName: nameOf(g.cameraId),
          startMs: g.startMs,
          endMs: endedAt,
          durationMs,
          reason: g.reason,
        };
      }),
      // The folder name already carries the incident code (VV-2026-0012_…) or the range.
      exports: exports.map((e): ExportItem => ({
        id: e.id,
        atMs: e.finishedAt,
        label: `${e.folderName}${EXPORT_OUTCOME_VI[e.status] ?? ''}`,
      })),
      storageAlarms: alarms.map((a): Alarm => {
        // The alarm's own kind (disk_full, unwritable…) is in the detail; the event kind says raised or cleared.
        const kind = typeof a.detail.kind === 'string' ? a.detail.kind : a.kind;
        return { atMs: a.atMs, kind, cleared: a.kind === 'disk_ok' };
      }),
      // Absent when there were none: handovers written before these alarms keep their hash.
      ...(cameraAlarms.length > 0
        ? {
            cameraAlarms: cameraAlarms
              .map((a): CameraAlarm => {
                const { endedAt, durationMs } = clip(a.startedAt, a.endedAt, fromMs, toMs);
                return {
                  cameraId: a.cameraId,
                  cameraName: nameOf(a.cameraId),
                  kind: a.kind,
                  startMs: a.startedAt,
                  endMs: endedAt,
                  durationMs,
                  acknowledgedBy: a.acknowledged?.officerName ?? null,
                };
              })
              .sort((x, y) => x.startMs - y.startMs || x.cameraName.localeCompare(y.cameraName)),
          }
        : {}),
      auditHead: await src.auditHead(tx),
    };
  }

  /** Outages per camera (streams merged), clipped to the shift, by start then camera name. */
  private outages(
    outages: Awaited<ReturnType<HandoverSources['outages']>>,
    nameOf: (cameraId: string) => string,
    fromMs: number,
    toMs: number,
  ): Outage[] {
    const spans = outages.map((o) => ({
      cameraId: o.cameraId,
      startMs: o.startedAt,
      endMs: o.endedAt,
    }));
    return mergeByCamera(spans)
      .map((s) => ({
        cameraId: s.cameraId,
        cameraName: nameOf(s.cameraId),
        startedAt: s.startMs,
        ...clip(s.startMs, s.endMs, fromMs, toMs),
      }))
      .sort((a, b) => a.startedAt - b.startedAt || a.cameraName.localeCompare(b.cameraName));
  }
}
