// The hub's nats-server config, written whole from the station registry each time it
// changes (then the server reloads it). Every string is JSON-quoted (the NATS config
// parser reads JSON strings), station ids are checked against StationId, so a name in
// the registry can never add a config line.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  HUB_DOMAIN,
  StationId,
  districtStreams,
  districtSubjects,
  stationDomain,
} from '../../electron/contract/district';

export interface HubStationUser {
  stationId: string;
  /** bcrypt hash ($2a$…) of the station's password. */
  passwordHash: string;
}

export interface HubConfigInput {
  /** Leaf-node listener; tests use 127.0.0.1 and port -1 (the server picks). */
  leafHost: string;
  leafPort: number;
  tlsCert: string;
  tlsKey: string;
  storeDir: string;
  /** nats-server writes its pid here: add-station signals it to reload. */
  pidFile: string;
  centreUser: string;
  centrePasswordHash: string;
  stations: readonly HubStationUser[];
}

/** The hub user a station's leaf node logs in as. */
export const stationHubUser = (station: string): string => `st-${station}`;

/**
 * What one station's leaf connection may do on the hub: its own subject tree, the
 * JetStream API of its request stream RQ_<ID> (to source it), and let the hub's DISTRICT
 * stream create a consumer on its event stream ST_<ID> (the hub's sourcing reaches the
 * station through this user's subscriptions). Nothing of another station. What the hub
 * may send down is only its request deliveries (dc.<id>.rqd.>): an event published on the
 * hub under the station's subjects never reaches, nor lands in, the station's own stream.
 */
export function stationPermissions(station: string): { publish: string[]; subscribe: string[] } {
  const id = StationId.parse(station);
  const rq = districtStreams.stationRequests(id);
  const st = districtStreams.stationEvents(id);
  const hubApi = `$JS.${HUB_DOMAIN}.API`;
  const stationApi = `$JS.${stationDomain(id)}.API`;
  return {
    publish: [
      `dc.${id}.>`,
      '$JSC.R.>',
      `${hubApi}.CONSUMER.CREATE.${rq}`,
      `${hubApi}.CONSUMER.CREATE.${rq}.>`,
      `${hubApi}.CONSUMER.DELETE.${rq}.>`,
      `${hubApi}.STREAM.INFO.${rq}`,
      `$JS.FC.${rq}.>`,
    ],
    subscribe: [
      `${stationApi}.CONSUMER.CREATE.${st}`,
      `${stationApi}.CONSUMER.CREATE.${st}.>`,
      `${stationApi}.CONSUMER.DELETE.${st}.>`,
      `${stationApi}.STREAM.INFO.${st}`,
      `$JS.FC.${st}.>`,
      `${districtSubjects.requestDeliver(id)}.>`,
      '$JSC.R.>',
    ],
  };
}

const q = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(q).join(', ')}]`;

export function renderHubConfig(input: HubConfigInput): string {
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(input.leafHost))
    throw new Error('leaf host is not a host name or IP');
  if (!Number.isInteger(input.leafPort) || input.leafPort < -1 || input.leafPort > 65535) {
    throw new Error('leaf port out of range');
  }
  const hash = (h: string): string => {
    if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(h))
      throw new Error('password hash is not bcrypt');
    return q(h);
  };
  const ids = new Set<string>();
  const stationUsers = input.stations.map((s) => {
    const id = StationId.parse(s.stationId);
    if (ids.has(id)) throw new Error(`station ${id} listed twice`);
    ids.add(id);
    const perms = stationPermissions(id);
    return (
      `      { user: ${q(stationHubUser(id))}, password: ${hash(s.passwordHash)},\n` +
      `        permissions: {\n` +
      `          publish: { allow: ${list(perms.publish)} }\n` +
      `          subscribe: { allow: ${list(perms.subscribe)} }\n` +
      `        } }`
    );
  });
  return [
    '# Written by the centre service from its station registry; edits are overwritten.',
    `server_name: ${q(HUB_DOMAIN)}`,
    '# Clients: the centre service only, on loopback.',
    `listen: ${q('127.0.0.1:-1')}`,
    `pid_file: ${q(input.pidFile)}`,
    `jetstream { store_dir: ${q(input.storeDir)}, domain: ${q(HUB_DOMAIN)} }`,
    'leafnodes {',
    `  listen: ${q(`${input.leafHost}:${input.leafPort}`)}`,
    `  tls { cert_file: ${q(input.tlsCert)}, key_file: ${q(input.tlsKey)}, timeout: 5 }`,
    '}',
    'accounts {',
    '  SYS: {}',
    '  DISTRICT: {',
    '    jetstream: enabled',
    '    users: [',
    `      { user: ${q(input.centreUser)}, password: ${hash(input.centrePasswordHash)} }`,
    ...stationUsers,
    '    ]',
    '  }',
    '}',
    `system_account: ${q('SYS')}`,
    '',
  ].join('\n');
}

/** Writes the config atomically (temp file + rename), mode 0600: it holds password hashes. */
export function writeHubConfig(file: string, input: HubConfigInput): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, renderHubConfig(input), { mode: 0o600 });
  renameSync(tmp, file);
}
