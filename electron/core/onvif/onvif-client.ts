// The one place that talks to `onvif@0.8.3` (agsh). Promises and our own types
// over its callbacks, with its known traps handled:
// - 120 s default timeout and autoconnect: always 5 s, connect only when needed;
// - XAddrs naming another IP (NAT, 0.0.0.0, factory IP): preserveAddress;
// - its clock parse ignores the time zone: we read the raw XML (clock-reading.ts);
// - WS-Security `Created` uses a time shift it sets only once, so after our set-clock
//   or an NTP step it is stale and Dahua answers "Wsse authorized time check failed":
//   the Cam is rebuilt with the shift just measured, and on that fault we rebuild
//   once more, then fall back to digest only;
// - its SetSystemDateAndTime does not escape the TZ: we send our own body.
import { Cam } from 'onvif';
import type { OnvifProfile } from '../../contract/onvif';
import { parseSystemDateAndTime, type SystemDateAndTime } from './clock-reading';
import { parseProfiles } from './media-profiles-xml';

export type OnvifErrorKind = 'auth_failed' | 'time_check' | 'unreachable' | 'not_onvif' | 'fault';

export class OnvifError extends Error {
  constructor(
    readonly kind: OnvifErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'OnvifError';
  }
}

export interface OnvifTarget {
  /** The device service URL, e.g. http://192.168.1.64/onvif/device_service. */
  xaddr: string;
  username: string | null;
  password: string | null;
}

export interface ClockRead {
  sdt: SystemDateAndTime;
  /** Station clock when the request left and when the answer came. */
  sentAt: number;
  receivedAt: number;
}

export interface DeviceInfo {
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
}

export interface SetClockRequest {
  utcMs: number;
  tz: string;
  /** false: the camera keeps Manual time (NTP would overwrite what we set). */
  ntp: boolean;
}

export interface OnvifClientOptions {
  timeoutMs?: number;
  /** Station wall clock (readings are against the station's clock, like the footage index). */
  now?: () => number;
}

/** The parts of the library's Cam it does not declare. */
interface CamInternals {
  timeShift?: number;
  _request(
    options: { body: string; service?: string },
    callback: (err: Error | null, data: unknown, xml?: string) => void,
  ): void;
  _envelopeHeader(): string;
  _envelopeFooter(): string;
}

type Callback<T> = (err: Error | null, result: T, xml?: string) => void;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** What went wrong, in the words the console shows (and the hints it gives). */
export function classifyOnvifError(err: unknown, xml = ''): OnvifErrorKind {
  if (err instanceof OnvifError) return err.kind;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const text = `${message} ${xml}`;
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || /Network timeout/i.test(message))
    return 'unreachable';
  if (/time check/i.test(text)) return 'time_check';
  if (
    /Digest authentication failed|NotAuthorized|not authorized|Unauthorized|authority failure/i.test(
      text,
    )
  )
    return 'auth_failed';
  if (/Wrong ONVIF SOAP response|Non-whitespace before first tag|Unexpected close tag/i.test(text))
    return 'not_onvif';
  return 'fault';
}

function asOnvifError(err: unknown, xml?: string): OnvifError {
  if (err instanceof OnvifError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OnvifError(classifyOnvifError(err, xml), message.slice(0, 300));
}

export class OnvifClient {
  private cam: Cam;
  private useWsse = true;
  private connected = false;
  private readonly now: () => number;

  constructor(
    private readonly target: OnvifTarget,
    private readonly options: OnvifClientOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.cam = this.build();
  }

  /** The camera's clock, unauthenticated first (the library retries with the account). */
  async readClock(): Promise<ClockRead> {
    const sentAt = this.now();
    const { xml } = await this.call<unknown>((cb) => this.cam.getSystemDateAndTime(cb));
    const receivedAt = this.now();
    let sdt: SystemDateAndTime;
    try {
      sdt = parseSystemDateAndTime(xml);
    } catch (err) {
      throw new OnvifError('not_onvif', String(err));
    }
    const read = { sdt, sentAt, receivedAt };
    this.refreshShift(read);
    return read;
  }

  async deviceInfo(): Promise<DeviceInfo> {
    const { result } = await this.authed((cam) =>
      this.call<Record<string, unknown> | undefined>((cb) =>
        cam.getDeviceInformation(cb as Callback<unknown>),
      ),
    );
    const s = (v: unknown): string | null =>
      typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
    return {
      manufacturer: s(result?.manufacturer),
      model: s(result?.model),
      firmware: s(result?.firmwareVersion),
      serial: s(result?.serialNumber),
    };
  }

  async profiles(): Promise<OnvifProfile[]> {
    return this.authed(async (cam) => {
      await this.connect();
      const { xml } = await this.call<unknown>((cb) => cam.getProfiles(cb));
      return parseProfiles(xml);
    });
  }

  async streamUri(profileToken: string): Promise<string> {
    return this.authed(async (cam) => {
      await this.connect();
      const { result } = await this.call<{ uri?: unknown } | undefined>((cb) =>
        cam.getStreamUri({ protocol: 'RTSP', profileToken }, cb as Callback<unknown>),
      );
      if (typeof result?.uri !== 'string') throw new OnvifError('fault', 'no stream URI');
      return result.uri;
    });
  }

  /** Sets the camera's clock; the Cam is rebuilt afterwards (its time shift is now wrong). */
  async setClock(req: SetClockRequest): Promise<void> {
    await this.authed((cam) => {
      const c = cam as unknown as CamInternals;
      const body = c._envelopeHeader() + setSystemDateAndTimeBody(req) + c._envelopeFooter();
      return this.call<unknown>((cb) => c._request({ body }, cb));
    });
    this.rebuild();
  }

  /**
   * Runs `op` with the library's Cam (PTZ, events), with the time-check recovery.
   * The Cam is connected first (its service addresses are known).
   */
  async withCam<T>(op: (cam: Cam) => Promise<T>): Promise<T> {
    return this.authed(async (cam) => {
      await this.connect();
      return op(cam);
    });
  }

  /** Whether WS-Security is still used (false after the digest-only fallback). */
  get wsSecurity(): boolean {
    return this.useWsse;
  }

  private build(): Cam {
    const url = new URL(this.target.xaddr);
    const secure = url.protocol === 'https:';
    return new Cam({
      hostname: url.hostname,
      port: url.port ? Number(url.port) : secure ? 443 : 80,
      useSecure: secure,
      path: url.pathname || '/onvif/device_service',
      ...(this.target.username ? { username: this.target.username } : {}),
      ...(this.target.password ? { password: this.target.password } : {}),
      timeout: this.options.timeoutMs ?? 5000,
      autoconnect: false,
      preserveAddress: true,
      useWSSecurity: this.useWsse,
    });
  }

  /** A fresh Cam: new digest state, no cached services, no time shift until the next read. */
  private rebuild(): void {
    this.cam = this.build();
    this.connected = false;
  }

  /**
   * Rebuilds when the Cam's WS-Security clock (uptime + shift) is more than 2 s
   * from what the camera just said, then primes the shift with the fresh reading.
   */
  private refreshShift(read: ClockRead): void {
    if (read.sdt.utcMs === null) return;
    const cameraNow = read.sdt.utcMs + 500 + (this.now() - read.receivedAt);
    const uptimeMs = process.uptime() * 1000;
    const c = this.cam as unknown as CamInternals;
    const camView = c.timeShift === undefined ? null : uptimeMs + c.timeShift;
    if (camView !== null && Math.abs(camView - cameraNow) > 2000) this.rebuild();
    (this.cam as unknown as CamInternals).timeShift = cameraNow - uptimeMs;
  }

  private async connect(): Promise<void> {
    if (this.connected) return;
    await this.call<unknown>((cb) => this.cam.connect((err) => cb(err ?? null, null)));
    this.connected = true;
  }

  /** Authenticated calls: a WS-Security time-check fault → re-read the clock and retry, then digest only. */
  private async authed<T>(op: (cam: Cam) => Promise<T>): Promise<T> {
    if ((this.cam as unknown as CamInternals).timeShift === undefined) await this.readClock();
    try {
      return await op(this.cam);
    } catch (err) {
      if (classifyOnvifError(err) !== 'time_check') throw err;
    }
    this.rebuild();
    await this.readClock();
    try {
      return await op(this.cam);
    } catch (err) {
      if (classifyOnvifError(err) !== 'time_check' || !this.useWsse) throw err;
    }
    this.useWsse = false;
    this.rebuild();
    await this.readClock();
    return op(this.cam);
  }

  private call<T>(run: (cb: Callback<T>) => void): Promise<{ result: T; xml: string }> {
    return new Promise((resolve, reject) => {
      try {
        run((err, result, xml) => {
          if (err) reject(asOnvifError(err, xml));
          else resolve({ result, xml: xml ?? '' });
        });
      } catch (err) {
        reject(asOnvifError(err));
      }
    });
  }
}

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** SetSystemDateAndTime in the XSD's order (tt:DateTime is Time, then Date), TZ escaped. */
export function setSystemDateAndTimeBody(req: SetClockRequest): string {
  const d = new Date(req.utcMs);
  const tt = 'http://www.onvif.org/ver10/schema';
  return (
    '<SetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl">' +
    `<DateTimeType>${req.ntp ? 'NTP' : 'Manual'}</DateTimeType>` +
    '<DaylightSavings>false</DaylightSavings>' +
    `<TimeZone><TZ xmlns="${tt}">${escapeXml(req.tz)}</TZ></TimeZone>` +
    (req.ntp
      ? ''
      : '<UTCDateTime>' +
        `<Time xmlns="${tt}"><Hour>${d.getUTCHours()}</Hour><Minute>${d.getUTCMinutes()}</Minute><Second>${d.getUTCSeconds()}</Second></Time>` +
        `<Date xmlns="${tt}"><Year>${d.getUTCFullYear()}</Year><Month>${d.getUTCMonth() + 1}</Month><Day>${d.getUTCDate()}</Day></Date>` +
        '</UTCDateTime>') +
    '</SetSystemDateAndTime>'
  );
}
