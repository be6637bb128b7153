/**
 * A minimal stand-in for Electron's BrowserWindow, webContents and session
 * (its binary cannot run here), recording what the shell sets up. Tests load
 * it inside `vi.hoisted` (`await import('./fakeElectronWindow')`) so their
 * `vi.mock('electron')` factory can use it.
 */

export type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

export class FakeSession {
  requestHandler: Listener | null = null;
  checkHandler: Listener | null = null;
  deviceHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.deviceHandler = handler;
  }
}

export class FakeWebContents extends Emitter {
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  async printToPDF(): Promise<Buffer> {
    return Buffer.from('%PDF-1.4');
  }
}

export class FakeBrowserWindow extends Emitter {
  /** Every window created since the test last emptied this list. */
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  shown = false;
  maximized = false;
  destroyed = false;
  loadedUrl: string | null = null;
  loadedFile: string | null = null;
  bounds = { x: 40, y: 30, width: 1000, height: 700 };
  constructor(public options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}
