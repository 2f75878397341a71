// Named grid layouts: kind (1, 4, 6 … 36 tiles) and which camera sits in each tile.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../../contract/errors';
import { Id, type Layout, LayoutInput, LayoutKind } from '../../contract/schemas';
import type { Database } from '../db/database';

export type ParsedLayoutInput = z.output<typeof LayoutInput>;

export interface LayoutServiceDeps {
  db: Database;
  emit: (event: 'layout.changed', payload: { layouts: Layout[] }) => void;
  now?: () => number;
  newId?: () => string;
}

interface LayoutRow {
  id: string;
  name: string;
  kind: string;
  tiles_json: string;
  updated_at: number;
}

/** Tile count of a layout kind ('6' = one large + five). */
export function tileCount(kind: LayoutKind): number {
  return Number(kind);
}

function toLayout(row: LayoutRow): Layout {
  const kind = LayoutKind.catch('4').parse(row.kind);
  let tiles: (string | null)[] = [];
  try {
    const raw: unknown = JSON.parse(row.tiles_json);
    if (Array.isArray(raw))
      tiles = raw.map((t) => (Id.safeParse(t).success ? (t as string) : null));
  } catch {
    tiles = [];
  }
  return {
    id: row.id,
    name: row.name,
    kind,
    tiles: fitTiles(tiles, kind),
    updatedAt: row.updated_at,
  };
}

/** Exactly one entry per tile: extra entries dropped, missing ones empty. */
function fitTiles(tiles: readonly (string | null)[], kind: LayoutKind): (string | null)[] {
  const n = tileCount(kind);
  return Array.from({ length: n }, (_, i) => tiles[i] ?? null);
}

export class LayoutService {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: LayoutServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
  }

  async start(): Promise<void> {}

  async dispose(): Promise<void> {}

  async list(): Promise<Layout[]> {
    const rows = await this.deps.db.all<LayoutRow>(
      'SELECT * FROM layouts ORDER BY name COLLATE NOCASE, id',
    );
    return rows.map(toLayout);
  }

  /** Creates (no id) or replaces (id) a layout. Names are unique. */
  async save(input: ParsedLayoutInput): Promise<Layout> {
    const id = input.id ?? this.newId();
    const tiles = JSON.stringify(fitTiles(input.tiles, input.kind));
    const clash = await this.deps.db.get<{ id: string }>(
      'SELECT id FROM layouts WHERE name = ? AND id != ?',
      [input.name, id],
    );
    if (clash) throw new ApiError('conflict', 'layout_name_taken', { name: 'layout_name_taken' });
    if (input.id !== undefined) {
      const exists = await this.deps.db.get<{ id: string }>('SELECT id FROM layouts WHERE id = ?', [
        id,
      ]);
      if (!exists) throw new ApiError('not_found', 'layout_not_found');
    }
    await this.deps.db.run(
      `INSERT INTO layouts (id, name, kind, tiles_json, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
         tiles_json = excluded.tiles_json, updated_at = excluded.updated_at`,
      [id, input.name, input.kind, tiles, this.now()],
    );
    await this.emitChanged();
    const row = await this.deps.db.get<LayoutRow>('SELECT * FROM layouts WHERE id = ?', [id]);
    return toLayout(row as LayoutRow);
  }

  async remove(id: string): Promise<void> {
    const result = await this.deps.db.run('DELETE FROM layouts WHERE id = ?', [id]);
    if (result.changes === 0) throw new ApiError('not_found', 'layout_not_found');
    await this.emitChanged();
  }

  /** Empties the tiles that showed removed cameras. */
  async forgetCameras(cameraIds: readonly string[]): Promise<void> {
    if (cameraIds.length === 0) return;
    const gone = new Set(cameraIds);
    const layouts = await this.list();
    let changed = false;
    for (const layout of layouts) {
      if (!layout.tiles.some((t) => t !== null && gone.has(t))) continue;
      const tiles = layout.tiles.map((t) => (t !== null && gone.has(t) ? null : t));
      await this.deps.db.run('UPDATE layouts SET tiles_json = ?, updated_at = ? WHERE id = ?', [
        JSON.stringify(tiles),
        this.now(),
        layout.id,
      ]);
      changed = true;
    }
    if (changed) await this.emitChanged();
  }

  private async emitChanged(): Promise<void> {
    this.deps.emit('layout.changed', { layouts: await this.list() });
  }
}
