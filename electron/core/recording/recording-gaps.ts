// Why footage is missing: at most one open gap per camera, opened with its reason
// where the footage ends and closed by the first footage after it. Every opening
// and closing goes to the recording event log. See docs/design/recording.md.
import type { StreamKind } from '../../contract/schemas';
import type { StateChange } from '../streams/types';
import type { EventLogger } from './reconciler';
import type { RecordingIndex } from './recording-index';
import type { Gap, GapReason } from './recording-types';

export class RecordingGaps {
  constructor(
    private readonly index: RecordingIndex,
    private readonly log: EventLogger,
  ) {}

  /** Opens a gap unless the camera already has one open (the first reason stands). */
  async openOnce(
    camera: { cameraId: string; stream: StreamKind },
    reason: GapReason,
    startMs: number,
    errorKind: StateChange['errorKind'] = null,
  ): Promise<Gap | null> {
    const open = await this.index.openGaps(camera.cameraId);
    if (open.length > 0) return null;
    const gap = await this.index.openGap(
      camera.cameraId,
      camera.stream,
      startMs,
      reason,
      errorKind,
    );
    await this.log('gap_opened', gap.cameraId, gap.stream, { gapId: gap.id, reason, startMs });
    return gap;
  }

  /** Footage from `atMs` on: the camera's open gap ends there. */
  async closeAt(cameraId: string, atMs: number): Promise<void> {
    for (const g of await this.index.closeGaps(cameraId, atMs)) {
      await this.log('gap_closed', g.cameraId, g.stream, {
        gapId: g.id,
        reason: g.reason,
        startMs: g.startMs,
        endMs: g.endMs,
      });
    }
  }

  /**
   * A run killed before it filed a segment of its own (a crash within its first minute)
   * never closed the gap that was open when it started; its footage, filed from the
   * inbox at this boot, ends that gap. Otherwise one gap would span every crash-and-
   * restart after it, covering footage that exists, and no new downtime would be indexed.
   */
  async closeEndedByInbox(cameraId: string): Promise<void> {
    const open = await this.index.openGaps(cameraId);
    if (open.length === 0) return;
    const resumed = await this.index.firstStartFrom(
      cameraId,
      Math.max(...open.map((g) => g.startMs)),
    );
    if (resumed !== null) await this.closeAt(cameraId, resumed);
  }
}
