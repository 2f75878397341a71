// A small, faithful stand-in for the `electron` module, for tests of the shell
// where Electron's binary cannot run. It keeps Electron's shapes and orders
// where the shell relies on them: app.whenReady() resolves once ready() is
// called, quit() emits 'before-quit' (cancellable) before anything ends,
// ipcMain.handle() refuses a second handler for a channel, a new BrowserWindow
// emits 'web-contents-created' on app, loadURL() emits 'will-navigate'-free
// loads, webContents.send() reaches the preload's ipcRenderer of that contents,
// and net.fetch() reads file:// URLs. Use with
//   vi.mock('electron', async () => (await import('./testing/fake-electron')).electronModule);
// and call resetElectron() before each test.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Electron's Event: preventDefault() cancels what the event announces. */
export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Ordered record of what the shell did, for start-up order checks. */
export const timeline: string[] = [];

type WindowOpenResponse = { action: 'allow' | 'deny'; overrideBrowserWindowOptions?: unknown };
type WindowOpenHandler = (details: { url: string }) => WindowOpenResponse;

let nextContentsId = 1;
const allContents = new Set<FakeWebContents>();

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  private url = '';
  private destroyed = false;
  /** What main sent to this page: [channel, ...args]. */
  readonly sent: unknown[][] = [];
  reloads = 0;
  crashes = 0;
  windowOpenHandler: WindowOpenHandler | null = null;

  constructor() {
    super();
    allContents.add(this);
  }

  loadURL(url: string): Promise<void> {
    timeline.push(`loadURL ${url}`);
    this.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    allContents.delete(this);
    this.emit('destroyed');
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
    if (ipcRendererState.contents === this) ipcRenderer.deliver(channel, ...args);
  }
  reload(): void {
    this.reloads++;
  }
  /** As in Electron: the renderer process ends and 'render-process-gone' follows, asynchronously. */
  forcefullyCrashRenderer(): void {
    this.crashes++;
    setImmediate(() =>
      this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 }),
    );
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** The page asks to navigate; returns whether the shell let it. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeEvent();
    this.emit(kind, event, url);
    if (!event.defaultPrevented) this.url = url;
    return !event.defaultPrevented;
  }
  /** The page calls window.open(url); returns the handler's answer (Electron allows without one). */
  openWindow(url: string): WindowOpenResponse {
    return this.windowOpenHandler?.({ url }) ?? { action: 'allow' };
  }
  /** The page asks to attach a <webview>; returns whether the shell let it. */
  attachWebview(): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  focused = 0;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    timeline.push('new BrowserWindow');
    FakeBrowserWindow.all.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
  maximize(): void {}
  show(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The officer closes the window. */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    const i = FakeBrowserWindow.all.indexOf(this);
    if (i >= 0) FakeBrowserWindow.all.splice(i, 1);
    if (FakeBrowserWindow.all.length === 0) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** What requestSingleInstanceLock() answers: false plays the second instance. */
  gotLock = true;
  quitCalls = 0;
  exitCode: number | null = null;
  /** Chromium switches the shell set; as in Electron, only those set before ready count. */
  readonly switches = new Map<string, string>();
  readonly commandLine = {
    appendSwitch: (name: string, value = ''): void => {
      if (timeline.includes('ready')) throw new Error(`switch --${name} set after app is ready`);
      this.switches.set(name, value);
    },
  };
  private readyResolve: () => void = () => undefined;
  private readyPromise: Promise<void> = new Promise((r) => (this.readyResolve = r));
  private exitResolve: (code: number) => void = () => undefined;
  /** Resolves with the code app.exit() was called with. */
  exited: Promise<number> = new Promise((r) => (this.exitResolve = r));

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.gotLock = true;
    this.quitCalls = 0;
    this.exitCode = null;
    this.switches.clear();
    this.readyPromise = new Promise((r) => (this.readyResolve = r));
    this.exited = new Promise((r) => (this.exitResolve = r));
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Electron finished initialising. */
  ready(): void {
    timeline.push('ready');
    this.emit('ready');
    this.readyResolve();
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  quit(): void {
    this.quitCalls++;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of [...FakeBrowserWindow.all]) w.close();
    this.emit('will-quit', new FakeEvent());
    this.exit(0);
  }
  exit(code = 0): void {
    if (this.exitCode !== null) return;
    this.exitCode = code;
    timeline.push(`exit ${code}`);
    this.exitResolve(code);
  }
  getPath(name: string): string {
    return path.join(tmpdir(), 'fake-electron', name);
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Trực ban Camera';
  }
}
export const app = new FakeApp();

// Invoke handlers run with an event that names the sender frame, as Electron's do.
type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
export interface FakeInvokeEvent {
  sender: FakeWebContents;
  senderFrame: { url: string } | null;
}

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    timeline.push(`ipcMain.handle ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** A page's ipcRenderer.invoke(): rejects as Electron does when no handler is registered. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron sends replies through structured clone.
    return structuredClone(await handler(event, ...args));
  }
}
export const ipcMain = new FakeIpcMain();

/** Which web contents (and frame URL) the preload under test runs in. */
const ipcRendererState: { contents: FakeWebContents | null; frameUrl: string } = {
  contents: null,
  frameUrl: '',
};

class FakeIpcRenderer {
  private readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  /** Binds the preload to a page: its invokes come from `contents` at `frameUrl`. */
  attach(contents: FakeWebContents, frameUrl: string): void {
    ipcRendererState.contents = contents;
    ipcRendererState.frameUrl = frameUrl;
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const contents = ipcRendererState.contents;
    if (!contents) return Promise.reject(new Error('fake ipcRenderer is not attached to a page'));
    return ipcMain.invoke(
      channel,
      { sender: contents, senderFrame: { url: ipcRendererState.frameUrl } },
      ...structuredClone(args),
    );
  }
  deliver(channel: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(channel) ?? [])]) l({}, ...structuredClone(args));
  }
  channelsListened(): string[] {
    return [...this.listeners.keys()];
  }
  reset(): void {
    this.listeners.clear();
    ipcRendererState.contents = null;
    ipcRendererState.frameUrl = '';
  }
}
export const ipcRenderer = new FakeIpcRenderer();

class FakeContextBridge {
  /** What the preload put on window. */
  readonly mainWorld = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.mainWorld.has(key))
      throw new Error(
        `Cannot bind an API on top of an existing property on the window object: ${key}`,
      );
    this.mainWorld.set(key, api);
  }
}
export const contextBridge = new FakeContextBridge();

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;

class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  /** A response arrives: the headers the page will see (Electron's default passes them on). */
  respond(
    url: string,
    responseHeaders: Record<string, string[]>,
  ): Promise<Record<string, string[]>> {
    const listener = this.headersListener;
    if (!listener) return Promise.resolve(responseHeaders);
    return new Promise((resolve) =>
      listener({ url, responseHeaders }, (r) => resolve(r.responseHeaders ?? responseHeaders)),
    );
  }
  /** A page asks for a permission; resolves with whether it was granted (Electron grants without a handler). */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve));
  }
  reset(): void {
    this.headersListener = null;
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }
}
export const session = { defaultSession: new FakeSession() };

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
class FakeProtocol {
  readonly privileged: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>,
  ): void {
    if (timeline.includes('ready'))
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }
  /** The page requests `url`; Electron answers from the scheme's handler. */
  async request(url: string): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url));
  }
  reset(): void {
    this.privileged.length = 0;
    this.handlers.clear();
  }
}
export const protocol = new FakeProtocol();

/** Electron's net.fetch reads file:// URLs; Node's fetch does not, so this one does. */
export const net = {
  async fetch(url: string): Promise<Response> {
    if (!url.startsWith('file:')) return fetch(url);
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  },
};

class FakeDialog {
  readonly errorBoxes: Array<{ title: string; content: string }> = [];
  openDialogResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] };
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  openDialogCalls = 0;
  showOpenDialog(..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.openDialogCalls++;
    return Promise.resolve(this.openDialogResult);
  }
  reset(): void {
    this.errorBoxes.length = 0;
    this.openDialogCalls = 0;
    this.openDialogResult = { canceled: true, filePaths: [] };
  }
}
export const dialog = new FakeDialog();

class FakePowerSaveBlocker {
  private next = 1;
  readonly started = new Map<number, string>();
  start(type: string): number {
    const id = this.next++;
    this.started.set(id, type);
    return id;
  }
  isStarted(id: number): boolean {
    return this.started.has(id);
  }
  stop(id: number): void {
    this.started.delete(id);
  }
  reset(): void {
    this.started.clear();
  }
}
export const powerSaveBlocker = new FakePowerSaveBlocker();

export const webContents = {
  getAllWebContents: (): FakeWebContents[] => [...allContents],
};

// Electron's own export names, for a bundle that requires this module as 'electron'.
export { FakeBrowserWindow as BrowserWindow };

/** Puts every fake back to a fresh process's state. */
export function resetElectron(): void {
  timeline.length = 0;
  app.reset();
  ipcMain.handlers.clear();
  ipcRenderer.reset();
  contextBridge.mainWorld.clear();
  session.defaultSession.reset();
  protocol.reset();
  dialog.reset();
  powerSaveBlocker.reset();
  for (const c of [...allContents]) c.destroy();
  FakeBrowserWindow.all.length = 0;
}

/** The module object for vi.mock('electron', …). */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  net,
  powerSaveBlocker,
  protocol,
  session,
  webContents,
};
