// SetSystemDateAndTime read as strictly as a gSOAP-based camera reads it: every
// element in its XSD sequence (tt:DateTime is Time then Date, as in onvif.xsd) and
// every field in range, or a fault. Lenient fakes let wrong requests pass that real
// cameras refuse.
import type { DateTimeType } from './device-clock';
import { invalidArg } from './soap-faults';
import { orderedChild, textAt, type OrderedElement, type XmlObject } from './soap-request';

export interface SetDateTimeRequest {
  dateTimeType: DateTimeType;
  daylightSavings: boolean;
  tz: string | null;
  /** The UTC time sent (whole seconds), null when none was sent. */
  utcMs: number | null;
}

const SEQUENCES: Record<string, string[]> = {
  SetSystemDateAndTime: ['DateTimeType', 'DaylightSavings', 'TimeZone', 'UTCDateTime'],
  UTCDateTime: ['Time', 'Date'],
  Time: ['Hour', 'Minute', 'Second'],
  Date: ['Year', 'Month', 'Day'],
};
const REQUIRED: Record<string, string[]> = {
  SetSystemDateAndTime: ['DateTimeType', 'DaylightSavings'],
  UTCDateTime: ['Time', 'Date'],
  Time: ['Hour', 'Minute', 'Second'],
  Date: ['Year', 'Month', 'Day'],
};

function violation(detail: string): Error {
  return invalidArg('InvalidDateTime', `Validation constraint violation: ${detail}`);
}

/** Children must follow the XSD sequence, once each, required ones present. */
function checkSequence(el: OrderedElement): void {
  const order = SEQUENCES[el.name];
  if (!order) return;
  let last = -1;
  for (const child of el.children) {
    const at = order.indexOf(child.name);
    if (at < 0) throw violation(`unexpected element '${child.name}' in '${el.name}'`);
    if (at <= last) throw violation(`tag name or namespace mismatch in element '${child.name}'`);
    last = at;
    checkSequence(child);
  }
  for (const name of REQUIRED[el.name] ?? []) {
    if (!orderedChild(el, name)) throw violation(`missing element '${name}' in '${el.name}'`);
  }
}

function intIn(args: XmlObject, path: string[], min: number, max: number): number {
  const text = textAt(args, ...path) ?? '';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw invalidArg('InvalidDateTime', `The argument value is invalid: ${path.join('/')}=${text}`);
  }
  return n;
}

export function readSetDateTime(args: XmlObject, ordered: OrderedElement): SetDateTimeRequest {
  checkSequence(ordered);
  const type = textAt(args, 'DateTimeType');
  if (type !== 'Manual' && type !== 'NTP') throw violation(`DateTimeType '${type ?? ''}'`);
  const dst = textAt(args, 'DaylightSavings');
  if (dst !== 'true' && dst !== 'false') throw violation(`DaylightSavings '${dst ?? ''}'`);
  const tz = orderedChild(ordered, 'TimeZone') ? (textAt(args, 'TimeZone', 'TZ') ?? '') : null;
  let utcMs: number | null = null;
  if (orderedChild(ordered, 'UTCDateTime')) {
    const d = ['UTCDateTime', 'Date'];
    const t = ['UTCDateTime', 'Time'];
    const year = intIn(args, [...d, 'Year'], 1970, 2099);
    const month = intIn(args, [...d, 'Month'], 1, 12);
    const day = intIn(args, [...d, 'Day'], 1, 31);
    utcMs = Date.UTC(
      year,
      month - 1,
      day,
      intIn(args, [...t, 'Hour'], 0, 23),
      intIn(args, [...t, 'Minute'], 0, 59),
      intIn(args, [...t, 'Second'], 0, 59),
    );
    if (new Date(utcMs).getUTCDate() !== day) {
      throw invalidArg('InvalidDateTime', `The argument value is invalid: day ${day}`);
    }
  }
  if (type === 'Manual' && utcMs === null) {
    throw invalidArg('InvalidDateTime', 'Manual date and time needs UTCDateTime');
  }
  return { dateTimeType: type, daylightSavings: dst === 'true', tz, utcMs };
}
