// The progress of one export job as the bar shows it: work bytes done of the
// total (each byte is remuxed, written and read back), the file at hand, files
// done, and the time left at the rate so far. Pushed at most four times a second.
import type { ExportPhase, ExportProgress } from '../../contract/export-schemas';

/** Fewer than this many ms of history make a wild estimate: none is shown. */
export const ETA_AFTER_MS = 2000;
/** At most four updates a second reach the renderer. */
export const PROGRESS_INTERVAL_MS = 250;

export type JobProgress = Omit<ExportProgress, 'id'>;

export class ProgressMeter {
  private done = 0;
  private total = 0;
  private filesDone = 0;
  private phase: ExportPhase = 'preparing';
  private currentFile: string | null = null;
  private readonly startedAt: number;
  private lastEmitAt: number | null = null;

  constructor(
    private readonly filesTotal: number,
    private readonly emit: (p: JobProgress) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /** More work than estimated (or newly known): the total grows. */
  addTotal(bytes: number): void {
    this.total += Math.max(0, bytes);
  }

  /** An estimate replaced by what is now known; the total never drops below the work done. */
  correctTotal(delta: number): void {
    this.total = Math.max(this.done, this.total + delta);
  }

  advance(bytes: number): void {
    this.done += Math.max(0, bytes);
    if (this.done > this.total) this.total = this.done;
    this.push();
  }

  at(phase: ExportPhase, currentFile: string | null): void {
    if (phase === this.phase && currentFile === this.currentFile) return;
    this.phase = phase;
    this.currentFile = currentFile;
    this.push();
  }

  fileDone(): void {
    this.filesDone = Math.min(this.filesTotal, this.filesDone + 1);
    this.push();
  }

  snapshot(): JobProgress {
    const elapsed = this.now() - this.startedAt;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const etaSec =
      elapsed < ETA_AFTER_MS || rate <= 0
        ? null
        : Math.max(0, Math.ceil((this.total - this.done) / rate / 1000));
    return {
      phase: this.phase,
      currentFile: this.currentFile,
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      done: Math.round(this.done),
      total: Math.round(this.total),
      etaSec,
    };
  }

  private push(): void {
    const t = this.now();
    if (this.lastEmitAt !== null && t - this.lastEmitAt < PROGRESS_INTERVAL_MS) return;
    this.lastEmitAt = t;
    this.emit(this.snapshot());
  }
}
