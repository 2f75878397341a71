// `npm run rig:onvif`: the fake ONVIF PTZ camera on its own, for trying the discovery
// dialog or the clock and PTZ screens by hand. Prints one ready JSON line (like the RTSP
// rig) and then one JSON line per call it answers; Ctrl+C stops it.
//   npm run rig:onvif -- --main rtsp://127.0.0.1:8554/cam1 --sub rtsp://127.0.0.1:8554/cam1_sub \
//     [--auth wsse|digest|both] [--user admin] [--pass Onvif@2026] [--offset-s 7200] [--tz ICT-7]
//     [--http-port 0] [--discovery-port 0]
import { parseArgs } from 'node:util';
import { startFakeOnvif, type FakeAuthMode } from './fake-onvif-device';

const { values } = parseArgs({
  options: {
    main: { type: 'string', default: 'rtsp://127.0.0.1:8554/cam1' },
    sub: { type: 'string', default: 'rtsp://127.0.0.1:8554/cam1_sub' },
    auth: { type: 'string', default: 'both' },
    user: { type: 'string' },
    pass: { type: 'string' },
    'offset-s': { type: 'string', default: '7200' },
    tz: { type: 'string', default: 'ICT-7' },
    'http-port': { type: 'string', default: '0' },
    'discovery-port': { type: 'string', default: '0' },
  },
});

const auth = values.auth as FakeAuthMode;
if (!['wsse', 'digest', 'both'].includes(auth))
  throw new Error(`--auth ${auth}: wsse, digest or both`);

const device = await startFakeOnvif({
  mainUrl: values.main,
  subUrl: values.sub,
  auth,
  ...(values.user ? { user: values.user } : {}),
  ...(values.pass ? { pass: values.pass } : {}),
  clockOffsetMs: Number(values['offset-s']) * 1000,
  tz: values.tz,
  httpPort: Number(values['http-port']),
  discoveryPort: Number(values['discovery-port']),
});

console.log(
  JSON.stringify({
    ready: true,
    xaddr: device.xaddr,
    host: device.host,
    httpPort: device.httpPort,
    discoveryPort: device.discoveryPort,
    endpoint: device.endpoint,
    user: device.user,
    pass: device.pass,
    auth,
  }),
);

let printed = 0;
const tail = setInterval(() => {
  const calls = device.calls();
  for (const c of calls.slice(printed)) console.log(JSON.stringify(c));
  printed = calls.length;
}, 250);

function stop() {
  clearInterval(tail);
  void device.close().then(() => process.exit(0));
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
