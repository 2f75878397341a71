// The file a station's commander loads in "Kết nối trung tâm": who the station is on
// the district network, where the hub is, its password, and the CA that signed the hub.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StationCredentials } from '../../electron/contract/district';
import { stationHubUser } from './hub-config';

export function buildCredentials(input: {
  stationId: string;
  stationName: string;
  hubHost: string;
  hubPort: number;
  password: string;
  caPem: string;
}): StationCredentials {
  const host = input.hubHost.includes(':') ? `[${input.hubHost}]` : input.hubHost;
  return StationCredentials.parse({
    format: 'station-district-credentials/1',
    stationId: input.stationId,
    stationName: input.stationName,
    hubUrl: `tls://${host}:${input.hubPort}`,
    user: stationHubUser(input.stationId),
    password: input.password,
    caPem: input.caPem,
  });
}

/** Writes <dir>/<station>.credentials.json, mode 0600 (it holds the station's password). */
export function writeCredentialsFile(dir: string, credentials: StationCredentials): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${credentials.stationId}.credentials.json`);
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return file;
}
