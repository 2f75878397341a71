// The centre's command line (npm run centre -- <command>):
//   add-station <id> "<name>" --hub-host <host> [--hub-port <port>] [--data <dir>]
//   serve [--data <dir>] [--http-port <port>] [--leaf-host <addr>] [--leaf-port <port>]
// add-station registers a station, writes the credentials file its commander loads,
// rewrites the hub config and, when the centre service runs, reloads the hub and makes
// the station's streams.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { StationId } from '../electron/contract/district';
import type { Database } from '../electron/core/db/database';
import { buildCredentials, writeCredentialsFile } from './hub/credentials-file';
import { stationHubUser } from './hub/hub-config';
import {
  centrePaths,
  readHubSettings,
  reloadHub,
  runningHub,
  saveHubSettings,
  writeHubFiles,
  type CentrePaths,
} from './hub/hub-runtime';
import { ensureHubStreams } from './hub/hub-streams';
import { pkiFiles } from './hub/pki';
import { StationRegistry } from './hub/stations';
import { openCentreDb } from './service/centre-db';
import { CentreService, defaultStaticDir } from './service/centre-service';
import { ReadModel } from './service/read-model';

const dataDirOf = (flag: string | undefined): string =>
  path.resolve(flag ?? process.env.CENTRE_DATA_DIR ?? 'centre-data');

export interface AddStationResult {
  credentialsFile: string;
  hub: 'reloaded' | 'not-running' | 'reload-failed';
  problem: string | null;
}

export async function addStation(
  paths: CentrePaths,
  args: { id: string; name: string; hubHost: string; hubPort?: number },
): Promise<AddStationResult> {
  const db = await openCentreDb(paths.db);
  try {
    const registry = new StationRegistry(db);
    const password = await registry.add(args.id, args.name);
    try {
      return await finishAdd(paths, db, registry, args, password);
    } catch (err) {
      // No credentials file was handed out: the station can be added again once fixed.
      await registry.remove(args.id);
      throw err;
    }
  } finally {
    await db.close();
  }
}

async function finishAdd(
  paths: CentrePaths,
  db: Database,
  registry: StationRegistry,
  args: { id: string; name: string; hubHost: string; hubPort?: number },
  password: string,
): Promise<AddStationResult> {
  const settings = await readHubSettings(registry);
  const running = runningHub(paths);
  const port = args.hubPort ?? (settings.leafPort > 0 ? settings.leafPort : running?.leafPort);
  if (!port) throw new Error('hub leaf port unknown: give --hub-port or start the centre service');
  await saveHubSettings(registry, {
    ...settings,
    hubHosts: [...settings.hubHosts, args.hubHost],
  });
  await new ReadModel(db).ensureStation(args.id, args.name.trim());
  await writeHubFiles(paths, registry);

  const credentials = buildCredentials({
    stationId: args.id,
    stationName: args.name.trim(),
    hubHost: args.hubHost,
    hubPort: port,
    password,
    caPem: readFileSync(pkiFiles(paths.dataDir).caCert, 'utf8'),
  });
  const credentialsFile = writeCredentialsFile(paths.credentialsDir, credentials);
  if (!running) return { credentialsFile, hub: 'not-running', problem: null };

  const reload = await reloadHub(running, { user: stationHubUser(args.id), pass: password });
  if (!reload.ok) return { credentialsFile, hub: 'reload-failed', problem: reload.why };
  const login = await registry.centreLogin();
  const nc = await connect({
    servers: running.clientUrl,
    user: login.user,
    pass: login.password,
  });
  try {
    await ensureHubStreams(
      await jetstreamManager(nc),
      (await registry.list()).map((s) => s.id),
    );
  } finally {
    await nc.close();
  }
  return { credentialsFile, hub: 'reloaded', problem: null };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'add-station') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'hub-host': { type: 'string' },
        'hub-port': { type: 'string' },
        data: { type: 'string' },
      },
    });
    const [id, name] = positionals;
    if (!id || !name || !values['hub-host']) {
      console.error(
        'Dùng / usage: add-station <id> "<tên trạm>" --hub-host <host> [--hub-port <port>] [--data <dir>]',
      );
      return 2;
    }
    if (!StationId.safeParse(id).success) {
      console.error(
        'Mã trạm không hợp lệ: 3–40 ký tự, chữ thường không dấu, số và gạch nối (vd. ben-nghe). / ' +
          'Invalid station id: 3–40 characters, a-z, 0-9 and hyphens (e.g. ben-nghe).',
      );
      return 2;
    }
    const result = await addStation(centrePaths(dataDirOf(values.data)), {
      id,
      name,
      hubHost: values['hub-host'],
      ...(values['hub-port'] ? { hubPort: Number(values['hub-port']) } : {}),
    });
    console.log(`Tệp thông tin kết nối cho trạm / credentials file: ${result.credentialsFile}`);
    if (result.hub === 'reloaded')
      console.log('Hub đã nạp lại cấu hình. / Hub reloaded; streams ready.');
    if (result.hub === 'not-running') {
      console.log(
        'Dịch vụ trung tâm chưa chạy: cấu hình sẽ được dùng khi khởi động. / Centre service not running; the hub uses the new config when it starts.',
      );
    }
    if (result.hub === 'reload-failed') {
      console.error(`Hub KHÔNG nạp lại được cấu hình / hub reload FAILED: ${result.problem ?? ''}`);
      return 1;
    }
    return 0;
  }
  if (command === 'serve') {
    const { values } = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        'http-port': { type: 'string' },
        'leaf-host': { type: 'string' },
        'leaf-port': { type: 'string' },
        static: { type: 'string' },
      },
    });
    const service = new CentreService({
      dataDir: dataDirOf(values.data),
      staticDir: values.static ?? defaultStaticDir(),
      httpPort: Number(values['http-port'] ?? 8780),
      ...(values['leaf-host'] ? { leafHost: values['leaf-host'] } : {}),
      ...(values['leaf-port'] ? { leafPort: Number(values['leaf-port']) } : {}),
    });
    await service.start();
    // Tests and launchers wait for this line.
    console.log(`CENTRE_READY ${service.url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await service.dispose();
    return 0;
  }
  console.error('Lệnh / commands: add-station, serve');
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
