// The fake camera's clock: the station's wall clock plus an offset, a POSIX time zone
// and the NTP/Manual switch, as GetSystemDateAndTime reports them.

export type DateTimeType = 'Manual' | 'NTP';

export interface ClockState {
  /** The device's UTC time now. */
  utc: Date;
  /** Device UTC − station wall clock, ms. */
  offsetMs: number;
  tz: string;
  /** Local − UTC as the device applies its TZ, ms (0 when the TZ does not parse). */
  localOffsetMs: number;
  dateTimeType: DateTimeType;
  daylightSavings: boolean;
}

export interface ClockSettings {
  offsetMs: number;
  tz: string;
  ntp: boolean;
  /** Cheap firmwares read `GMT+07:00` the "human" way: the POSIX sign inverted. */
  tzSignInverted: boolean;
}

const POSIX_TZ = /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?/;

/**
 * Local − UTC in ms for a POSIX TZ string: `ICT-7` is UTC+7 (POSIX counts west as
 * positive). Null when the string is not of that shape.
 */
export function posixTzOffsetMs(tz: string, signInverted = false): number | null {
  const m = POSIX_TZ.exec(tz.trim());
  if (!m) return null;
  const magnitude = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
  const west = m[1] !== '-';
  const local = west ? -magnitude : magnitude;
  // `|| 0`: no -0 for GMT0.
  return (signInverted ? -local : local) || 0;
}

export class DeviceClock {
  private offsetMs: number;
  private tz: string;
  private type: DateTimeType;
  private dst = false;
  private readonly signInverted: boolean;

  constructor(settings: ClockSettings) {
    this.offsetMs = settings.offsetMs;
    this.tz = settings.tz;
    this.type = settings.ntp ? 'NTP' : 'Manual';
    this.signInverted = settings.tzSignInverted;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  state(): ClockState {
    return {
      utc: new Date(this.nowMs()),
      offsetMs: this.offsetMs,
      tz: this.tz,
      localOffsetMs: posixTzOffsetMs(this.tz, this.signInverted) ?? 0,
      dateTimeType: this.type,
      daylightSavings: this.dst,
    };
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }

  setTimeZone(tz: string): void {
    this.tz = tz;
  }

  /** NTP on: the device has synchronised, so its offset goes to 0, as a real one would. */
  setNtp(on: boolean): void {
    this.type = on ? 'NTP' : 'Manual';
    if (on) this.offsetMs = 0;
  }

  setDaylightSavings(on: boolean): void {
    this.dst = on;
  }

  /** SetSystemDateAndTime with Manual: the device now reads `utcMs`. */
  setUtc(utcMs: number): void {
    this.offsetMs = utcMs - Date.now();
  }
}
