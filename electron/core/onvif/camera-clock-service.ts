// Each ONVIF camera's clock against the station's: read at add, every hour
// (staggered so 60 cameras are not asked at once) and on demand; kept 30 days;
// a clock or time-zone alarm opened and closed through the alarm log; and the
// commander's "set the camera's clock from the station".
import { ApiError } from '../../contract/errors';
import type { CameraClock } from '../../contract/onvif';
import type { Database } from '../db/database';
import { silentLogger, type Logger } from '../logging/logger';
import { CLOCK_ALARM_MS, estimateClock } from './clock-reading';
import { OnvifError, type ClockRead, type OnvifClient } from './onvif-client';

export type ClockAlarmKind = 'clock' | 'timezone';

/**
 * Where clock alarms go (the camera alarm log). At most one open per camera and
 * kind is the sink's rule; opening an open one or closing a closed one is a no-op.
 */
export interface ClockAlarmSink {
  open(
    cameraId: string,
    kind: ClockAlarmKind,
    source: 'clock',
    detail: Record<string, string | number | boolean | null>,
  ): void | Promise<void>;
  close(cameraId: string, kind: ClockAlarmKind): void | Promise<void>;
}

export interface CameraClockServiceDeps {
  db: Database;
  /** The ONVIF cameras, and each one's client. */
  devices: {
    devices(): Promise<{ cameraId: string }[]>;
    clientFor(cameraId: string): Promise<OnvifClient | null>;
  };
  emit: (event: 'camera.clock', clock: CameraClock) => void;
  alarms?: ClockAlarmSink;
  now?: () => number;
  logger?: Logger;
  intervalMs?: number;
  /** The TZ written when setting a clock (POSIX; UTC+7). */
  timeZone?: string;
}

interface ReadingRow {
  camera_id: string;
  at: number;
  offset_ms: number | null;
  uncertainty_ms: number | null;
  tz: string | null;
  tz_ok: number | null;
  ntp: number | null;
  level: CameraClock['level'];
  error: string | null;
}

const HOUR_MS = 3_600_000;
const KEEP_MS = 30 * 24 * HOUR_MS;
/** The same UTC+7 in the notation firmwares that read POSIX signs backwards understand. */
const FALLBACK_TZ = 'GMT+07:00';

const bool = (v: number | null): boolean | null => (v === null ? null : v !== 0);

const toClock = (r: ReadingRow): CameraClock => ({
  cameraId: r.camera_id,
  at: r.at,
  offsetMs: r.offset_ms,
  uncertaintyMs: r.uncertainty_ms,
  tz: r.tz,
  tzOk: bool(r.tz_ok),
  ntp: bool(r.ntp),
  level: r.level,
  error: r.error,
});

export class CameraClockService {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly last = new Map<string, CameraClock>();
  /** The next reading of each camera (one timer per camera). */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private disposed = false;

  constructor(private readonly deps: CameraClockServiceDeps) {
    this.log = deps.logger ?? silentLogger;
    this.now = deps.now ?? Date.now;
  }

  /** Loads the last readings, then reads every camera once an hour, staggered. */
  async start(): Promise<void> {
    const rows = await this.deps.db.all<ReadingRow>(
      `SELECT r.* FROM camera_clock_readings r
        JOIN (SELECT camera_id, MAX(id) AS id FROM camera_clock_readings GROUP BY camera_id) m
          ON m.id = r.id`,
    );
    for (const r of rows) this.last.set(r.camera_id, toClock(r));
    const interval = this.deps.intervalMs ?? HOUR_MS;
    const ids = (await this.deps.devices.devices()).map((d) => d.cameraId);
    ids.forEach((id, i) => this.schedule(id, (i * interval) / Math.max(ids.length, 1), interval));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** The last reading of every ONVIF camera still registered as one. */
  async clocks(): Promise<CameraClock[]> {
    const ids = (await this.deps.devices.devices()).map((d) => d.cameraId);
    return ids.flatMap((id) => {
      const c = this.last.get(id);
      return c ? [c] : [];
    });
  }

  /** A camera just added: read now, then hourly. */
  added(cameraId: string): void {
    this.schedule(cameraId, 0, this.deps.intervalMs ?? HOUR_MS);
  }

  /** Reads one camera's clock now, keeps it, raises or clears its alarms. */
  async check(cameraId: string): Promise<CameraClock> {
    return (await this.read(cameraId)).clock;
  }

  /**
   * Sets the camera's clock and time zone from the station's. A camera on NTP is
   * switched to manual only when asked (NTP would otherwise put it back).
   */
  async setFromStation(
    cameraId: string,
    opts: { switchFromNtp: boolean },
  ): Promise<{ before: CameraClock; after: CameraClock }> {
    const client = await this.client(cameraId);
    const { clock: before, read } = await this.read(cameraId);
    if (before.ntp === true && !opts.switchFromNtp) throw new ApiError('conflict', 'camera_on_ntp');
    const set = async (tz: string): Promise<void> => {
      const rtt = read ? read.receivedAt - read.sentAt : 0;
      await client.setClock({ utcMs: this.now() + Math.round(rtt / 2), tz, ntp: false });
    };
    try {
      await set(this.deps.timeZone ?? 'ICT-7');
      let after = await this.check(cameraId);
      // A firmware that reads POSIX signs backwards now shows UTC−7: try the other notation.
      if (after.tzOk === false) {
        await set(FALLBACK_TZ);
        after = await this.check(cameraId);
      }
      return { before, after };
    } catch (err) {
      if (err instanceof OnvifError)
        throw new ApiError('conflict', err.kind, { cameraId: err.kind });
      throw err;
    }
  }

  private async client(cameraId: string): Promise<OnvifClient> {
    const client = await this.deps.devices.clientFor(cameraId);
    if (!client) throw new ApiError('not_found', 'not_onvif_camera');
    return client;
  }

  private async read(cameraId: string): Promise<{ clock: CameraClock; read: ClockRead | null }> {
    const client = await this.client(cameraId);
    let clock: CameraClock;
    let read: ClockRead | null = null;
    try {
      read = await client.readClock();
      const e = estimateClock(read.sdt, read.sentAt, read.receivedAt);
      clock = {
        cameraId,
        at: read.receivedAt,
        offsetMs: e.offsetMs,
        uncertaintyMs: e.uncertaintyMs,
        tz: e.tz,
        tzOk: e.tzOk,
        ntp: e.ntp,
        level: e.level,
        error: null,
      };
    } catch (err) {
      const kind = err instanceof OnvifError ? err.kind : 'fault';
      this.log.warn('camera clock not read', { cameraId, kind });
      clock = {
        cameraId,
        at: this.now(),
        offsetMs: null,
        uncertaintyMs: null,
        tz: null,
        tzOk: null,
        ntp: null,
        level: 'unknown',
        error: kind,
      };
    }
    await this.keep(clock);
    await this.updateAlarms(clock);
    this.deps.emit('camera.clock', clock);
    return { clock, read };
  }

  private async keep(c: CameraClock): Promise<void> {
    this.last.set(c.cameraId, c);
    const n = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);
    await this.deps.db.run(
      `INSERT INTO camera_clock_readings (camera_id, at, offset_ms, uncertainty_ms, tz, tz_ok, ntp, level, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [c.cameraId, c.at, c.offsetMs, c.uncertaintyMs, c.tz, n(c.tzOk), n(c.ntp), c.level, c.error],
    );
  }

  /** Clock alarm over 60 s; time-zone alarm on a wrong zone. An unreadable camera changes neither. */
  private async updateAlarms(c: CameraClock): Promise<void> {
    const sink = this.deps.alarms;
    if (!sink) return;
    if (c.offsetMs !== null) {
      if (Math.abs(c.offsetMs) > CLOCK_ALARM_MS)
        await sink.open(c.cameraId, 'clock', 'clock', { offsetMs: c.offsetMs, tz: c.tz });
      else await sink.close(c.cameraId, 'clock');
    }
    if (c.tzOk === false)
      await sink.open(c.cameraId, 'timezone', 'clock', { tz: c.tz, offsetMs: c.offsetMs });
    else if (c.tzOk === true) await sink.close(c.cameraId, 'timezone');
  }

  private schedule(cameraId: string, delayMs: number, intervalMs: number): void {
    if (this.disposed) return;
    clearTimeout(this.timers.get(cameraId));
    const timer = setTimeout(() => void this.tick(cameraId, intervalMs), delayMs);
    timer.unref();
    this.timers.set(cameraId, timer);
  }

  /** The next reading is planned before this one runs, so slow cameras do not drift the hour. */
  private async tick(cameraId: string, intervalMs: number): Promise<void> {
    this.schedule(cameraId, intervalMs, intervalMs);
    try {
      const still = (await this.deps.devices.devices()).some((d) => d.cameraId === cameraId);
      if (!still) {
        clearTimeout(this.timers.get(cameraId));
        this.timers.delete(cameraId);
        return;
      }
      await this.read(cameraId);
      await this.deps.db.run('DELETE FROM camera_clock_readings WHERE at < ?', [
        this.now() - KEEP_MS,
      ]);
    } catch (err) {
      this.log.warn('camera clock check failed', { cameraId, err });
    }
  }
}
