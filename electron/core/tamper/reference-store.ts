// The reference pictures a turned or re-aimed camera is compared with. A reference is
// the per-pixel median of a few keyframes, so people walking through drop out. Two
// slots per camera, colour and mono, because the day/night IR switch is no scene
// change. A commander takes it ("Chụp lại ảnh chuẩn") from the latest keyframes; a
// slot still empty is learned by the station from a steady, healthy picture.
import type { Database } from '../db/database';
import { measure, type Picture } from './picture-metrics';

export type PictureMode = 'colour' | 'mono';

export interface Reference {
  slot: string;
  /** Luma only: the scene comparison needs nothing else. */
  picture: Picture;
  edgeEnergy: number;
  takenAt: number;
  /** Officer id; null when the station learned it. */
  takenBy: string | null;
}

/** Keyframes in a learned reference, and the least time they must span. */
export const LEARN_FRAMES = 5;
export const LEARN_SPAN_MS = 10_000;

/** Per-pixel median of the pictures' luma (all of one size). */
export function medianPicture(pictures: readonly Picture[]): Picture {
  const first = pictures[0];
  if (!first) throw new Error('no pictures');
  const n = first.width * first.height;
  const y = new Uint8Array(n);
  const values = new Array<number>(pictures.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < pictures.length; k++) values[k] = pictures[k]!.y[i]!;
    values.sort((a, b) => a - b);
    y[i] = values[Math.floor(values.length / 2)]!;
  }
  return { width: first.width, height: first.height, y };
}

export function referenceOf(
  slot: string,
  pictures: readonly Picture[],
  takenAt: number,
  takenBy: string | null,
): Reference {
  const picture = medianPicture(pictures);
  return { slot, picture, edgeEnergy: measure(picture).edgeEnergy, takenAt, takenBy };
}

/** Collects healthy keyframes of one mode until there are enough to learn from. */
export class ReferenceLearner {
  private frames: { at: number; picture: Picture }[] = [];

  /**
   * Returns the pictures to learn from once LEARN_FRAMES span LEARN_SPAN_MS. Keyframes
   * closer than a fair share of the span are skipped: with a short GOP the five would
   * otherwise all come from the last few seconds.
   */
  add(picture: Picture, at: number): Picture[] | null {
    const last = this.frames[this.frames.length - 1];
    if (last && at - last.at < LEARN_SPAN_MS / (LEARN_FRAMES - 1)) return null;
    this.frames.push({ at, picture });
    if (this.frames.length > LEARN_FRAMES) this.frames.shift();
    const oldest = this.frames[0]!;
    if (this.frames.length < LEARN_FRAMES || at - oldest.at < LEARN_SPAN_MS) return null;
    const pictures = this.frames.map((f) => f.picture);
    this.frames = [];
    return pictures;
  }

  /** An unhealthy picture (or a mode switch) starts the count again. */
  reset(): void {
    this.frames = [];
  }
}

interface ReferenceRow {
  slot: string;
  taken_at: number;
  taken_by: string | null;
  width: number;
  height: number;
  pixels: Buffer;
  edge_energy: number;
}

export class ReferenceStore {
  constructor(private readonly db: Database) {}

  async load(cameraId: string): Promise<Map<string, Reference>> {
    const rows = await this.db.all<ReferenceRow>(
      'SELECT slot, taken_at, taken_by, width, height, pixels, edge_energy FROM tamper_references WHERE camera_id = ?',
      [cameraId],
    );
    return new Map(
      rows.map((r) => [
        r.slot,
        {
          slot: r.slot,
          picture: { width: r.width, height: r.height, y: new Uint8Array(r.pixels) },
          edgeEnergy: r.edge_energy,
          takenAt: r.taken_at,
          takenBy: r.taken_by,
        },
      ]),
    );
  }

  async save(cameraId: string, ref: Reference): Promise<void> {
    await this.db.run(
      `INSERT INTO tamper_references (camera_id, slot, taken_at, taken_by, width, height, pixels, edge_energy)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (camera_id, slot) DO UPDATE SET taken_at = excluded.taken_at,
         taken_by = excluded.taken_by, width = excluded.width, height = excluded.height,
         pixels = excluded.pixels, edge_energy = excluded.edge_energy`,
      [
        cameraId,
        ref.slot,
        ref.takenAt,
        ref.takenBy,
        ref.picture.width,
        ref.picture.height,
        Buffer.from(
          ref.picture.y.buffer,
          ref.picture.y.byteOffset,
          ref.picture.width * ref.picture.height,
        ),
        ref.edgeEnergy,
      ],
    );
  }

  async forget(cameraIds: readonly string[]): Promise<void> {
    for (const id of cameraIds)
      await this.db.run('DELETE FROM tamper_references WHERE camera_id = ?', [id]);
  }
}
