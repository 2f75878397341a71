// Keeps the recording service's camera set in step with the camera registry.
// Demo cameras start with recording off: each would cost a software H.264 encode
// on the duty-room PC; real cameras record by default (main stream).
import type { Camera } from '../../contract/schemas';
import type { Logger } from '../logging/logger';
import type { RecordingService } from '../recording/recording-service';

export interface RecordingSyncOptions {
  recording: RecordingService;
  listCameras: () => Promise<Camera[]>;
  logger: Logger;
}

export class RecordingSync {
  private chain: Promise<void> = Promise.resolve();
  private pending = false;

  constructor(private readonly opts: RecordingSyncOptions) {}

  /** One sync now (awaited at start-up). */
  sync(): Promise<void> {
    this.chain = this.chain.then(() => this.run());
    return this.chain;
  }

  /** A sync soon; bursts of camera changes (a whole DVR added) collapse into one. */
  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.chain = this.chain.then(async () => {
      this.pending = false;
      await this.run();
    });
  }

  /** Resolves when every queued sync has run. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async run(): Promise<void> {
    try {
      const cameras = await this.opts.listCameras();
      const known = new Set((await this.opts.recording.cameraSettings()).map((s) => s.cameraId));
      for (const c of cameras)
        if (c.source === 'demo' && !known.has(c.id))
          await this.opts.recording.setCamera(c.id, { enabled: false });
      await this.opts.recording.syncCameras(cameras.map((c) => c.id));
    } catch (err) {
      this.opts.logger.error('recording sync failed', { err: String(err) });
    }
  }
}
