// Interfaces between the camera registry, the stream supervisor, the live hub
// and the media server. Implementations live beside this file.
import type {
  StreamErrorKind,
  StreamKind,
  StreamState,
  StreamStatus,
} from '../../contract/schemas';

/** What ffmpeg should read. Credentials are already inside `url`; never log it — log `safeLabel`. */
export type StreamInput =
  | {
      kind: 'rtsp';
      url: string;
      safeLabel: string;
      /** Codec from the last probe, when known; H.265 gets the hvc1 tag MSE needs. (additive) */
      codec?: 'h264' | 'hevc' | null;
    }
  /** Built-in demo camera: ffmpeg test source with the name and a running clock burned in. */
  | { kind: 'demo'; index: number; title: string; safeLabel: string };

/** Resolves a camera's stream to an input, decrypting its password. Throws ApiError('not_found'). */
export type InputResolver = (cameraId: string, stream: StreamKind) => Promise<StreamInput>;

export interface StateChange {
  state: StreamState;
  errorKind: StreamErrorKind | null;
  since: number;
  retryAt: number | null;
}

/** Receives status of every live stream; the composition root turns it into events and outages. */
export type StatusListener = (status: StreamStatus) => void;

export type { LiveFormat } from '../../contract/live-stream';

/** Thrown by an args builder when a stream cannot start for a known reason (additive). */
export class StreamStartError extends Error {
  constructor(readonly errorKind: StreamErrorKind) {
    super(errorKind);
    this.name = 'StreamStartError';
  }
}
