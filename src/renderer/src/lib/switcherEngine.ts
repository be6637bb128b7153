import type { SwitcherEntry } from '../../../shared/searchDomain';
import { searchSwitcher } from '../../../shared/quickSwitcher/searchSwitcher';
import { SwitcherIndexBuilder, type SwitcherIndex } from '../../../shared/quickSwitcher/switcherIndex';

/**
 * Where the quick switcher's lunr index lives and is queried: a Web Worker
 * when one can start (building the index never touches the UI thread, and
 * neither does querying it), else the page itself, built in small slices
 * while the page is idle.
 */
export interface SwitcherEngine {
  /** Replace the index with one over `entries`; resolves once it answers searches (false if superseded). */
  load(entries: SwitcherEntry[]): Promise<boolean>;
  /** The best matches, best first (empty until an index is loaded). */
  search(query: string, limit: number): Promise<SwitcherEntry[]>;
  /** Which kind of engine answers (for the status line and tests). */
  readonly where: 'worker' | 'page';
  dispose(): void;
}

/** Messages to the worker. */
export type SwitcherRequest =
  | { type: 'load'; generation: number; entries: SwitcherEntry[] }
  | { type: 'search'; id: number; query: string; limit: number };

/** Messages from the worker. */
export type SwitcherReply =
  | { type: 'ready' }
  | { type: 'loaded'; generation: number; milliseconds: number }
  | { type: 'results'; id: number; entries: SwitcherEntry[] }
  | { type: 'failed'; id: number | null; generation: number | null; message: string };

interface PendingSearch {
  query: string;
  limit: number;
  resolve: (entries: SwitcherEntry[]) => void;
}

/** How long a worker may take to say it started before the page builds the index itself. */
const WORKER_START_TIMEOUT_MS = 10_000;
/** Entries indexed per idle slice when building on the page. */
const SLICE = 400;

/**
 * The engine for this page: the worker if it starts, the page otherwise.
 *
 * The packaged app loads the renderer from a file:// URL, where Chromium may
 * refuse a module worker (file:// pages have an opaque origin), and a strict
 * CSP could refuse it too; then the worker never says `ready` (an `error`
 * event, an exception from the constructor, or silence) and every request so
 * far is replayed on a PageEngine. Nothing is lost but the thread.
 */
export function createSwitcherEngine(): SwitcherEngine {
  return new FallbackEngine();
}

class FallbackEngine implements SwitcherEngine {
  #engine: WorkerEngine | PageEngine;
  #lastEntries: SwitcherEntry[] | null = null;

  constructor() {
    this.#engine = WorkerEngine.start(() => this.#fallBack()) ?? new PageEngine();
  }

  get where(): 'worker' | 'page' {
    return this.#engine.where;
  }

  load(entries: SwitcherEntry[]): Promise<boolean> {
    this.#lastEntries = entries;
    return this.#engine.load(entries);
  }

  search(query: string, limit: number): Promise<SwitcherEntry[]> {
    return this.#engine.search(query, limit);
  }

  dispose(): void {
    this.#engine.dispose();
  }

  /** The worker could not start: answer from the page, replaying its pending work. */
  #fallBack(): PageEngine {
    const failed = this.#engine;
    const page = new PageEngine();
    this.#engine = page;
    if (failed instanceof WorkerEngine) failed.handOver(page, this.#lastEntries);
    return page;
  }
}

class WorkerEngine implements SwitcherEngine {
  readonly where = 'worker' as const;
  readonly #worker: Worker;
  #generation = 0;
  #nextId = 0;
  #started = false;
  #startTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #loads = new Map<number, (loaded: boolean) => void>();
  /** The search the worker is answering (one at a time), and the latest one typed meanwhile. */
  readonly #searches = new Map<number, PendingSearch>();
  #waiting: PendingSearch | null = null;

  private constructor(worker: Worker, onFailure: () => void) {
    this.#worker = worker;
    const fail = (): void => {
      if (this.#started) return;
      clearTimeout(this.#startTimer);
      this.#worker.terminate();
      onFailure();
    };
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
    worker.addEventListener('message', (event: MessageEvent<SwitcherReply>) => this.#receive(event.data));
    this.#startTimer = setTimeout(fail, WORKER_START_TIMEOUT_MS);
  }

  /** A worker engine, or null when the page may not start a worker at all. */
  static start(onFailure: () => void): WorkerEngine | null {
    try {
      // Vite bundles the worker from this exact form (a static URL relative to this module).
      const worker = new Worker(new URL('./quickSwitcher.worker.ts', import.meta.url), { type: 'module' });
      return new WorkerEngine(worker, onFailure);
    } catch {
      return null;
    }
  }

  load(entries: SwitcherEntry[]): Promise<boolean> {
    const generation = ++this.#generation;
    for (const [older, resolve] of this.#loads) {
      if (older < generation) {
        resolve(false);
        this.#loads.delete(older);
      }
    }
    return new Promise((resolve) => {
      this.#loads.set(generation, resolve);
      this.#post({ type: 'load', generation, entries });
    });
  }

  /**
   * Typing fast sends a search per keystroke; one at a time goes to the worker
   * and only the newest of those typed meanwhile follows it (the ones in
   * between answer empty: nobody waits for them any more).
   */
  search(query: string, limit: number): Promise<SwitcherEntry[]> {
    return new Promise((resolve) => {
      const search = { query, limit, resolve };
      if (this.#searches.size === 0) {
        this.#send(search);
      } else {
        this.#waiting?.resolve([]);
        this.#waiting = search;
      }
    });
  }

  dispose(): void {
    clearTimeout(this.#startTimer);
    this.#worker.terminate();
    for (const resolve of this.#loads.values()) resolve(false);
    for (const pending of this.#searches.values()) pending.resolve([]);
    this.#waiting?.resolve([]);
    this.#loads.clear();
    this.#searches.clear();
    this.#waiting = null;
  }

  /** Replay what this engine was asked, on the page engine that replaces it. */
  handOver(page: PageEngine, entries: SwitcherEntry[] | null): void {
    const loads = [...this.#loads.values()];
    this.#loads.clear();
    const loaded = entries ? page.load(entries) : Promise.resolve(false);
    for (const resolve of loads) void loaded.then(resolve);
    const searches = [...this.#searches.values(), ...(this.#waiting ? [this.#waiting] : [])];
    for (const { query, limit, resolve } of searches) {
      void loaded.then(() => page.search(query, limit)).then(resolve);
    }
    this.#searches.clear();
    this.#waiting = null;
  }

  #send(search: PendingSearch): void {
    const id = ++this.#nextId;
    this.#searches.set(id, search);
    this.#post({ type: 'search', id, query: search.query, limit: search.limit });
  }

  /** The worker answered a search: send the one typed meanwhile, if any. */
  #answered(id: number, entries: SwitcherEntry[]): void {
    this.#searches.get(id)?.resolve(entries);
    this.#searches.delete(id);
    const next = this.#waiting;
    this.#waiting = null;
    if (next && this.#searches.size === 0) this.#send(next);
  }

  #post(request: SwitcherRequest): void {
    // Messages posted before the worker runs are queued by the browser, in order.
    this.#worker.postMessage(request);
  }

  #receive(reply: SwitcherReply): void {
    switch (reply.type) {
      case 'ready':
        this.#started = true;
        clearTimeout(this.#startTimer);
        return;
      case 'loaded': {
        this.#loads.get(reply.generation)?.(reply.generation === this.#generation);
        this.#loads.delete(reply.generation);
        return;
      }
      case 'results':
        this.#answered(reply.id, reply.entries);
        return;
      case 'failed': {
        if (reply.generation !== null) {
          this.#loads.get(reply.generation)?.(false);
          this.#loads.delete(reply.generation);
        }
        if (reply.id !== null) this.#answered(reply.id, []);
        console.warn(`Quick switcher: ${reply.message}`);
        return;
      }
    }
  }
}

/**
 * The index built on the page itself, a slice of entries per idle moment so
 * typing and scrolling stay responsive while it builds (lunr's final step,
 * turning the added entries into an index, is one piece of work; it is a
 * fraction of the whole). Searches answer from the previous index until the
 * new one is ready.
 */
class PageEngine implements SwitcherEngine {
  readonly where = 'page' as const;
  #index: SwitcherIndex | null = null;
  #generation = 0;
  #disposed = false;

  async load(entries: SwitcherEntry[]): Promise<boolean> {
    const generation = ++this.#generation;
    const builder = new SwitcherIndexBuilder();
    for (let start = 0; start < entries.length; start += SLICE) {
      await idle();
      if (generation !== this.#generation || this.#disposed) return false;
      builder.add(entries.slice(start, start + SLICE));
    }
    await idle();
    if (generation !== this.#generation || this.#disposed) return false;
    this.#index = builder.build();
    return true;
  }

  async search(query: string, limit: number): Promise<SwitcherEntry[]> {
    return this.#index ? searchSwitcher(this.#index, query, limit).map((match) => match.entry) : [];
  }

  dispose(): void {
    this.#disposed = true;
    this.#index = null;
  }
}

/** Resolves when the page is idle (or soon, where requestIdleCallback is missing). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 250 });
    else setTimeout(resolve, 0);
  });
}
