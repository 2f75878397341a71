// SHA-256 of a file's read-back on another thread: the chunks read back from
// the stick are handed over (transferred, not copied) to a worker that hashes
// them while this thread hashes the bytes still being written. On a two-core
// station the two passes then cost one pass of wall time.
//
// The worker's code is inline (eval): the core is bundled into one file, and a
// worker file beside it would be one more thing for the build to get right.
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
let bytes = 0;
parentPort.on('message', (m) => {
  if (m === 'digest') {
    parentPort.postMessage({ bytes, sha256: hash.digest('hex') });
    return;
  }
  hash.update(new Uint8Array(m));
  bytes += m.byteLength;
  parentPort.postMessage('hashed');
});
`;

/** Chunks handed over and not yet hashed; bounds the memory a slow worker can hold. */
const MAX_IN_FLIGHT = 4;

export class ReadbackHash {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private inFlight = 0;
  private roomWaiters: (() => void)[] = [];
  private result: ((r: { bytes: number; sha256: string }) => void) | null = null;
  private failure: Error | null = null;
  private failed: ((err: Error) => void)[] = [];

  constructor() {
    this.worker.on('message', (m: 'hashed' | { bytes: number; sha256: string }) => {
      if (m === 'hashed') {
        this.inFlight--;
        this.roomWaiters.shift()?.();
      } else this.result?.(m);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.result || code !== 0)
        this.fail(new Error(`read-back hash worker exited (${code})`));
    });
  }

  /** Resolves once another chunk may be handed over. */
  async room(): Promise<void> {
    this.throwIfFailed();
    if (this.inFlight < MAX_IN_FLIGHT) return;
    await new Promise<void>((resolve, reject) => {
      this.roomWaiters.push(resolve);
      this.failed.push(reject);
    });
  }

  /** Hands `chunk` over; the caller must not touch it afterwards. */
  update(chunk: ArrayBuffer): void {
    this.throwIfFailed();
    this.inFlight++;
    this.worker.postMessage(chunk, [chunk]);
  }

  async digest(): Promise<{ bytes: number; sha256: string }> {
    this.throwIfFailed();
    return new Promise((resolve, reject) => {
      this.result = resolve;
      this.failed.push(reject);
      this.worker.postMessage('digest');
    });
  }

  /** Stops the worker; whatever still waits on it (room, digest) rejects now. */
  async close(): Promise<void> {
    this.fail(new Error('read-back hash stopped'));
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const reject of this.failed.splice(0)) reject(err);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
