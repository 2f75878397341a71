// Moves dome cameras from their tiles and keeps their presets. Moves are paced
// per camera (ptz-move-pacer.ts); preset names are the station's own (the
// camera's list gives the tokens, preset-names.ts the names as typed); saving
// and removing presets is audited with the officer.
import { ApiError } from '../../contract/errors';
import type { PtzInfo, PtzPreset } from '../../contract/ptz';
import type { AuditActor, AuditInput } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import type { PtzDevice, PtzDeviceLookup, PtzVelocity } from './ptz-device';
import { isStill } from './ptz-device';
import { PtzMovePacer } from './ptz-move-pacer';
import { PresetNames } from './preset-names';
import { checkPresetToken, isPresetToken, presetNameForCamera } from './ptz-xml';

export interface PtzServiceDeps {
  db: Database;
  devices: PtzDeviceLookup;
  /**
   * A call to the camera failed: its connection is dropped and the next call opens a new
   * one (after the camera's clock was set, the library's WS-Security clock shift is stale).
   */
  onDeviceFailed?: (cameraId: string) => void;
  /** An officer moved the dome or sent it to a preset: its view changes on purpose. */
  onSteered?: (cameraId: string) => void;
  audit: { append(input: AuditInput, tx?: Queryable): Promise<unknown> };
  logger?: Logger;
  now?: () => number;
  /** 200 ms: at most 5 ContinuousMove calls a second per camera. */
  minMoveIntervalMs?: number;
  /** A Stop this long after the last move (the console repeats moves every 300 ms while held). */
  deadManMs?: number;
  /** The Timeout of each ContinuousMove: the camera's own backstop if even the Stop is lost. */
  moveTimeoutMs?: number;
}

const NOT_PTZ = 'no_ptz';

export class PtzService {
  private readonly pacers = new Map<string, PtzMovePacer>();
  /** Closing: no new pacer (and its timers) outlives the database. */
  private closed = false;
  private readonly names: PresetNames;
  private readonly logger: Logger;

  constructor(private readonly deps: PtzServiceDeps) {
    this.names = new PresetNames(deps.db, deps.now);
    this.logger = deps.logger ?? silentLogger;
  }

  async info(cameraId: string): Promise<PtzInfo> {
    const device = await this.call(cameraId, () => this.deps.devices(cameraId));
    if (!device) return { cameraId, panTilt: false, zoom: false, presets: [] };
    return {
      cameraId,
      panTilt: device.panTilt,
      zoom: device.zoom,
      presets: await this.presets(cameraId),
    };
  }

  /** The camera's presets, named as officers named them where the station knows the token. */
  async presets(cameraId: string): Promise<PtzPreset[]> {
    const [fromCamera, named] = await Promise.all([
      this.steer(cameraId, (d) => d.getPresets()),
      this.names.of(cameraId),
    ]);
    return fromCamera
      .filter((p) => isPresetToken(p.token))
      .map((p) => ({ token: p.token, name: named.get(p.token) ?? p.name }));
  }

  move(cameraId: string, v: PtzVelocity): Promise<void> {
    if (isStill(v)) return this.stop(cameraId);
    return this.pacerOf(cameraId)
      .move(v)
      .then(() => this.deps.onSteered?.(cameraId));
  }

  stop(cameraId: string): Promise<void> {
    return this.pacerOf(cameraId).stop();
  }

  async gotoPreset(cameraId: string, token: string): Promise<void> {
    checkPresetToken(token);
    await this.steer(cameraId, (d) => d.gotoPreset(token));
    this.deps.onSteered?.(cameraId);
  }

  /** Saves the current view under `name` (a new preset when `token` is null); audited. */
  async setPreset(
    cameraId: string,
    token: string | null,
    name: string,
    officer: AuditActor,
  ): Promise<PtzPreset> {
    if (token !== null) checkPresetToken(token);
    const typed = presetNameForCamera(name);
    if (typed === '') throw new ApiError('invalid_request', 'preset_name_required');
    const device = await this.deviceOf(cameraId);
    const saved = checkPresetToken(await this.call(cameraId, () => device.setPreset(token, typed)));
    await this.deps.db.transaction(async (tx) => {
      await this.names.save(tx, cameraId, saved, typed, officer?.officerId ?? null);
      await this.deps.audit.append(
        {
          action: 'ptz.preset_saved',
          actor: officer,
          subject: cameraId,
          details: { token: saved, name: typed, replaced: token !== null },
        },
        tx,
      );
    });
    return { token: saved, name: typed };
  }

  async removePreset(cameraId: string, token: string, officer: AuditActor): Promise<void> {
    checkPresetToken(token);
    const device = await this.deviceOf(cameraId);
    const name = (await this.names.of(cameraId)).get(token) ?? null;
    await this.call(cameraId, () => device.removePreset(token));
    await this.deps.db.transaction(async (tx) => {
      await this.names.remove(tx, cameraId, token);
      await this.deps.audit.append(
        {
          action: 'ptz.preset_removed',
          actor: officer,
          subject: cameraId,
          details: { token, name },
        },
        tx,
      );
    });
  }

  /** Stops every camera still moving (the service is closing). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pacers.values()].map((p) => p.close()));
    this.pacers.clear();
  }

  private pacerOf(cameraId: string): PtzMovePacer {
    if (this.closed) throw new ApiError('conflict', 'closing');
    let pacer = this.pacers.get(cameraId);
    if (!pacer) {
      const timeoutMs = this.deps.moveTimeoutMs ?? 1000;
      pacer = new PtzMovePacer(
        {
          move: (v) => this.steer(cameraId, (d) => d.continuousMove(v, timeoutMs)),
          stop: () => this.steer(cameraId, (d) => d.stop()),
        },
        {
          minIntervalMs: this.deps.minMoveIntervalMs ?? 200,
          deadManMs: this.deps.deadManMs ?? 700,
          ...(this.deps.now ? { now: this.deps.now } : {}),
          onDeadManError: (err) =>
            this.logger.warn('ptz dead-man stop failed', { cameraId, error: String(err) }),
        },
      );
      this.pacers.set(cameraId, pacer);
    }
    return pacer;
  }

  private async deviceOf(cameraId: string): Promise<PtzDevice> {
    const device = await this.call(cameraId, () => this.deps.devices(cameraId));
    if (!device) throw new ApiError('not_found', NOT_PTZ);
    return device;
  }

  /**
   * A call that is safe to repeat (moves, stops, presets read or recalled): when it fails,
   * the connection is dropped and the call goes once more over a new one. After the
   * camera's clock was set, the old connection signs with a stale clock shift and the
   * camera refuses it ("Wsse authorized time check failed."); a new one reads the clock first.
   */
  private async steer<T>(cameraId: string, op: (d: PtzDevice) => Promise<T>): Promise<T> {
    const device = await this.deviceOf(cameraId);
    try {
      return await op(device);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      this.deps.onDeviceFailed?.(cameraId);
      this.logger.info('ptz call failed, retrying on a new connection', {
        cameraId,
        error: String(err),
      });
    }
    const fresh = await this.deviceOf(cameraId);
    return this.call(cameraId, () => op(fresh));
  }

  /** A camera that does not answer, or faults, is a conflict the tile shows, not an internal error. */
  private async call<T>(cameraId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      this.deps.onDeviceFailed?.(cameraId);
      this.logger.warn('ptz call failed', { cameraId, error: String(err) });
      throw new ApiError('conflict', 'ptz_camera_failed');
    }
  }
}
