// The fake ONVIF camera driven by the real client the station uses (onvif@0.8.3), so
// the fake answers what real cameras answer and refuses what they refuse.
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Cam, type DeviceInformation } from 'onvif';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOnvif, type FakeOnvif, type FakeOnvifOptions } from './fake-onvif-device';
import { parseDigestHeader } from './http-digest';

const MAIN = 'rtsp://admin:12345@127.0.0.1:8554/cam1';
const SUB = 'rtsp://127.0.0.1:8554/cam1_sub?unicast=true&proto=Onvif';
const TWO_HOURS = 2 * 3600_000;

let device: FakeOnvif | null = null;
afterEach(async () => {
  await device?.close();
  device = null;
});

async function start(opts: Partial<FakeOnvifOptions> = {}): Promise<FakeOnvif> {
  device = await startFakeOnvif({ mainUrl: MAIN, subUrl: SUB, ...opts });
  return device;
}

function camFor(d: FakeOnvif, extra: { useWSSecurity?: boolean; password?: string } = {}): Cam {
  return new Cam({
    hostname: '127.0.0.1',
    port: d.httpPort,
    username: d.user,
    password: extra.password ?? d.pass,
    timeout: 5000,
    autoconnect: false,
    preserveAddress: true,
    ...(extra.useWSSecurity === undefined ? {} : { useWSSecurity: extra.useWSSecurity }),
  });
}

/** The library's private request path (version pinned): for bodies its methods will not send. */
interface CamInternals {
  _request(
    opts: { service?: string; action?: string; body: string },
    cb: (err: Error | null, data?: unknown) => void,
  ): void;
  _envelopeHeader(): string;
  _envelopeFooter(): string;
}

function sendRaw(cam: Cam, body: string, target: { service?: string; action?: string } = {}) {
  const c = cam as unknown as CamInternals;
  return call((cb) =>
    c._request({ ...target, body: c._envelopeHeader() + body + c._envelopeFooter() }, cb),
  );
}

/** A callback-style Cam method as a promise. */
function call<T = unknown>(run: (cb: (err: Error | null, data?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((err, data) => (err ? reject(err) : resolve(data as T))),
  );
}

async function connected(d: FakeOnvif, extra: { useWSSecurity?: boolean } = {}): Promise<Cam> {
  const cam = camFor(d, extra);
  await call((cb) => cam.connect(cb));
  return cam;
}

interface RawReply {
  status: number;
  body: string;
  authenticate: string[];
}

/** A SOAP POST by hand, for what the library cannot be made to send. */
function post(d: FakeOnvif, path: string, body: string, authorization?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: d.httpPort,
        path,
        method: 'POST',
        headers: {
          'Content-Type': 'application/soap+xml; charset=utf-8',
          ...(authorization ? { Authorization: authorization } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const authenticate: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]!.toLowerCase() === 'www-authenticate')
              authenticate.push(res.rawHeaders[i + 1]!);
          }
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            authenticate,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function soap(body: string): string {
  return (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema">' +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

const DEVICE_NS = 'http://www.onvif.org/ver10/device/wsdl';

function digestAuthorization(
  challenge: string,
  d: FakeOnvif,
  opts: { path: string; nc?: string; pass?: string },
): string {
  const c = parseDigestHeader(challenge);
  const algorithm = c.get('algorithm') === 'SHA-256' ? 'sha256' : 'md5';
  const h = (s: string) => createHash(algorithm).update(s).digest('hex');
  const nc = opts.nc ?? '00000001';
  const cnonce = 'abcdef01';
  const ha1 = h(`${d.user}:${c.get('realm')}:${opts.pass ?? d.pass}`);
  const response = h(`${ha1}:${c.get('nonce')}:${nc}:${cnonce}:auth:${h(`POST:${opts.path}`)}`);
  const alg = c.has('algorithm') ? `, algorithm=${c.get('algorithm')}` : '';
  return (
    `Digest username="${d.user}", realm="${c.get('realm')}", nonce="${c.get('nonce')}", uri="${opts.path}"` +
    `${alg}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}

describe('fake ONVIF device with the real onvif@0.8.3 client', () => {
  it('refuses to bind anything but loopback', async () => {
    await expect(startFakeOnvif({ mainUrl: MAIN, subUrl: SUB, host: '0.0.0.0' })).rejects.toThrow(
      /not a loopback address/,
    );
    await expect(
      startFakeOnvif({ mainUrl: MAIN, subUrl: SUB, host: '192.168.1.64' }),
    ).rejects.toThrow(/not a loopback address/);
  });

  it('connects with HTTP digest only (Hikvision), lists both profiles and gives stream URIs without credentials', async () => {
    const d = await start({ auth: 'digest' });
    const cam = await connected(d);
    expect(cam.profiles?.map((p) => p.$.token)).toEqual(['Profile_1', 'Profile_2']);
    const [main, sub] = cam.profiles as unknown as {
      videoEncoderConfiguration: {
        encoding: string;
        resolution: { width: number; height: number };
      };
      PTZConfiguration?: { $: { token: string } };
    }[];
    expect(main!.videoEncoderConfiguration).toMatchObject({
      encoding: 'H264',
      resolution: { width: 1920, height: 1080 },
    });
    expect(sub!.videoEncoderConfiguration).toMatchObject({
      encoding: 'H264',
      resolution: { width: 704, height: 576 },
    });
    expect(main!.PTZConfiguration?.$.token).toBe('PTZToken');
    expect(sub!.PTZConfiguration?.$.token).toBe('PTZToken');

    const mainUri = await call<{ uri: string }>((cb) =>
      cam.getStreamUri({ profileToken: 'Profile_1' }, cb),
    );
    const subUri = await call<{ uri: string }>((cb) =>
      cam.getStreamUri({ profileToken: 'Profile_2' }, cb),
    );
    expect(mainUri.uri).toBe('rtsp://127.0.0.1:8554/cam1');
    expect(subUri.uri).toBe(SUB);
    const scopes = await call<{ scopeItem: string }[]>((cb) => cam.getScopes(cb));
    expect(scopes.map((x) => x.scopeItem)).toContain('onvif://www.onvif.org/name/FAKE-PTZ');
    const info = await call<DeviceInformation>((cb) => cam.getDeviceInformation(cb));
    expect(info).toMatchObject({ manufacturer: 'FakeVision', model: 'FK-PTZ-1' });

    // The library signs with WS-Security too, but only digest counts on this device.
    const authed = d
      .calls()
      .filter((c) => c.op !== 'GetSystemDateAndTime' && c.op !== 'GetServices');
    expect(authed.length).toBeGreaterThanOrEqual(5);
    expect(authed.every((c) => c.auth === 'digest')).toBe(true);
    expect(
      d.rejections().filter((r) => r.reason === 'digest_missing' && r.status === 401),
    ).toHaveLength(authed.length);
  });

  it('offers MD5 then SHA-256 challenges, accepts either, and answers 401 to a wrong password, a replayed nc and a stale nonce', async () => {
    const d = await start({ auth: 'digest' });
    const path = '/onvif/device_service';
    const body = soap(`<GetDeviceInformation xmlns="${DEVICE_NS}"/>`);
    const first = await post(d, path, body);
    expect(first.status).toBe(401);
    expect(first.authenticate).toHaveLength(2);
    expect(first.authenticate[0]).not.toMatch(/algorithm/);
    expect(first.authenticate[1]).toMatch(/algorithm="SHA-256"/);
    expect(first.authenticate.every((a) => /qop="auth"/.test(a) && /stale="FALSE"/.test(a))).toBe(
      true,
    );

    const md5 = await post(d, path, body, digestAuthorization(first.authenticate[0]!, d, { path }));
    expect(md5.status).toBe(200);
    expect(md5.body).toContain('<tds:Manufacturer>FakeVision</tds:Manufacturer>');
    const sha = digestAuthorization(first.authenticate[1]!, d, { path });
    expect((await post(d, path, body, sha)).status).toBe(200);
    expect((await post(d, path, body, sha)).status).toBe(401); // same nc again: a replay

    const wrong = await post(
      d,
      path,
      body,
      digestAuthorization(first.authenticate[1]!, d, { path, nc: '00000002', pass: 'wrong' }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.authenticate[0]).toMatch(/stale="FALSE"/);

    d.expireDigestNonces();
    const stale = await post(
      d,
      path,
      body,
      digestAuthorization(first.authenticate[1]!, d, { path, nc: '00000003' }),
    );
    expect(stale.status).toBe(401);
    expect(stale.authenticate.every((a) => /stale="TRUE"/.test(a))).toBe(true);
    expect(d.rejections().map((r) => r.reason)).toEqual([
      'digest_missing',
      'digest_bad',
      'digest_bad',
      'digest_stale',
    ]);

    // The real client reports a wrong password as such (a 401 after its Authorization).
    const badCam = camFor(d, { password: 'wrong' });
    await call((cb) => badCam.getSystemDateAndTime(cb)); // pre-auth: answered
    await expect(call((cb) => badCam.getDeviceInformation(cb))).rejects.toThrow(
      /Digest authentication failed 401/,
    );
  });

  it('answers only the ONVIF pre-auth set without credentials', async () => {
    const d = await start({ auth: 'wsse' });
    for (const op of [
      'GetSystemDateAndTime',
      'GetCapabilities',
      'GetEndpointReference',
      'GetWsdlUrl',
    ]) {
      expect(
        (await post(d, '/onvif/device_service', soap(`<${op} xmlns="${DEVICE_NS}"/>`))).status,
        op,
      ).toBe(200);
    }
    const services = await post(
      d,
      '/onvif/device_service',
      soap(
        `<GetServices xmlns="${DEVICE_NS}"><IncludeCapability>false</IncludeCapability></GetServices>`,
      ),
    );
    expect(services.status).toBe(200);
    expect(services.body).toContain(
      `<tds:XAddr>http://127.0.0.1:${d.httpPort}/onvif/ptz_service</tds:XAddr>`,
    );

    const refused = await post(
      d,
      '/onvif/device_service',
      soap(`<GetDeviceInformation xmlns="${DEVICE_NS}"/>`),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('ter:NotAuthorized');
    const profiles = await post(
      d,
      '/onvif/media_service',
      soap('<GetProfiles xmlns="http://www.onvif.org/ver10/media/wsdl"/>'),
    );
    expect(profiles.status).toBe(400);
    expect(d.calls().map((c) => c.op)).toEqual([
      'GetSystemDateAndTime',
      'GetCapabilities',
      'GetEndpointReference',
      'GetWsdlUrl',
      'GetServices',
    ]);
    expect(d.calls().every((c) => c.auth === 'none')).toBe(true);
  });

  it('reports a clock 2 h ahead in ICT-7 with the local time, and the client signs WS-Security with that shift', async () => {
    const d = await start({ auth: 'wsse' });
    const cam = camFor(d);
    const before = Date.now();
    const camTime = await call<Date>((cb) => cam.getSystemDateAndTime(cb));
    // Whole seconds on the wire, and a loaded machine: ±3 s.
    expect(Math.abs(camTime.getTime() - (before + TWO_HOURS))).toBeLessThan(3000);

    const raw = await post(
      d,
      '/onvif/device_service',
      soap(`<GetSystemDateAndTime xmlns="${DEVICE_NS}"/>`),
    );
    const sdt = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(raw.body)
      .Envelope.Body.GetSystemDateAndTimeResponse.SystemDateAndTime as {
      DateTimeType: string;
      DaylightSavings: string;
      TimeZone: { TZ: string };
      UTCDateTime: Record<'Time' | 'Date', Record<string, string>>;
      LocalDateTime: Record<'Time' | 'Date', Record<string, string>>;
    };
    expect(sdt).toMatchObject({
      DateTimeType: 'Manual',
      DaylightSavings: 'false',
      TimeZone: { TZ: 'ICT-7' },
    });
    const ms = (dt: Record<'Time' | 'Date', Record<string, string>>) =>
      Date.UTC(
        +dt.Date.Year!,
        +dt.Date.Month! - 1,
        +dt.Date.Day!,
        +dt.Time.Hour!,
        +dt.Time.Minute!,
        +dt.Time.Second!,
      );
    expect(ms(sdt.LocalDateTime) - ms(sdt.UTCDateTime)).toBe(7 * 3600_000);

    await call((cb) => cam.connect(cb));
    await call((cb) => cam.getDeviceInformation(cb));
    expect(d.calls().find((c) => c.op === 'GetDeviceInformation')?.auth).toBe('wsse');
  });

  it("fails Dahua's WS-Security time check once the device clock moved under the client's cached shift", async () => {
    const d = await start({ auth: 'wsse' });
    const cam = await connected(d);
    await call((cb) => cam.getDeviceInformation(cb));
    d.setClockOffset(0); // NTP stepped the camera's clock; the Cam still signs with +2 h
    await expect(call((cb) => cam.getDeviceInformation(cb))).rejects.toThrow(
      'ONVIF SOAP Fault: Wsse authorized time check failed.',
    );
    expect(d.rejections().at(-1)).toMatchObject({
      op: 'GetDeviceInformation',
      reason: 'time_check',
      status: 400,
    });
    // Within the 5 s window it is accepted: the check is on time, not on the password.
    d.setClockOffset(TWO_HOURS - 3000);
    await call((cb) => cam.getDeviceInformation(cb));
    d.setClockOffset(TWO_HOURS + 9000);
    await expect(call((cb) => cam.getDeviceInformation(cb))).rejects.toThrow(/time check failed/);

    // Rebuilding the Cam re-reads the clock and works again.
    const rebuilt = await connected(d);
    await call((cb) => rebuilt.getDeviceInformation(cb));
    // A WS-Security-only device refuses a client that does not sign at all.
    const unsigned = camFor(d, { useWSSecurity: false });
    await expect(call((cb) => unsigned.getDeviceInformation(cb))).rejects.toThrow(
      /Sender not Authorized/,
    );
  });

  it("with auth 'both' takes WS-Security, or digest from a client that does not sign", async () => {
    const d = await start({ auth: 'both' });
    const signed = await connected(d);
    await call((cb) => signed.getDeviceInformation(cb));
    const digestOnly = await connected(d, { useWSSecurity: false });
    await call((cb) => digestOnly.getDeviceInformation(cb));
    expect(
      d
        .calls()
        .filter((c) => c.op === 'GetDeviceInformation')
        .map((c) => c.auth),
    ).toEqual(['wsse', 'digest']);
  });

  it('sets the clock and time zone from SetSystemDateAndTime in XSD order, records it, and refuses Date before Time', async () => {
    const d = await start({ auth: 'digest' });
    const cam = await connected(d);
    // onvif@0.8.3 writes UTCDateTime as Time then Date: the onvif.xsd sequence.
    await call((cb) =>
      cam.setSystemDateAndTime(
        { dateTimeType: 'Manual', daylightSavings: false, timezone: 'GMT0', dateTime: new Date() },
        cb,
      ),
    );
    const set = d.calls().find((c) => c.op === 'SetSystemDateAndTime');
    expect(set?.args).toMatchObject({ dateTimeType: 'Manual', daylightSavings: false, tz: 'GMT0' });
    expect(Math.abs(d.clock().offsetMs)).toBeLessThan(2000);
    expect(d.clock()).toMatchObject({ tz: 'GMT0', localOffsetMs: 0, dateTimeType: 'Manual' });

    d.setClockOffset(TWO_HOURS);
    const dateFirst =
      '<SetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema">' +
      '<DateTimeType>Manual</DateTimeType>' +
      '<DaylightSavings>false</DaylightSavings><TimeZone><tt:TZ>ICT-7</tt:TZ></TimeZone><UTCDateTime>' +
      '<tt:Date><tt:Year>2026</tt:Year><tt:Month>12</tt:Month><tt:Day>7</tt:Day></tt:Date>' +
      '<tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time>' +
      '</UTCDateTime></SetSystemDateAndTime>';
    const refused = await sendRaw(cam, dateFirst).then(
      () => null,
      (e: Error) => e,
    );
    expect(refused?.message).toMatch(/Validation constraint violation/);
    expect(d.clock().tz).toBe('GMT0');
    expect(Math.abs(d.clock().offsetMs - TWO_HOURS)).toBeLessThan(50);

    // NTP: the device synchronises (offset 0) and reports NTP.
    d.setClockOffset(TWO_HOURS);
    await call((cb) =>
      cam.setSystemDateAndTime({ dateTimeType: 'NTP', daylightSavings: false }, cb),
    );
    expect(d.clock()).toMatchObject({ offsetMs: 0, dateTimeType: 'NTP' });
  });

  it('records PTZ moves, stops and preset changes with their profile, and faults an unknown preset', async () => {
    const d = await start({ auth: 'digest' });
    const cam = await connected(d);
    const nodes = await call<Record<string, unknown>>((cb) => cam.getNodes(cb));
    expect(Object.keys(nodes)).toEqual(['PTZNodeToken']);
    const configs = await call<Record<string, { token: string }>>((cb) =>
      cam.getConfigurations(cb),
    );
    expect(configs.PTZ?.token).toBe('PTZToken');

    await call((cb) => cam.continuousMove({ x: -0.5, y: 0.25, zoom: 0, timeout: 1000 }, cb));
    await call((cb) => cam.stop({ panTilt: true, zoom: true }, cb));
    const name = 'Ngã tư Phố Huế';
    await call((cb) => cam.setPreset({ presetName: name }, cb));
    await call((cb) => cam.gotoPreset({ preset: '3' }, cb));
    const listed = await call<Record<string, { $: { token: number } }>>((cb) =>
      cam.getPresets({}, cb),
    );
    expect(listed[name]?.$.token).toBe(3);
    await call((cb) => cam.removePreset({ presetToken: '3' }, cb));
    await expect(call((cb) => cam.gotoPreset({ preset: '3' }, cb))).rejects.toThrow(
      /preset token 3 does not exist/,
    );
    await expect(call((cb) => cam.continuousMove({ x: 2 }, cb))).rejects.toThrow(/out of bounds/);
    // onvif@0.8.3 does not escape the name. Its own parse (for the SOAP action) already
    // throws; sent with an explicit action, the device refuses the malformed XML.
    await expect(call((cb) => cam.setPreset({ presetName: 'Nhà A & B' }, cb))).rejects.toThrow(
      /Invalid character in entity name/,
    );
    const unescaped =
      '<SetPreset xmlns="http://www.onvif.org/ver20/ptz/wsdl"><ProfileToken>Profile_1</ProfileToken>' +
      '<PresetName>Nhà A & B</PresetName></SetPreset>';
    await expect(
      sendRaw(cam, unescaped, {
        service: 'ptz',
        action: 'http://www.onvif.org/ver20/ptz/wsdl/SetPreset',
      }),
    ).rejects.toThrow(/Malformed request/);
    await call((cb) => cam.setPreset({ presetName: 'Nhà A &amp; B', presetToken: '2' }, cb));

    const ptz = d
      .calls()
      .filter((c) => c.service === 'ptz' && !c.op.startsWith('Get'))
      .map(({ op, profile, args, fault }) => ({ op, profile, args, fault }));
    expect(ptz).toEqual([
      {
        op: 'ContinuousMove',
        profile: 'Profile_1',
        args: { pan: -0.5, tilt: 0.25, zoom: 0, timeout: 'PT1S' },
        fault: undefined,
      },
      {
        op: 'Stop',
        profile: 'Profile_1',
        args: { panTilt: 'true', zoom: 'true' },
        fault: undefined,
      },
      {
        op: 'SetPreset',
        profile: 'Profile_1',
        args: { name, token: '3', requestedToken: null },
        fault: undefined,
      },
      { op: 'GotoPreset', profile: 'Profile_1', args: { preset: '3' }, fault: undefined },
      { op: 'RemovePreset', profile: 'Profile_1', args: { preset: '3' }, fault: undefined },
      {
        op: 'GotoPreset',
        profile: undefined,
        args: {},
        fault: 'The requested preset token 3 does not exist',
      },
      {
        op: 'ContinuousMove',
        profile: undefined,
        args: {},
        fault: 'The requested speed is out of bounds: 2',
      },
      {
        op: 'SetPreset',
        profile: 'Profile_1',
        args: { name: 'Nhà A & B', token: '2', requestedToken: '2' },
        fault: undefined,
      },
    ]);
    expect(d.presets()).toEqual([
      { token: '1', name: 'Cổng chính' },
      { token: '2', name: 'Nhà A & B' },
    ]);
  });

  it('delivers emitted events through a PullPoint, long-polling at most about 1 s when there are none', async () => {
    const d = await start({ auth: 'both' });
    d.emitEvent('tns1:VideoSource/ImageTooBlurry/ImagingService', { State: 'true' });
    const cam = await connected(d);
    await call((cb) => cam.createPullPointSubscription(cb));
    // The state emitted before subscribing arrives first, as Initialized.
    type Pulled = { notificationMessage?: unknown };
    const messages = (p: Pulled) => {
      const m = p.notificationMessage;
      return (m === undefined ? [] : Array.isArray(m) ? m : [m]) as {
        topic: { _: string };
        message: {
          message: {
            $: { PropertyOperation: string };
            data: { simpleItem: { $: { Name: string; Value: boolean } } };
          };
        };
      }[];
    };
    const initial = messages(await call<Pulled>((cb) => cam.pullMessages({}, cb)));
    expect(initial.map((m) => [m.topic._, m.message.message.$.PropertyOperation])).toEqual([
      ['tns1:VideoSource/ImageTooBlurry/ImagingService', 'Initialized'],
    ]);

    const t0 = Date.now();
    const none = await call<Pulled>((cb) => cam.pullMessages({}, cb));
    const waited = Date.now() - t0;
    expect(messages(none)).toEqual([]);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(4000);

    setTimeout(
      () => d.emitEvent('tns1:RuleEngine/TamperDetector/Tamper', { IsTamper: 'true' }),
      200,
    );
    const woke = messages(await call<Pulled>((cb) => cam.pullMessages({}, cb)));
    expect(woke.map((m) => [m.topic._, m.message.message.data.simpleItem.$])).toEqual([
      ['tns1:RuleEngine/TamperDetector/Tamper', { Name: 'IsTamper', Value: true }],
    ]);

    await call((cb) => cam.renew({}, cb));
    await call((cb) => cam.unsubscribe(cb));
    expect(
      d
        .calls()
        .filter((c) => c.service === 'events')
        .map((c) => c.op),
    ).toEqual([
      'CreatePullPointSubscription',
      'PullMessages',
      'PullMessages',
      'PullMessages',
      'Renew',
      'Unsubscribe',
    ]);
  });
});

describe("fake ONVIF device with the library's own event loop (cam.on('event'))", () => {
  it('delivers an emitted event to a listener, and the loop unsubscribes once the listener is gone', async () => {
    const d = await start({ auth: 'both' });
    const cam = await connected(d);
    const topics: string[] = [];
    cam.on('event', (m: { topic: { _: string } }) => topics.push(m.topic._));
    const until = async (done: () => boolean) => {
      const end = Date.now() + 8000;
      while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    };
    await until(() => d.calls().some((c) => c.op === 'PullMessages'));
    d.emitEvent('tns1:VideoSource/GlobalSceneChange/ImagingService', { State: 'true' });
    await until(() => topics.length > 0);
    expect(topics).toEqual(['tns1:VideoSource/GlobalSceneChange/ImagingService']);
    expect(d.calls().some((c) => c.op === 'Renew')).toBe(true);

    cam.removeAllListeners('event');
    await until(() => d.calls().some((c) => c.op === 'Unsubscribe'));
    expect(d.calls().filter((c) => c.op === 'Unsubscribe')).toHaveLength(1);
  });
});

describe('fake ONVIF device vendor quirks', () => {
  it('writes local time into the UTC field when asked (XiongMai): the client reads +9 h', async () => {
    const d = await start({ localTimeAsUtc: true });
    const camTime = await call<Date>((cb) => camFor(d).getSystemDateAndTime(cb));
    expect(Math.abs(camTime.getTime() - (Date.now() + TWO_HOURS + 7 * 3600_000))).toBeLessThan(
      3000,
    );
    expect(d.clock().offsetMs).toBe(TWO_HOURS);
  });

  it('can lock GetSystemDateAndTime behind digest with an HTML 401 (Hikvision firmware); the client still connects', async () => {
    const d = await start({ auth: 'digest', clockNeedsAuth: true });
    const raw = await post(
      d,
      '/onvif/device_service',
      soap(`<GetSystemDateAndTime xmlns="${DEVICE_NS}"/>`),
    );
    expect(raw.status).toBe(401);
    expect(raw.body).toContain('Document Error: Unauthorized');
    expect(raw.authenticate).toHaveLength(2);
    await connected(d);
    expect(d.calls().find((c) => c.op === 'GetSystemDateAndTime')?.auth).toBe('digest');
  });

  it('advertises another host in its XAddrs when asked; preserveAddress keeps the client on 127.0.0.1', async () => {
    const d = await start({ auth: 'digest', advertisedHost: '192.168.1.64' });
    const services = await post(
      d,
      '/onvif/device_service',
      soap(
        `<GetServices xmlns="${DEVICE_NS}"><IncludeCapability>false</IncludeCapability></GetServices>`,
      ),
    );
    expect(services.body).toContain(
      `<tds:XAddr>http://192.168.1.64:${d.httpPort}/onvif/media_service</tds:XAddr>`,
    );
    const cam = await connected(d);
    const uri = await call<{ uri: string }>((cb) =>
      cam.getStreamUri({ profileToken: 'Profile_1' }, cb),
    );
    expect(uri.uri).toBe('rtsp://127.0.0.1:8554/cam1');
    expect(d.xaddr).toBe(`http://127.0.0.1:${d.httpPort}/onvif/device_service`);
  });
});

describe('fake ONVIF device WS-Discovery responder (directed probes on 127.0.0.1)', () => {
  function probeXml(messageId: string, types: string | null): string {
    return (
      '<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"' +
      ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><Header>' +
      `<wsa:MessageID xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">${messageId}</wsa:MessageID>` +
      '<wsa:To xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>' +
      '<wsa:Action xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</wsa:Action>' +
      '</Header><Body><Probe xmlns="http://schemas.xmlsoap.org/ws/2005/04/discovery">' +
      (types === null ? '' : `<Types>${types}</Types>`) +
      '<Scopes /></Probe></Body></Envelope>'
    );
  }

  /** Sends one probe from a loopback socket; the replies that come within `waitMs`. */
  async function probe(
    d: FakeOnvif,
    xml: string,
    waitMs: number,
  ): Promise<{ replies: string[]; port: number }> {
    const socket = dgram.createSocket('udp4');
    const replies: string[] = [];
    socket.on('message', (m) => replies.push(m.toString('utf8')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = socket.address().port;
    socket.send(xml, d.discoveryPort, '127.0.0.1');
    const until = Date.now() + waitMs;
    while (replies.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return { replies, port };
  }

  it('answers a directed probe unicast with ProbeMatches the onvif library parses', async () => {
    const d = await start();
    const id = `urn:uuid:${randomUUID()}`;
    const { replies, port } = await probe(d, probeXml(id, 'dn:NetworkVideoTransmitter'), 3000);
    expect(replies).toHaveLength(1);
    // The library's own reply parser (what Discovery.probe runs on each datagram).
    const utils = createRequire(import.meta.url)('onvif/lib/utils.js') as {
      parseSOAPString: (
        xml: string,
        cb: (err: Error | null, data: unknown) => void,
        status: number,
      ) => void;
      linerase: (x: unknown) => {
        probeMatches: {
          probeMatch: { endpointReference: { address: string }; XAddrs: string; scopes: string };
        };
      };
    };
    const parsed = await new Promise<unknown>((resolve, reject) =>
      utils.parseSOAPString(replies[0]!, (err, data) => (err ? reject(err) : resolve(data)), 200),
    );
    const match = utils.linerase(parsed).probeMatches.probeMatch;
    expect(match.endpointReference.address).toBe(d.endpoint);
    expect(match.XAddrs).toBe(d.xaddr);
    for (const scope of ['name/FAKE-PTZ', 'hardware/FK-PTZ-1', 'type/ptz']) {
      expect(match.scopes.split(' ')).toContain(`onvif://www.onvif.org/${scope}`);
    }
    expect(replies[0]).toContain(`<wsa:RelatesTo>${id}</wsa:RelatesTo>`);
    expect(d.probes()).toEqual([
      {
        at: expect.any(Number),
        from: { address: '127.0.0.1', port },
        messageId: id,
        types: ['dn:NetworkVideoTransmitter'],
        answered: true,
      },
    ]);
  });

  it('honours the Types filter: NetworkVideoTransmitter, Device and none are answered, other types and dropped variants are not', async () => {
    const d = await start({ discoveryAnswers: ['Device', 'none'] });
    expect((await probe(d, probeXml('urn:uuid:1', 'tds:Device'), 3000)).replies).toHaveLength(1);
    expect((await probe(d, probeXml('urn:uuid:2', null), 3000)).replies).toHaveLength(1);
    // This firmware ignores the NVT probe, and no device is a printer.
    expect(
      (await probe(d, probeXml('urn:uuid:3', 'dn:NetworkVideoTransmitter'), 500)).replies,
    ).toEqual([]);
    expect((await probe(d, probeXml('urn:uuid:4', 'wsdp:Printer'), 500)).replies).toEqual([]);
    const resolve = probeXml('urn:uuid:6', null).replace('discovery/Probe<', 'discovery/Resolve<');
    expect((await probe(d, resolve, 300)).replies).toEqual([]);
    expect((await probe(d, '<Envelope><Body>', 300)).replies).toEqual([]);
    expect(d.probes().map((p) => [p.messageId, p.answered])).toEqual([
      ['urn:uuid:1', true],
      ['urn:uuid:2', true],
      ['urn:uuid:3', false],
      ['urn:uuid:4', false],
      ['', false],
      ['', false],
    ]);
    expect(d.probes().map((p) => p.ignored)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      'not_probe',
      'not_xml',
    ]);
    await d.close();
    device = await start();
    expect(
      (await probe(device, probeXml('urn:uuid:5', 'dn:NetworkVideoTransmitter'), 3000)).replies,
    ).toHaveLength(1);
  });
});
