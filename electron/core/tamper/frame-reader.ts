// Cuts the detector's stdout into pictures: a byte stream of fixed-size yuv420p
// frames, arriving in chunks of any size. Each picture is stamped when its last
// byte arrives, which is when its keyframe reached the station (give or take a
// decode).
import { CELL, type Picture } from './picture-metrics';

export class FrameReader {
  private readonly frameBytes: number;
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly onPicture: (picture: Picture) => void,
  ) {
    if (width % (2 * CELL) !== 0 || height % CELL !== 0 || height % 2 !== 0)
      throw new Error(`detector picture ${width}x${height} does not fit the cell grid`);
    this.frameBytes = width * height * 1.5;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= this.frameBytes) {
      const frame = this.buffer.subarray(0, this.frameBytes);
      this.buffer = this.buffer.subarray(this.frameBytes);
      this.onPicture(this.toPicture(frame));
    }
  }

  /** A new ffmpeg run starts at a frame boundary: drop the last run's partial frame. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }

  private toPicture(frame: Buffer): Picture {
    // Copied: the chunk buffer is reused by the stream, the picture may be kept (reference).
    const bytes = new Uint8Array(frame);
    const luma = this.width * this.height;
    const chroma = luma / 4;
    return {
      width: this.width,
      height: this.height,
      y: bytes.subarray(0, luma),
      u: bytes.subarray(luma, luma + chroma),
      v: bytes.subarray(luma + chroma, luma + 2 * chroma),
    };
  }
}
