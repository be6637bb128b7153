import type { LibraryVendor, MergeResult, TagCount } from '../../../shared/libraryDomain';
import { SvelteSet } from 'svelte/reactivity';
import { api } from './api';
import type { ArchiveState } from './archiveState.svelte';
import { errorMessage } from './errorMessage';
import { isEmptyFilter, matchesLibraryFilter, parseLibraryFilter, toggleTagInFilter } from './libraryFilter';
import { libraryRows } from './libraryRows';
import { isLibrarySort, sortVendors, type LibrarySort } from './librarySort';
import { LatestRequest } from './latestRequest';

/** Where the chosen sort is remembered between sessions. */
const SORT_STORAGE_KEY = 'policy-archive.library-sort';

/** A dialog of the library: which one, for which vendor. */
export type LibraryDialog = { kind: 'rename' | 'merge' | 'tags'; vendorId: number };

/** The outcome of an edit: what the archive answered, or why it refused. */
export type EditOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The library sidebar: the vendors of `ArchiveState` filtered (`tag:` terms
 * included), sorted and flattened into rows with the expanded vendors'
 * documents; the tags in use; the open dialog; and the edits (rename, merge,
 * vendor tags). After an edit that changes names or vendors, `onchanged`
 * lets the rest of the app (timeline, search results, quick switcher) reload.
 */
export class LibraryState {
  filter = $state('');
  sort = $state<LibrarySort>('name');
  readonly expanded = new SvelteSet<number>();
  /** Every tag in the archive, with how often it is used. */
  tags = $state.raw<TagCount[]>([]);
  dialog = $state.raw<LibraryDialog | null>(null);

  readonly #archive: ArchiveState;
  readonly #onchanged: () => Promise<void> | void;
  readonly #storage: Storage | null;
  #tagsRequest = new LatestRequest();

  constructor(
    archive: ArchiveState,
    onchanged: () => Promise<void> | void,
    storage: Storage | null = browserStorage(),
  ) {
    this.#archive = archive;
    this.#onchanged = onchanged;
    this.#storage = storage;
    const stored = this.#read(SORT_STORAGE_KEY);
    if (isLibrarySort(stored)) this.sort = stored;
  }

  parsedFilter = $derived(parseLibraryFilter(this.filter));
  sortedVendors = $derived.by(() => sortVendors(this.#archive.vendors, this.sort));
  /** The vendors the filter keeps, in the chosen order. */
  shownVendors = $derived.by(() => {
    const filter = this.parsedFilter;
    if (isEmptyFilter(filter)) return this.sortedVendors;
    return this.sortedVendors.filter((vendor) => matchesLibraryFilter(vendor, filter));
  });
  rows = $derived(libraryRows(this.shownVendors, this.expanded));
  /** Tags given to vendors, most used first: the chips that filter the list. */
  vendorTags = $derived(
    this.tags
      .filter((tag) => tag.vendorCount > 0)
      .sort((a, b) => b.vendorCount - a.vendorCount || a.name.localeCompare(b.name)),
  );
  /** The vendor the open dialog is about (null when it has gone, merged away for example). */
  dialogVendor = $derived.by(() => {
    const dialog = this.dialog;
    return dialog ? (this.#archive.vendors.find((vendor) => vendor.id === dialog.vendorId) ?? null) : null;
  });

  vendorById(vendorId: number): LibraryVendor | null {
    return this.#archive.vendors.find((vendor) => vendor.id === vendorId) ?? null;
  }

  setSort(sort: LibrarySort): void {
    this.sort = sort;
    try {
      this.#storage?.setItem(SORT_STORAGE_KEY, sort);
    } catch {
      // Storage full or blocked: the sort simply is not remembered.
    }
  }

  /** A tag chip: add `tag:x` to the filter, or take it out. */
  toggleTag(tag: string): void {
    this.filter = toggleTagInFilter(this.filter, tag);
  }

  toggleExpanded(vendorId: number): void {
    if (this.expanded.has(vendorId)) this.expanded.delete(vendorId);
    else this.expanded.add(vendorId);
  }

  setExpanded(vendorId: number, open: boolean): void {
    if (open) this.expanded.add(vendorId);
    else this.expanded.delete(vendorId);
  }

  openDialog(kind: LibraryDialog['kind'], vendorId: number): void {
    this.dialog = { kind, vendorId };
    if (kind !== 'rename') void this.loadTags();
  }

  closeDialog(): void {
    this.dialog = null;
  }

  /** Read the tags in use (for the chips and the editors' suggestions). */
  async loadTags(): Promise<void> {
    const isLatest = this.#tagsRequest.begin();
    try {
      const tags = await api.tags.list();
      if (isLatest()) this.tags = tags;
    } catch (error) {
      if (isLatest()) this.#archive.error = `Could not load the tags: ${errorMessage(error)}`;
    }
  }

  /** Load the tags now and after every import; returns the unsubscribe function (an `$effect` cleanup). */
  connect(): () => void {
    void this.loadTags();
    return api.on('archive:changed', () => void this.loadTags());
  }

  /** Rename a vendor; the sidebar, timeline, reader and search results show the new name. */
  async rename(vendorId: number, name: string): Promise<EditOutcome<string>> {
    try {
      const vendor = await api.vendors.rename(vendorId, name.trim());
      await this.#onchanged();
      return { ok: true, value: vendor.displayName };
    } catch (error) {
      return { ok: false, error: `Could not rename the vendor: ${errorMessage(error)}` };
    }
  }

  /** Merge vendors into `targetId` (their documents and captures move; they are removed), then show the target. */
  async merge(targetId: number, sourceIds: number[]): Promise<EditOutcome<MergeResult>> {
    try {
      const result = await api.vendors.merge({ targetId, sourceIds });
      for (const id of sourceIds) this.expanded.delete(id);
      await this.#onchanged();
      void this.loadTags();
      if (this.#archive.selectedVendorId !== targetId) void this.#archive.selectVendor(targetId);
      return { ok: true, value: result };
    } catch (error) {
      return { ok: false, error: `Could not merge the vendors: ${errorMessage(error)}` };
    }
  }

  /** Replace a vendor's tags; answers the tags as stored. */
  async setVendorTags(vendorId: number, tags: string[]): Promise<EditOutcome<string[]>> {
    try {
      const stored = await api.vendors.setTags(vendorId, tags);
      await Promise.all([this.#archive.loadVendors(), this.loadTags()]);
      return { ok: true, value: stored };
    } catch (error) {
      return { ok: false, error: `Could not save the tags: ${errorMessage(error)}` };
    }
  }

  #read(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }
}
