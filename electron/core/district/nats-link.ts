// The station's end of the district link: its leaf node (a supervised
// nats-server child), the station service's connection to it, the outbox
// publisher and the request inbox. The district service starts and stops it
// and knows nothing of NATS.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { DistrictStatus, ExportRequest, StationCredentials } from '../../contract/district';
import { leafNodeConfig } from './leaf-config';
import { leafLinkStateOf, type LeafLinkState } from './leaf-link-state';
import { findNatsServer, startNatsServer, type NatsServerProcess } from './nats-server-process';
import { OutboxPublisher, type PublisherSource } from './outbox-publisher';
import { RequestInbox } from './request-inbox';

export interface LinkStartConfig {
  stationId: string;
  credentials: StationCredentials;
  dataDir: string;
}

export interface NatsLinkDeps {
  source: PublisherSource;
  resourcesPath?: string;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

const RESTART_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export class NatsLink {
  private server: NatsServerProcess | null = null;
  private nc: NatsConnection | null = null;
  private publisher: OutboxPublisher | null = null;
  private inbox: RequestInbox | null = null;
  private requestHandler: ((req: ExportRequest) => Promise<void>) | null = null;
  private current: { link: DistrictStatus['link']; problem: string | null } = {
    link: 'off',
    problem: null,
  };
  private running: LinkStartConfig | null = null;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly stateListeners: (() => void)[] = [];

  constructor(private readonly deps: NatsLinkDeps) {}

  onRequest(cb: (req: ExportRequest) => Promise<void>): void {
    this.requestHandler = cb;
  }

  onState(cb: () => void): void {
    this.stateListeners.push(cb);
  }

  state(): { link: DistrictStatus['link']; problem: string | null } {
    // The leaf may be linked while publishing into it fails (a restored database, say).
    const publishing = this.publisher?.state().error ?? null;
    return publishing && this.current.link !== 'off'
      ? { link: this.current.link, problem: publishing }
      : this.current;
  }

  /** The newest outbox seq the leaf stream acknowledged in this run. */
  lastPublishedSeq(): number {
    return this.publisher?.state().lastPublishedSeq ?? 0;
  }

  /** The leaf node's loopback client URL while it runs (diagnostics and tests). */
  localClientUrl(): string | null {
    return this.server?.clientUrl ?? null;
  }

  nudge(): void {
    this.publisher?.nudge();
  }

  async start(cfg: LinkStartConfig): Promise<void> {
    await this.stop();
    this.running = cfg;
    this.restarts = 0;
    await this.launch(cfg);
  }

  async stop(): Promise<void> {
    this.running = null;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    await this.teardown();
    this.setState({ link: 'off', problem: null });
  }

  private async launch(cfg: LinkStartConfig): Promise<void> {
    this.setState({ link: 'starting', problem: null });
    try {
      const dir = path.join(cfg.dataDir, 'district');
      await mkdir(dir, { recursive: true });
      const caFile = path.join(dir, 'centre-ca.pem');
      await writeFile(caFile, cfg.credentials.caPem);
      const localUser = 'station';
      const localPassword = randomBytes(18).toString('base64url');
      const configFile = path.join(dir, 'leaf.conf');
      // The config holds the station's hub password: readable by the service account only.
      await writeFile(
        configFile,
        leafNodeConfig({
          credentials: cfg.credentials,
          caFile,
          storeDir: path.join(dir, 'jetstream'),
          localUser,
          localPassword,
        }),
        { mode: 0o600 },
      );
      await chmod(configFile, 0o600);
      const binary = findNatsServer({ resourcesPath: this.deps.resourcesPath });
      const server = await startNatsServer({
        binary,
        configFile,
        name: `st-${cfg.stationId}`,
        onLog: (line) => this.onLeafLog(line),
      });
      this.server = server;
      // Still linking unless the log already told us the leaf connection is up.
      if (this.current.link === 'starting') this.setState({ link: 'linking', problem: null });
      void server.exited.then((code) => this.onLeafExit(cfg, server, code));
      const nc = await connect({
        servers: server.clientUrl,
        user: localUser,
        pass: localPassword,
        name: 'station-service',
        maxReconnectAttempts: -1,
      });
      this.nc = nc;
      this.publisher = new OutboxPublisher({
        stationId: cfg.stationId,
        nc,
        source: this.deps.source,
        log: this.deps.log,
      });
      this.publisher.start();
      this.inbox = new RequestInbox({
        stationId: cfg.stationId,
        nc,
        log: this.deps.log,
        onRequest: (req) =>
          this.requestHandler ? this.requestHandler(req) : Promise.reject(new Error('no handler')),
      });
      this.inbox.start();
    } catch (err) {
      this.deps.log?.('district link did not start', { error: String(err) });
      await this.teardown();
      this.setState({
        link: 'failed',
        problem: err instanceof Error ? err.message : String(err),
      });
      this.scheduleRestart(cfg);
    }
  }

  private onLeafLog(line: string): void {
    if (/\[(ERR|WRN)\]/.test(line)) this.deps.log?.('district leaf node', { line });
    const next: LeafLinkState | null = leafLinkStateOf(line);
    if (!next) return;
    // A refused login is followed by "connection closed"; keep saying why until it links.
    if (this.current.link === 'failed' && next.link === 'linking') return;
    this.setState(next);
  }

  private onLeafExit(cfg: LinkStartConfig, server: NatsServerProcess, code: number | null): void {
    // Only an exit nobody asked for: teardown() clears this.server before it stops one.
    if (this.running !== cfg || this.server !== server) return;
    this.deps.log?.('district leaf node exited', { code });
    void this.teardown().then(() => {
      this.setState({
        link: 'failed',
        problem: `Máy chủ liên kết của trạm dừng bất ngờ (mã ${String(code)}); đang khởi động lại. / The leaf node stopped; restarting.`,
      });
      this.scheduleRestart(cfg);
    });
  }

  private scheduleRestart(cfg: LinkStartConfig): void {
    if (this.running !== cfg) return;
    const wait = RESTART_BACKOFF_MS[Math.min(this.restarts, RESTART_BACKOFF_MS.length - 1)];
    this.restarts += 1;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.running === cfg) void this.launch(cfg);
    }, wait);
  }

  private async teardown(): Promise<void> {
    const { publisher, inbox, nc, server } = this;
    this.publisher = null;
    this.inbox = null;
    this.nc = null;
    this.server = null;
    await publisher?.stop().catch(() => undefined);
    await inbox?.stop().catch(() => undefined);
    await nc?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }

  private setState(next: { link: DistrictStatus['link']; problem: string | null }): void {
    if (next.link === this.current.link && next.problem === this.current.problem) return;
    this.current = next;
    for (const cb of this.stateListeners) cb();
  }
}
