// The station's leaf-node config: a nats-server beside the station service, with
// its own JetStream (domain st-<id>) so events are stored on the station while the
// link to the centre is down, and one leaf connection to the centre's hub over TLS.
// Clients reach it on loopback only; the station service is its one user.
import { stationDomain, type StationCredentials } from '../../contract/district';

export interface LeafConfigInput {
  credentials: StationCredentials;
  /** The centre's CA, written beside the config (PEM from the credentials file). */
  caFile: string;
  storeDir: string;
  /** The station service's own user on its leaf node (random per start). */
  localUser: string;
  localPassword: string;
  /** JetStream file storage the leaf may use: events are small, footage stays out. */
  maxFileStoreBytes?: number;
}

/** A nats-server config string; every value is a quoted string, never raw text. */
export function leafNodeConfig(input: LeafConfigInput): string {
  const c = input.credentials;
  const hub = new URL(c.hubUrl);
  // Credentials in the URL: nats-server's remote block takes them there; percent-encoded.
  const url = `tls://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${hub.host}`;
  const q = JSON.stringify;
  return [
    `server_name: ${q(`st-${c.stationId}`)}`,
    'listen: "127.0.0.1:-1"',
    // The hub must not learn of other leaf listeners; none here anyway.
    'jetstream {',
    `  store_dir: ${q(input.storeDir)}`,
    `  domain: ${q(stationDomain(c.stationId))}`,
    `  max_file_store: ${input.maxFileStoreBytes ?? 1024 * 1024 * 1024}`,
    '  max_memory_store: 16777216',
    '}',
    'leafnodes {',
    // Seconds between attempts while the hub is unreachable.
    '  reconnect: 5',
    '  remotes: [',
    '    {',
    `      urls: [${q(url)}]`,
    '      account: "STATION"',
    `      tls: { ca_file: ${q(input.caFile)}, timeout: 5 }`,
    '    }',
    '  ]',
    '}',
    'accounts {',
    '  STATION: {',
    '    jetstream: enabled',
    `    users: [{ user: ${q(input.localUser)}, password: ${q(input.localPassword)} }]`,
    '  }',
    '}',
    '',
  ].join('\n');
}
