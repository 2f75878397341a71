// The centre service's composition root: database, hub (nats-server child), streams,
// the consumer feeding the read model, export requests and the page's HTTP server.
// dispose() stops them in reverse order.
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../electron/core/db/database';
import type { NatsServerProcess } from '../../electron/core/district/nats-server-process';
import {
  centrePaths,
  readHubSettings,
  saveHubSettings,
  startHub,
  writeHubFiles,
} from '../hub/hub-runtime';
import { ensureHubStreams } from '../hub/hub-streams';
import { StationRegistry } from '../hub/stations';
import { openCentreDb } from './centre-db';
import { DistrictConsumer } from './district-consumer';
import { ExportRequests } from './export-requests';
import { startCentreHttp, type CentreHttp } from './http-server';
import { CentreQueries } from './queries';
import { ReadModel } from './read-model';

export interface CentreServiceOptions {
  dataDir: string;
  /** Built page (dist/centre). */
  staticDir: string;
  httpPort: number;
  /** Overrides of the stored hub settings (tests: 127.0.0.1 and -1). */
  leafHost?: string;
  leafPort?: number;
  log?: { info(m: string): void; warn(m: string): void };
}

export class CentreService {
  readonly paths;
  private db: Database | null = null;
  private hub: NatsServerProcess | null = null;
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private consumer: DistrictConsumer | null = null;
  private http: CentreHttp | null = null;
  model: ReadModel | null = null;
  registry: StationRegistry | null = null;
  private readonly log;

  constructor(private readonly opts: CentreServiceOptions) {
    this.paths = centrePaths(opts.dataDir);
    this.log = opts.log ?? {
      info: (m: string) => console.log(m),
      warn: (m: string) => console.warn(m),
    };
  }

  get url(): string {
    if (!this.http) throw new Error('centre service not started');
    return this.http.url;
  }

  get hubProcess(): NatsServerProcess | null {
    return this.hub;
  }

  async start(): Promise<void> {
    try {
      await this.startAll();
    } catch (err) {
      // Half started (the hub up, the HTTP port taken, say): stop what runs.
      await this.dispose().catch(() => undefined);
      throw err;
    }
  }

  private async startAll(): Promise<void> {
    const db = await openCentreDb(this.paths.db);
    this.db = db;
    const registry = new StationRegistry(db);
    this.registry = registry;
    const settings = await readHubSettings(registry);
    if (this.opts.leafHost !== undefined || this.opts.leafPort !== undefined) {
      await saveHubSettings(registry, {
        ...settings,
        leafHost: this.opts.leafHost ?? settings.leafHost,
        leafPort: this.opts.leafPort ?? settings.leafPort,
      });
    }
    this.model = new ReadModel(db, this.log);
    const stations = await registry.list();
    for (const s of stations) await this.model.ensureStation(s.id, s.name);

    await writeHubFiles(this.paths, registry);
    // The hub's own errors, warnings and reloads go to the service log.
    this.hub = await startHub(this.paths, (line) => {
      if (/\[(ERR|WRN|FTL)\]|Reloaded/.test(line)) this.log.warn(`hub: ${line}`);
    });
    const login = await registry.centreLogin();
    // maxReconnectAttempts -1: the hub is our child; while it restarts we keep trying.
    this.nc = await connect({
      servers: this.hub.clientUrl,
      user: login.user,
      pass: login.password,
      name: 'centre-service',
      maxReconnectAttempts: -1,
    });
    await ensureHubStreams(
      await jetstreamManager(this.nc),
      stations.map((s) => s.id),
    );
    this.js = jetstream(this.nc);
    this.consumer = new DistrictConsumer(this.nc, this.model, this.log);
    await this.consumer.start();
    this.http = await startCentreHttp({
      port: this.opts.httpPort,
      staticDir: this.opts.staticDir,
      queries: new CentreQueries(db),
      exports: new ExportRequests(db, () => this.js),
      log: this.log,
    });
    this.log.info(`centre: page ${this.http.url}, hub leaf port ${String(this.hub.leafPort)}`);
  }

  async dispose(): Promise<void> {
    await this.http?.close();
    await this.consumer?.dispose();
    await this.nc?.drain().catch(() => undefined);
    await this.hub?.stop();
    await this.db?.close();
    this.http = null;
    this.consumer = null;
    this.nc = null;
    this.hub = null;
    this.db = null;
  }
}

/** The built page: beside the bundled service (dist/centre-service → dist/centre), or from the sources. */
export function defaultStaticDir(): string {
  const candidates = [
    path.resolve(import.meta.dirname, '../centre'),
    path.resolve(import.meta.dirname, '../../dist/centre'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[1]!;
}
