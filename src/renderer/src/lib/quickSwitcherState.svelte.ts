import type { SwitcherEntry } from '../../../shared/searchDomain';
import { api } from './api';
import type { ArchiveState } from './archiveState.svelte';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';
import { createSwitcherEngine, type SwitcherEngine } from './switcherEngine';

/** Matches listed at most. */
export const SWITCHER_LIMIT = 50;

/**
 * - `preparing`: the first index is being built (the palette opens and says so);
 * - `ready`: searches are answered (`updating` is true while a newer index builds after an import);
 * - `failed`: the entries could not be read from the archive.
 */
export type SwitcherStatus = 'preparing' | 'ready' | 'failed';

/**
 * The quick switcher (Ctrl/Cmd+K): whether the palette is open, what was
 * typed, the matches and the highlighted one. The index is built from
 * `api.switcher.entries()` when the app connects and again after every
 * import, by a SwitcherEngine (a Web Worker where possible), so the UI never
 * waits for it. `onchoose` is told which entry the user picked.
 */
export class QuickSwitcherState {
  isOpen = $state(false);
  query = $state('');
  results = $state.raw<SwitcherEntry[]>([]);
  activeIndex = $state(0);
  status = $state<SwitcherStatus>('preparing');
  updating = $state(false);
  /** A search is on its way (the status says so rather than "nothing matches"). */
  searching = $state(false);
  /** Entries in the index (vendors, documents, headings). */
  entryCount = $state(0);
  error = $state<string | null>(null);

  active = $derived(this.results[this.activeIndex] ?? null);

  readonly #onchoose: (entry: SwitcherEntry) => void;
  readonly #createEngine: () => SwitcherEngine;
  #engine: SwitcherEngine | null = null;
  #loadRequest = new LatestRequest();
  #searchRequest = new LatestRequest();

  constructor(onchoose: (entry: SwitcherEntry) => void, createEngine: () => SwitcherEngine = createSwitcherEngine) {
    this.#onchoose = onchoose;
    this.#createEngine = createEngine;
  }

  /** Build the index now and after every import; returns the cleanup (an `$effect` teardown). */
  connect(): () => void {
    this.#engine = this.#createEngine();
    void this.reload();
    const offChanged = api.on('archive:changed', () => void this.reload());
    return () => {
      offChanged();
      this.#loadRequest.invalidate();
      this.#searchRequest.invalidate();
      this.#engine?.dispose();
      this.#engine = null;
    };
  }

  /** Read the entries from the archive and (re)build the index; searches keep answering meanwhile. */
  async reload(): Promise<void> {
    const engine = this.#engine;
    if (!engine) return;
    const isLatest = this.#loadRequest.begin();
    this.updating = true;
    try {
      const entries = await api.switcher.entries();
      if (!isLatest()) return;
      const loaded = await engine.load(entries);
      if (!isLatest() || !loaded) return;
      this.entryCount = entries.length;
      this.status = 'ready';
      this.error = null;
      if (this.isOpen) void this.#search();
    } catch (error) {
      if (!isLatest()) return;
      this.error = `Could not prepare the quick switcher: ${errorMessage(error)}`;
      if (this.status === 'preparing') this.status = 'failed';
    } finally {
      if (isLatest()) this.updating = false;
    }
  }

  /** Open the palette (again: keep what was typed, as editors do). */
  show(): void {
    this.isOpen = true;
    void this.#search();
  }

  hide(): void {
    this.isOpen = false;
  }

  /** The user typed. */
  input(query: string): void {
    this.query = query;
    void this.#search();
  }

  /** Move the highlight by `delta` rows, wrapping around the list. */
  move(delta: number): void {
    const count = this.results.length;
    if (count === 0) return;
    this.activeIndex = (((this.activeIndex + delta) % count) + count) % count;
  }

  /** Open an entry (the highlighted one by default) and close the palette. */
  choose(entry: SwitcherEntry | null = this.active): void {
    if (!entry) return;
    this.hide();
    this.#onchoose(entry);
  }

  async #search(): Promise<void> {
    const engine = this.#engine;
    const isLatest = this.#searchRequest.begin();
    if (!engine || this.query.trim() === '') {
      this.results = [];
      this.activeIndex = 0;
      this.searching = false;
      return;
    }
    this.searching = true;
    const results = await engine.search(this.query, SWITCHER_LIMIT);
    if (!isLatest()) return;
    this.results = results;
    this.activeIndex = 0;
    this.searching = false;
  }
}

/**
 * Go where a switcher entry points: a vendor's timeline; a document's newest
 * version (beside its vendor's timeline, scrolled to the document); a
 * heading's place in its document's newest version.
 */
export async function openSwitcherEntry(archive: ArchiveState, entry: SwitcherEntry): Promise<void> {
  if (entry.kind === 'vendor' || entry.snapshotId === null) {
    await archive.selectVendor(entry.vendorId);
    return;
  }
  if (entry.kind === 'document') {
    await archive.selectVendor(entry.vendorId);
    await archive.openSnapshot(entry.snapshotId);
    globalThis.document?.getElementById(`document-${entry.documentId}`)?.scrollIntoView({ block: 'nearest' });
    return;
  }
  await archive.openSnapshot(entry.snapshotId, { position: entry.position ?? undefined });
}
