// At most N transcodes at once, whoever asks: each is an ffmpeg decoding and
// encoding in real time, and the station's 2 cores also record every camera.
// A caller waits a little for a slot (a seek's new request often arrives just
// before the ffmpeg it replaces has exited), then is told the station is busy.

/**
 * One per tile of the largest sync layout (3×3). At 1× a 720p H.265 stream costs about 10 %
 * of one core on the 2-core VM (docs/benchmarks.md): nine are about one core, at low priority.
 */
export const MAX_CONCURRENT_TRANSCODES = 9;

export type ReleaseSlot = () => void;

export class TranscodeSlots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  get running(): number {
    return this.used;
  }

  /** A slot, or null when none freed within `waitMs` or `signal` aborted first. */
  acquire(waitMs: number, signal: AbortSignal): Promise<ReleaseSlot | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.used < this.max) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      const give = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', quit);
        resolve(this.take());
      };
      const quit = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', quit);
        const at = this.waiting.indexOf(give);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      };
      const timer = setTimeout(quit, waitMs);
      signal.addEventListener('abort', quit, { once: true });
      this.waiting.push(give);
    });
  }

  private take(): ReleaseSlot {
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
      // Handed straight to the next in line: `used` goes back up in take().
      this.waiting.shift()?.();
    };
  }
}
