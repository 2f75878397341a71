// The camera registry: add one camera or a whole recorder, update, remove,
// resolve a stream to an ffmpeg input, probe. Passwords are sealed with the
// SecretBox before they reach the database and never leave this service.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../contract/errors';
import {
  Camera,
  CameraInput,
  CameraUpdate,
  ProbeRequest,
  RecorderInput,
  RtspUrl,
  type ProbeResult,
  type StreamKind,
} from '../../contract/schemas';
import type { Database, Queryable, SqlValue } from '../db/database';
import { redactText } from '../logging/redact';
import { silentLogger, type Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { SettingsService } from '../settings/settings-service';
import type { StreamInput } from '../streams/types';
import { DEMO_URL_PREFIX, demoCameras, demoIndexFromUrl } from './demo-station';
import { safeUrlLabel, splitCredentials, withCredentials } from './rtsp-url';
import { recorderChannelUrls } from '../../contract/camera-urls';

export type ParsedCameraInput = z.output<typeof CameraInput>;
export type ParsedCameraUpdate = z.output<typeof CameraUpdate>;
export type ParsedRecorderInput = z.output<typeof RecorderInput>;
export type ParsedProbeRequest = z.output<typeof ProbeRequest>;

export type ProbeFn = (opts: { input: StreamInput; timeoutMs: number }) => Promise<ProbeResult>;

/** How other domains name a camera (exports, reports). */
export interface CameraName {
  name: string;
  location: string;
}

export interface CameraServiceDeps {
  db: Database;
  secrets: SecretBox;
  settings: SettingsService;
  /** probeStream with the ffprobe path already bound by the composition root. */
  probe: ProbeFn;
  emit: (event: 'camera.changed', payload: { cameras: Camera[] }) => void;
  /** Called after cameras are deleted (layouts forget them, live streams stop). */
  onRemoved?: (ids: string[]) => void | Promise<void>;
  /** Called after a camera's settings changed (live streams restart with the new URL/password). */
  onUpdated?: (id: string) => void | Promise<void>;
  logger?: Logger;
  now?: () => number;
  newId?: () => string;
  probeTimeoutMs?: number;
}

interface CameraRow {
  id: string;
  name: string;
  location: string;
  grp: string;
  source: 'rtsp' | 'demo';
  main_url: string;
  sub_url: string | null;
  username: string | null;
  password_enc: string | null;
  recorder_id: string | null;
  channel: number | null;
  enabled: number;
  created_at: number;
}

const DEMO_DISMISSED = 'demo.dismissed';
/** CameraInput's name limit: a channel's name must stay editable as a camera's. */
const CAMERA_NAME_MAX = 80;
const SELECT = 'SELECT * FROM cameras';
const ORDER = 'ORDER BY created_at, COALESCE(channel, 0), rowid';

function toCamera(row: CameraRow): Camera {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    group: row.grp,
    source: row.source,
    mainUrl: row.main_url,
    subUrl: row.sub_url,
    username: row.username,
    hasPassword: row.password_enc !== null,
    recorderId: row.recorder_id,
    channel: row.channel,
    enabled: row.enabled !== 0,
    createdAt: row.created_at,
  };
}

function invalid(field: string, code: string): ApiError {
  return new ApiError('invalid_request', code, { [field]: code });
}

/** Validates a URL after credentials were split out of it. */
function cleanUrl(field: string, raw: string): string {
  const parsed = RtspUrl.safeParse(raw);
  // Credentials that could not be split out must never be stored inside the URL.
  if (!parsed.success || /^[a-z]+:\/\/[^/?#]*@/i.test(parsed.data))
    throw invalid(field, 'invalid_rtsp_url');
  return parsed.data;
}

/** "{recorder} - Kênh N", as the dialog's hint promises; shortened to fit a camera name. */
export function recorderChannelName(recorderName: string, channel: number): string {
  const suffix = ` - Kênh ${channel}`;
  return `${recorderName.slice(0, CAMERA_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
}

export class CameraService {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: CameraServiceDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? randomUUID;
  }

  async start(): Promise<void> {}

  async dispose(): Promise<void> {}

  async list(): Promise<Camera[]> {
    const rows = await this.deps.db.all<CameraRow>(`${SELECT} ${ORDER}`);
    return rows.map(toCamera);
  }

  async get(id: string): Promise<Camera> {
    return toCamera(await this.row(id));
  }

  /**
   * Name and location of each registered camera among `ids`, in one query; a removed
   * camera is missing from the map. `q`: read inside the caller's transaction.
   */
  namesOf(ids: readonly string[], q: Queryable = this.deps.db): Promise<Map<string, CameraName>> {
    return readNames(
      q,
      ids,
      1,
      (inList) => `SELECT id, name, location FROM cameras WHERE id IN (${inList})`,
    );
  }

  /**
   * Names of the cameras among `ids`, registered or removed: a removed camera
   * keeps the name it last had. An id never registered is missing from the map.
   * One statement: the handover reads inside the transaction that ends a shift.
   */
  lastKnownNames(
    ids: readonly string[],
    q: Queryable = this.deps.db,
  ): Promise<Map<string, CameraName>> {
    return readNames(
      q,
      ids,
      2,
      (inList) => `SELECT id, name, location FROM cameras WHERE id IN (${inList})
       UNION ALL
       SELECT id, name, location FROM removed_cameras
        WHERE id IN (${inList}) AND id NOT IN (SELECT id FROM cameras)`,
    );
  }

  /** Whether the camera is in the registry (outages are kept only for registered cameras). */
  async exists(id: string): Promise<boolean> {
    return (await this.deps.db.get('SELECT 1 FROM cameras WHERE id = ?', [id])) !== undefined;
  }

  async hasDemoCameras(): Promise<boolean> {
    const row = await this.deps.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM cameras WHERE source = 'demo'",
    );
    return (row?.n ?? 0) > 0;
  }

  async add(input: ParsedCameraInput): Promise<Camera> {
    const main = splitCredentials(input.mainUrl);
    const sub = input.subUrl === null ? null : splitCredentials(input.subUrl);
    // Fields the officer typed win over credentials pasted inside the URL.
    const username = input.username || main.username || sub?.username || null;
    const password = input.password || main.password || sub?.password || null;
    const id = this.newId();
    await this.deps.db.run(
      `INSERT INTO cameras (id, name, location, grp, source, main_url, sub_url, username, password_enc, recorder_id, channel, enabled, created_at)
       VALUES (?, ?, ?, ?, 'rtsp', ?, ?, ?, ?, NULL, NULL, 1, ?)`,
      [
        id,
        input.name,
        input.location,
        input.group,
        cleanUrl('mainUrl', main.url),
        sub ? cleanUrl('subUrl', sub.url) : null,
        username,
        password ? this.deps.secrets.encrypt(password) : null,
        this.now(),
      ],
    );
    await this.afterRealCameraAdded();
    const camera = await this.get(id);
    this.log.info('camera added', { cameraId: id, url: camera.mainUrl });
    return camera;
  }

  /** One camera per recorder channel, URLs from the vendor template. */
  async addRecorder(input: ParsedRecorderInput): Promise<Camera[]> {
    const recorderId = this.newId();
    const createdAt = this.now();
    const custom =
      input.vendor === 'generic'
        ? {
            ...(input.mainPath !== undefined ? { main: input.mainPath } : {}),
            ...(input.subPath !== undefined ? { sub: input.subPath } : {}),
          }
        : undefined;
    const ids: string[] = [];
    await this.deps.db.transaction(async (tx) => {
      await tx.run(
        'INSERT INTO recorders (id, vendor, host, port, name, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [recorderId, input.vendor, input.host, input.port, input.name, createdAt],
      );
      for (let ch = 1; ch <= input.channels; ch++) {
        const urls = recorderChannelUrls(input.vendor, input.host, input.port, ch, custom);
        const id = this.newId();
        ids.push(id);
        await tx.run(
          `INSERT INTO cameras (id, name, location, grp, source, main_url, sub_url, username, password_enc, recorder_id, channel, enabled, created_at)
           VALUES (?, ?, ?, ?, 'rtsp', ?, ?, ?, ?, ?, ?, 1, ?)`,
          [
            id,
            recorderChannelName(input.name, ch),
            input.location,
            input.group,
            cleanUrl('host', urls.main),
            urls.sub === null ? null : cleanUrl('host', urls.sub),
            input.username,
            input.password ? this.deps.secrets.encrypt(input.password) : null,
            recorderId,
            ch,
            createdAt,
          ],
        );
      }
    });
    await this.afterRealCameraAdded();
    this.log.info('recorder added', { recorderId, vendor: input.vendor, channels: input.channels });
    const all = await this.list();
    return all.filter((c) => c.recorderId === recorderId);
  }

  async update(patch: ParsedCameraUpdate): Promise<Camera> {
    const row = await this.row(patch.id);
    const next: CameraRow = { ...row };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.location !== undefined) next.location = patch.location;
    if (patch.group !== undefined) next.grp = patch.group;
    if (patch.enabled !== undefined) next.enabled = patch.enabled ? 1 : 0;
    let pastedUser: string | null = null;
    let pastedPass: string | null = null;
    if (patch.mainUrl !== undefined || patch.subUrl !== undefined) {
      if (row.source === 'demo') throw invalid('mainUrl', 'demo_camera_url');
    }
    if (patch.mainUrl !== undefined) {
      const main = splitCredentials(patch.mainUrl);
      next.main_url = cleanUrl('mainUrl', main.url);
      pastedUser = main.username;
      pastedPass = main.password;
    }
    if (patch.subUrl !== undefined) {
      const sub = patch.subUrl === null ? null : splitCredentials(patch.subUrl);
      next.sub_url = sub ? cleanUrl('subUrl', sub.url) : null;
      pastedUser ??= sub?.username ?? null;
      pastedPass ??= sub?.password ?? null;
    }
    if (patch.username !== undefined) next.username = patch.username || null;
    else if (pastedUser) next.username = pastedUser;
    // undefined = keep the stored password, null = remove it, string = replace it.
    if (patch.password !== undefined) {
      next.password_enc = patch.password ? this.deps.secrets.encrypt(patch.password) : null;
    } else if (pastedPass) {
      next.password_enc = this.deps.secrets.encrypt(pastedPass);
    }
    await this.deps.db.run(
      `UPDATE cameras SET name = ?, location = ?, grp = ?, main_url = ?, sub_url = ?, username = ?,
         password_enc = ?, enabled = ? WHERE id = ?`,
      [
        next.name,
        next.location,
        next.grp,
        next.main_url,
        next.sub_url,
        next.username,
        next.password_enc,
        next.enabled,
        row.id,
      ],
    );
    await this.deps.onUpdated?.(row.id);
    await this.emitChanged();
    return this.get(row.id);
  }

  async remove(id: string): Promise<void> {
    const result = await this.deps.db.transaction(async (tx) => {
      await keepRemovedNames(tx, 'id = ?', [id], this.now());
      return tx.run('DELETE FROM cameras WHERE id = ?', [id]);
    });
    if (result.changes === 0) throw new ApiError('not_found', 'camera_not_found');
    // A recorder with no cameras left is gone too.
    await this.deps.db.run(
      'DELETE FROM recorders WHERE id NOT IN (SELECT recorder_id FROM cameras WHERE recorder_id IS NOT NULL)',
    );
    this.log.info('camera removed', { cameraId: id });
    await this.deps.onRemoved?.([id]);
    await this.emitChanged();
  }

  /**
   * Creates the demo station when the registry is empty, unless the officer has
   * already added a real camera once (then the demo never comes back by itself).
   */
  async ensureDemoCameras(): Promise<boolean> {
    if ((await this.deps.settings.getInternal(DEMO_DISMISSED)) === true) return false;
    const count = await this.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cameras');
    if ((count?.n ?? 0) > 0) return false;
    const createdAt = this.now();
    await this.deps.db.transaction(async (tx: Queryable) => {
      for (const demo of demoCameras) {
        await tx.run(
          `INSERT INTO cameras (id, name, location, grp, source, main_url, sub_url, username, password_enc, recorder_id, channel, enabled, created_at)
           VALUES (?, ?, ?, ?, 'demo', ?, NULL, NULL, NULL, NULL, NULL, 1, ?)`,
          [
            `demo-${demo.index}`,
            demo.name,
            demo.location,
            demo.group,
            `${DEMO_URL_PREFIX}${demo.index}`,
            createdAt,
          ],
        );
      }
    });
    this.log.info('demo station created', { cameras: demoCameras.length });
    await this.emitChanged();
    return true;
  }

  /** Removes every demo camera and keeps them from coming back. */
  async removeDemoCameras(): Promise<string[]> {
    await this.deps.settings.setInternal(DEMO_DISMISSED, true);
    const rows = await this.deps.db.all<{ id: string }>(
      "SELECT id FROM cameras WHERE source = 'demo'",
    );
    if (rows.length === 0) return [];
    await this.deps.db.transaction(async (tx) => {
      await keepRemovedNames(tx, "source = 'demo'", [], this.now());
      await tx.run("DELETE FROM cameras WHERE source = 'demo'");
    });
    const ids = rows.map((r) => r.id);
    this.log.info('demo station removed', { cameras: ids.length });
    await this.deps.onRemoved?.(ids);
    return ids;
  }

  /** InputResolver for the live hub (and later the recorder). Decrypts the password. */
  resolveInput = async (cameraId: string, stream: StreamKind): Promise<StreamInput> => {
    const row = await this.row(cameraId);
    if (row.source === 'demo') {
      const index = demoIndexFromUrl(row.main_url) ?? 1;
      return { kind: 'demo', index, title: row.name, safeLabel: row.main_url };
    }
    const url = stream === 'sub' && row.sub_url ? row.sub_url : row.main_url;
    return {
      kind: 'rtsp',
      url: withCredentials(url, row.username, this.openPassword(row)),
      safeLabel: url,
    };
  };

  /** A camera's account, the password opened: the ONVIF client signs in with the camera's own. */
  async credentials(id: string): Promise<{ username: string | null; password: string | null }> {
    const row = await this.row(id);
    return { username: row.username, password: this.openPassword(row) };
  }

  async probe(request: ParsedProbeRequest): Promise<ProbeResult> {
    let input: StreamInput;
    let password: string | null = null;
    if ('cameraId' in request) {
      input = await this.resolveInput(request.cameraId, request.stream);
    } else {
      const split = splitCredentials(request.url);
      const url = cleanUrl('url', split.url);
      password = request.password || split.password;
      input = {
        kind: 'rtsp',
        url: withCredentials(url, request.username || split.username, password),
        safeLabel: safeUrlLabel(url),
      };
    }
    try {
      const result = await this.deps.probe({
        input,
        timeoutMs: this.deps.probeTimeoutMs ?? 12_000,
      });
      if (result.ok) return result;
      return { ...result, detail: this.scrub(result.detail, password) };
    } catch (err) {
      this.log.warn('probe failed', { input: input.safeLabel, err });
      return { ok: false, errorKind: 'unknown', detail: this.scrub(String(err), password) };
    }
  }

  private scrub(detail: string, password: string | null): string {
    let text = redactText(detail);
    if (password) {
      for (const form of [password, encodeURIComponent(password)])
        text = text.split(form).join('***');
    }
    return text.slice(0, 500);
  }

  private openPassword(row: CameraRow): string | null {
    if (row.password_enc === null) return null;
    try {
      return this.deps.secrets.decrypt(row.password_enc);
    } catch (err) {
      // Key lost or changed: connect without it; the stream reports auth failure and the officer re-enters it.
      this.log.warn('stored password cannot be opened', { cameraId: row.id, err });
      return null;
    }
  }

  private async row(id: string): Promise<CameraRow> {
    const row = await this.deps.db.get<CameraRow>(`${SELECT} WHERE id = ?`, [id]);
    if (!row) throw new ApiError('not_found', 'camera_not_found');
    return row;
  }

  private async afterRealCameraAdded(): Promise<void> {
    await this.removeDemoCameras();
    await this.emitChanged();
  }

  private async emitChanged(): Promise<void> {
    this.deps.emit('camera.changed', { cameras: await this.list() });
  }
}

/** Copies the names of the cameras about to be removed (`where` on cameras) into removed_cameras. */
async function keepRemovedNames(
  tx: Queryable,
  where: string,
  params: SqlValue[],
  removedAt: number,
): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO removed_cameras (id, name, location, removed_at)
     SELECT id, name, location, ? FROM cameras WHERE ${where}`,
    [removedAt, ...params],
  );
}

/** Runs a names query with `lists` `IN (…)` lists, each holding the distinct `ids`. */
async function readNames(
  q: Queryable,
  ids: readonly string[],
  lists: number,
  sql: (inList: string) => string,
): Promise<Map<string, CameraName>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q.all<{ id: string; name: string; location: string }>(
    sql(unique.map(() => '?').join(', ')),
    Array.from({ length: lists }, () => unique).flat(),
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, location: r.location }]));
}
