// Viewing recorded footage goes into the audit trail as `footage.viewed` (who,
// which camera, which period). The player asks for segments every few seconds,
// so views are coalesced: time is cut into 10-minute spans aligned to the clock,
// and each span of a camera is written once per session — a request that reaches
// spans not yet written appends one row per contiguous run of them. The memory is
// per session token: a new sign-in starts afresh, an ended session's is dropped.
import type { AuditLog } from '../audit/audit-log';

/** Length of one audited span; views inside a written span add no row. */
export const VIEW_SPAN_MS = 10 * 60_000;

export interface FootageViewer {
  officerId: string;
  fullName: string;
  /** The session token: the coalescing memory belongs to it. */
  token: string;
}

export interface FootageViewAuditDeps {
  audit: Pick<AuditLog, 'append'>;
  /** Whether a session is still live; memory of ended ones is forgotten. */
  sessionAlive: (token: string) => boolean;
}

export class FootageViewAudit {
  /** token → camera → spans written (span index = floor(ms / VIEW_SPAN_MS)). */
  private readonly written = new Map<string, Map<string, Set<number>>>();

  constructor(private readonly deps: FootageViewAuditDeps) {}

  /** Records a view of [fromMs, toMs); resolves with the number of rows appended. */
  async viewed(
    viewer: FootageViewer,
    cameraId: string,
    fromMs: number,
    toMs: number,
  ): Promise<number> {
    this.forgetEndedSessions();
    let cameras = this.written.get(viewer.token);
    if (!cameras) this.written.set(viewer.token, (cameras = new Map()));
    let spans = cameras.get(cameraId);
    if (!spans) cameras.set(cameraId, (spans = new Set()));

    const runs = unwrittenRuns(spans, fromMs, toMs);
    // Claimed before the awaits, so concurrent requests for the same spans write once.
    for (const [first, last] of runs) for (let s = first; s <= last; s++) spans.add(s);
    let appended = 0;
    for (const [first, last] of runs) {
      try {
        await this.deps.audit.append({
          action: 'footage.viewed',
          actor: { officerId: viewer.officerId, fullName: viewer.fullName },
          subject: cameraId,
          details: { fromMs: first * VIEW_SPAN_MS, toMs: (last + 1) * VIEW_SPAN_MS },
        });
        appended++;
      } catch (err) {
        // Not written, so not remembered: the next request tries again.
        for (const [f, l] of runs.slice(appended)) for (let s = f; s <= l; s++) spans.delete(s);
        throw err;
      }
    }
    return appended;
  }

  private forgetEndedSessions(): void {
    for (const token of this.written.keys())
      if (!this.deps.sessionAlive(token)) this.written.delete(token);
  }
}

/** Contiguous runs [first, last] of span indexes covering [fromMs, toMs) not yet written. */
function unwrittenRuns(written: Set<number>, fromMs: number, toMs: number): [number, number][] {
  const runs: [number, number][] = [];
  const first = Math.floor(fromMs / VIEW_SPAN_MS);
  const last = Math.max(first, Math.ceil(toMs / VIEW_SPAN_MS) - 1);
  for (let s = first; s <= last; s++) {
    if (written.has(s)) continue;
    const open = runs[runs.length - 1];
    if (open && open[1] === s - 1) open[1] = s;
    else runs.push([s, s]);
  }
  return runs;
}
