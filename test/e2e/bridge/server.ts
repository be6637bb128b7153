/**
 * The loopback bridge: stands in for Electron's main process in end-to-end
 * tests. One HTTP server on 127.0.0.1 serves the built renderer (out/renderer)
 * and, on the same origin (the renderer's CSP allows `connect-src 'self'`
 * only), the contract:
 *
 * - `POST /invoke` `{ channel, args }` → `invokeHandler` over the SAME handler
 *   table the app registers on IPC, answering `{ ok: true, result }` or
 *   `{ ok: false, error: { name, message } }`;
 * - `GET /events` → Server-Sent Events, one `{ name, payload }` message per
 *   import-service event (what the shell forwards with `webContents.send`).
 *
 * The page gets `window.policyArchive` from ./browserApi.ts (injected by the
 * test with `page.addInitScript`). Test-only: nothing here ships in src/.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type Database from 'better-sqlite3';
import { openArchive } from '../../../src/main/archive/database';
import { createArchiveReopener } from '../../../src/main/archiveReopen';
import { checkArchive } from '../../../src/main/archive/maintenance/checkArchive';
import { watchArchive } from '../../../src/main/archiveWatcher';
import { createHandlers, invokeHandler, type ConfirmQuestion, type HandlerContext } from '../../../src/main/handlers';
import type { EventName, EventPayloads } from '../../../src/shared/events';
import { createInProcessImportService, type ImportEvent, type ImportService } from '../../../src/main/importService';
import { seedSampleArchiveIfEmpty } from '../../../src/main/sampleArchive';
import { chromiumPrinter } from '../../../src/main/report/pdf/chromiumPrinter';
import type { PdfPrinter } from '../../../src/main/report/pdf/pdfPrinter';

/** Repository root (this file lives in test/e2e/bridge). */
export const repoRoot = resolve(__dirname, '..', '..', '..');

export interface BridgeOptions {
  /** The built renderer to serve; default `out/renderer`. */
  rendererDir?: string;
  /** Samples imported on first launch; default `resources/samples`; null for an empty archive. */
  samplesDir?: string | null;
}

/** A running bridge and the hooks tests use to play the parts of the OS. */
export interface Bridge {
  /** `http://127.0.0.1:<port>/` — open this page. */
  url: string;
  archivePath: string;
  db: Database.Database;
  imports: ImportService;
  /** Every event the import service emitted, in order. */
  events: ImportEvent[];
  /** URLs the renderer asked to open in the system browser. */
  openedUrls: string[];
  /**
   * Requests that reached `/record/…`, from any origin (hostile pages in tests
   * aim their scripts, styles and images there): any entry means archived
   * content made the page fetch something.
   */
  recorded: string[];
  /** Files the renderer saved through the "save as" dialog, in order (the dialog is answered with a temp path). */
  savedFiles: Array<{ path: string; defaultName: string; text: string }>;
  /** Reports the renderer exported through the "save as" dialog, in order (written into the bridge's temp folder). */
  savedReports: Array<{ path: string; defaultName: string; format: 'pdf' | 'html' | 'markdown'; bytes: Buffer }>;
  /** What the next "Import files…" / "Import folder…" dialog returns (default: cancelled, `[]`). */
  setImportPaths(paths: string[]): void;
  /**
   * What the "Back up the archive" save dialog answers: a path, or null for
   * cancelled. Default: the suggested name in the bridge's temp folder.
   */
  setBackupTarget(path: string | null): void;
  /** What the "Restore from a backup" open dialog answers (default: cancelled, null). */
  setRestoreFile(path: string | null): void;
  /** How the next confirmation question is answered (default: yes). */
  setConfirmAnswer(answer: boolean): void;
  /**
   * Hold the next "Check archive" until the returned function is called (the app runs checks in a
   * worker; a held one shows what the window does while a long check runs).
   */
  holdNextCheck(): () => void;
  /** Confirmation questions main asked, in order. */
  questions: ConfirmQuestion[];
  /** The bridge's temp folder (backups land here by default). */
  tempDir: string;
  /** Whether the first-launch sample import was started. */
  seeded(): boolean;
  /**
   * Push an event to the page as the shell does with `webContents.send`: a menu
   * command (`app:command`), or import events a test stages itself.
   */
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  /** Resolves when no import is queued or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const MAX_BODY_BYTES = 1024 * 1024;

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function serveFile(rendererDir: string, pathname: string, response: ServerResponse): void {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = resolve(rendererDir, `.${relative}`);
  if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

/**
 * Start a bridge over a new archive in a temporary folder, like the app's first
 * launch. The sample import starts when the page first subscribes to events: in
 * the app it starts as the window opens and runs in a worker that takes a
 * moment to spin up; here it runs in-process and could otherwise finish before
 * the page is listening, so the test could never see its progress.
 */
export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const rendererDir = resolve(options.rendererDir ?? join(repoRoot, 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the built renderer is missing (${rendererDir}): run \`npm run build\` first`);
  }
  const samplesDir = options.samplesDir === undefined ? join(repoRoot, 'resources', 'samples') : options.samplesDir;

  const tempDir = mkdtempSync(join(tmpdir(), 'pae-e2e-'));
  const archivePath = join(tempDir, 'archive.sqlite');
  const db = openArchive(archivePath);
  // Replaced when a restore reopens the archive (in-process imports use the connection they were given).
  let imports = createInProcessImportService(db);
  const events: ImportEvent[] = [];
  const openedUrls: string[] = [];
  const recorded: string[] = [];
  const savedFiles: Bridge['savedFiles'] = [];
  const savedReports: Bridge['savedReports'] = [];
  // Started on the first PDF export (most tests never print) and closed with the bridge.
  let printer: PdfPrinter | null = null;
  let importPaths: string[] = [];
  let backupTarget: string | null | undefined;
  let restoreFile: string | null = null;
  let confirmAnswer = true;
  let checkHold: Promise<void> | null = null;
  const questions: ConfirmQuestion[] = [];
  let seeded = false;
  let seedChecked = false;

  const context: HandlerContext = {
    db,
    archivePath,
    imports,
    chooseImportPaths: async () => importPaths,
    openExternal: async (url) => {
      openedUrls.push(url);
    },
    saveText: async ({ defaultName, text }) => {
      // Plays the save dialog: the user accepts the suggested name in the bridge's temp folder.
      const path = join(tempDir, `saved-${savedFiles.length + 1}-${defaultName}`);
      writeFileSync(path, text, 'utf8');
      savedFiles.push({ path, defaultName, text });
      return path;
    },
    appVersion: 'e2e',
    pdfPrinter: () => (printer ??= chromiumPrinter()),
    saveReport: async ({ defaultName, bytes, format }) => {
      const path = join(tempDir, `report-${savedReports.length + 1}-${defaultName}`);
      writeFileSync(path, bytes);
      savedReports.push({ path, defaultName, format, bytes });
      return path;
    },
    // Archive maintenance: the dialogs are played by the test (setBackupTarget, setRestoreFile, setConfirmAnswer).
    chooseBackupTarget: async (defaultName) => (backupTarget === undefined ? join(tempDir, defaultName) : backupTarget),
    chooseRestoreFile: async () => restoreFile,
    confirm: async (question) => {
      questions.push(question);
      return confirmAnswer;
    },
    emit: (name, payload) => broadcast(name, payload),
    // Like the app's worker: asynchronous, on the archive as it is when the check starts running.
    runCheck: async ({ repair }) => {
      const hold = checkHold;
      checkHold = null;
      if (hold) await hold;
      return checkArchive(context.db, { repair, archivePath });
    },
  };
  context.reopenArchive = createArchiveReopener(
    context,
    () => openArchive(archivePath),
    (reopened) => {
      stopForwarding();
      imports = createInProcessImportService(reopened);
      context.imports = imports;
      stopForwarding = forwardEvents();
    },
  );
  const handlers = createHandlers(context);

  const clients = new Set<ServerResponse>();
  const broadcast = (name: EventName, payload: unknown): void => {
    const message = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of clients) client.write(message);
  };
  const forwardEvents = () =>
    imports.onEvent((event) => {
      events.push(event);
      broadcast(event.name, event.payload);
    });
  let stopForwarding = forwardEvents();
  // As the app does (src/main/index.ts): what another connection commits (the CLI) is announced.
  const watcher = watchArchive({
    db: () => context.db,
    onChange: () => broadcast('archive:changed', null),
    intervalMs: 200,
  });

  let origin = '';
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/record/')) {
      // Before the origin check: a sandboxed frame's requests come from an opaque origin.
      recorded.push(url.pathname + url.search);
      response.writeHead(204).end();
      return;
    }
    // Only the page this bridge serves may talk to it (no other local page or rebound host name).
    if (request.headers.host !== url.host || (request.headers.origin && request.headers.origin !== origin)) {
      send(response, 403, { ok: false, error: { name: 'Forbidden', message: 'foreign origin' } });
      return;
    }
    if (url.pathname === '/invoke' && request.method === 'POST') {
      void handleInvoke(request, response);
    } else if (url.pathname === '/events' && request.method === 'GET') {
      openEventStream(request, response);
    } else if (url.pathname === '/favicon.ico') {
      // Chromium asks every http page for one; Electron's file:// window never does.
      response.writeHead(204).end();
    } else if (request.method === 'GET') {
      serveFile(rendererDir, url.pathname, response);
    } else {
      send(response, 405, { ok: false, error: { name: 'MethodNotAllowed', message: request.method ?? '' } });
    }
  });

  async function handleInvoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let message: { channel?: unknown; args?: unknown };
    try {
      message = JSON.parse(await readBody(request)) as { channel?: unknown; args?: unknown };
    } catch (error) {
      send(response, 400, { ok: false, error: { name: 'BadRequest', message: String(error) } });
      return;
    }
    try {
      const args = Array.isArray(message.args) ? (message.args as unknown[]) : [];
      const result = await invokeHandler(handlers, message.channel, args);
      send(response, 200, { ok: true, result });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      send(response, 200, { ok: false, error: { name: failure.name, message: failure.message } });
    }
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    clients.add(response);
    request.on('close', () => clients.delete(response));
    if (!seedChecked && samplesDir !== null) {
      seedChecked = true;
      seeded = seedSampleArchiveIfEmpty(context.db, imports, samplesDir);
    }
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    archivePath,
    get db() {
      return context.db;
    },
    get imports() {
      return imports;
    },
    events,
    openedUrls,
    recorded,
    savedFiles,
    savedReports,
    setImportPaths(paths) {
      importPaths = [...paths];
    },
    setBackupTarget(path) {
      backupTarget = path;
    },
    setRestoreFile(path) {
      restoreFile = path;
    },
    holdNextCheck() {
      let release!: () => void;
      checkHold = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    setConfirmAnswer(answer) {
      confirmAnswer = answer;
    },
    questions,
    tempDir,
    seeded: () => seeded,
    emit: (name, payload) => broadcast(name, payload),
    idle: () => imports.idle(),
    async close() {
      for (const client of clients) client.end();
      clients.clear();
      stopForwarding();
      watcher.stop();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      await imports.idle();
      await printer?.close();
      if (context.db.open) context.db.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
