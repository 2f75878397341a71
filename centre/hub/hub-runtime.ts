// Where the centre keeps its files, the hub's settings, and the running hub: start it
// from the registry, tell a second process (add-station) where it is, reload it.
import { connect } from '@nats-io/transport-node';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  findNatsServer,
  startNatsServer,
  type NatsServerProcess,
} from '../../electron/core/district/nats-server-process';
import { writeHubConfig } from './hub-config';
import { ensureCentrePki, type CentrePki } from './pki';
import type { StationRegistry } from './stations';

export interface CentrePaths {
  dataDir: string;
  db: string;
  hubConf: string;
  hubStore: string;
  hubPid: string;
  /** Written by the running service: the hub's pid and ports, for add-station. */
  hubState: string;
  credentialsDir: string;
}

export function centrePaths(dataDir: string): CentrePaths {
  const dir = path.resolve(dataDir);
  return {
    dataDir: dir,
    db: path.join(dir, 'centre.db'),
    hubConf: path.join(dir, 'hub', 'hub.conf'),
    hubStore: path.join(dir, 'hub', 'jetstream'),
    hubPid: path.join(dir, 'hub', 'hub.pid'),
    hubState: path.join(dir, 'hub', 'hub-state.json'),
    credentialsDir: path.join(dir, 'credentials'),
  };
}

export interface HubSettings {
  /** Address the leaf-node listener binds (a LAN address, or 0.0.0.0). */
  leafHost: string;
  /** Its port; -1 lets the server pick (tests). */
  leafPort: number;
  /** Names and addresses stations use to reach the hub (in the certificate). */
  hubHosts: string[];
}

export const DEFAULT_LEAF_PORT = 7422;

export async function readHubSettings(registry: StationRegistry): Promise<HubSettings> {
  const port = Number(await registry.setting('leaf_port'));
  return {
    leafHost: (await registry.setting('leaf_host')) ?? '0.0.0.0',
    leafPort: Number.isInteger(port) && port !== 0 ? port : DEFAULT_LEAF_PORT,
    hubHosts: JSON.parse((await registry.setting('hub_hosts')) ?? '[]') as string[],
  };
}

export async function saveHubSettings(registry: StationRegistry, s: HubSettings): Promise<void> {
  await registry.setSetting('leaf_host', s.leafHost);
  await registry.setSetting('leaf_port', String(s.leafPort));
  await registry.setSetting('hub_hosts', JSON.stringify([...new Set(s.hubHosts)].sort()));
}

/** Certificates for the current host names, then the config from the registry. */
export async function writeHubFiles(
  paths: CentrePaths,
  registry: StationRegistry,
): Promise<CentrePki> {
  const settings = await readHubSettings(registry);
  const pki = await ensureCentrePki(paths.dataDir, settings.hubHosts);
  const centre = await registry.centreLogin();
  mkdirSync(paths.hubStore, { recursive: true });
  writeHubConfig(paths.hubConf, {
    leafHost: settings.leafHost,
    leafPort: settings.leafPort,
    tlsCert: pki.hubCert,
    tlsKey: pki.hubKey,
    storeDir: paths.hubStore,
    pidFile: paths.hubPid,
    centreUser: centre.user,
    centrePasswordHash: centre.hash,
    stations: (await registry.list()).map((s) => ({
      stationId: s.id,
      passwordHash: s.passwordHash,
    })),
  });
  return pki;
}

export interface HubState {
  pid: number;
  clientUrl: string;
  leafPort: number | null;
}

export async function startHub(
  paths: CentrePaths,
  onLog?: (line: string) => void,
): Promise<NatsServerProcess> {
  const hub = await startNatsServer({
    binary: findNatsServer(),
    configFile: paths.hubConf,
    name: 'hub',
    ...(onLog ? { onLog } : {}),
  });
  const state: HubState = { pid: hub.pid, clientUrl: hub.clientUrl, leafPort: hub.leafPort };
  writeFileSync(paths.hubState, JSON.stringify(state), { mode: 0o600 });
  void hub.exited.then(() => rmSync(paths.hubState, { force: true }));
  return hub;
}

/** The hub a running centre service started, or null when none runs. */
export function runningHub(paths: CentrePaths): HubState | null {
  if (!existsSync(paths.hubState)) return null;
  try {
    const state = JSON.parse(readFileSync(paths.hubState, 'utf8')) as HubState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/**
 * Asks the running hub to re-read its config (nats-server reloads on SIGHUP), then
 * proves it did by logging in as `probe` (a user the new config adds). Bounded: 20
 * tries over about 5 s.
 */
export async function reloadHub(
  state: HubState,
  probe: { user: string; pass: string },
): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    process.kill(state.pid, 'SIGHUP');
  } catch (err) {
    return { ok: false, why: `could not signal the hub (pid ${state.pid}): ${String(err)}` };
  }
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((r) => setTimeout(r, 250));
    try {
      const nc = await connect({
        servers: state.clientUrl,
        ...probe,
        timeout: 2_000,
        reconnect: false,
      });
      await nc.close();
      return { ok: true };
    } catch (err) {
      last = String(err);
    }
  }
  return { ok: false, why: `the hub did not accept the new login after reload: ${last}` };
}
