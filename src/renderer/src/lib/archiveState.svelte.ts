import type {
  DiffResult,
  SnapshotDetail,
  SnapshotSummary,
  VendorSummary,
  VendorTimeline,
} from '../../../shared/domain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';

/** How many vendors the list renders at once; a filter narrows larger archives. */
export const VENDOR_LIST_LIMIT = 400;

export type CompareSlot = 'a' | 'b';

/**
 * What the user is looking at: the vendor list, the selected vendor's
 * timeline, the open snapshot, and the two snapshots chosen for comparison.
 * Components read these fields and call the methods; all archive access goes
 * through `api`.
 */
export class ArchiveState {
  vendors = $state.raw<VendorSummary[]>([]);
  vendorsLoaded = $state(false);
  vendorFilter = $state('');
  selectedVendorId = $state<number | null>(null);
  timeline = $state.raw<VendorTimeline | null>(null);
  snapshot = $state.raw<SnapshotDetail | null>(null);
  compareA = $state.raw<SnapshotSummary | null>(null);
  compareB = $state.raw<SnapshotSummary | null>(null);
  diff = $state.raw<DiffResult | null>(null);
  showingDiff = $state(false);
  loadingTimeline = $state(false);
  loadingSnapshot = $state(false);
  loadingDiff = $state(false);
  error = $state<string | null>(null);

  selectedVendor = $derived(this.vendors.find((vendor) => vendor.id === this.selectedVendorId) ?? null);

  filteredVendors = $derived.by(() => {
    const needle = this.vendorFilter.trim().toLowerCase();
    if (needle.length === 0) return this.vendors;
    return this.vendors.filter(
      (vendor) => vendor.displayName.toLowerCase().includes(needle) || vendor.key.toLowerCase().includes(needle),
    );
  });

  visibleVendors = $derived(this.filteredVendors.slice(0, VENDOR_LIST_LIMIT));

  /** Captures of the open snapshot's document, oldest first, for previous/next stepping. */
  documentSnapshots = $derived.by((): SnapshotSummary[] => {
    const open = this.snapshot;
    if (!open || !this.timeline) return [];
    const document = this.timeline.documents.find((candidate) => candidate.id === open.documentId);
    if (!document) return [];
    return [...document.snapshots].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id - b.id);
  });

  #openIndex = $derived(this.documentSnapshots.findIndex((candidate) => candidate.id === this.snapshot?.id));

  previousSnapshot = $derived(this.#openIndex > 0 ? (this.documentSnapshots[this.#openIndex - 1] ?? null) : null);
  nextSnapshot = $derived(this.#openIndex >= 0 ? (this.documentSnapshots[this.#openIndex + 1] ?? null) : null);

  /** The newest earlier capture whose text differs from the open one: what "compare with previous version" uses. */
  previousVersion = $derived.by((): SnapshotSummary | null => {
    const open = this.snapshot;
    if (!open || this.#openIndex < 0) return null;
    for (let index = this.#openIndex - 1; index >= 0; index -= 1) {
      const candidate = this.documentSnapshots[index];
      if (candidate && candidate.contentHash !== open.contentHash) return candidate;
    }
    return null;
  });

  canCompare = $derived(this.compareA !== null && this.compareB !== null && this.compareA.id !== this.compareB.id);

  #vendorsRequest = new LatestRequest();
  #timelineRequest = new LatestRequest();
  #snapshotRequest = new LatestRequest();
  #diffRequest = new LatestRequest();

  /** Load (or reload) the vendor list. */
  async loadVendors(): Promise<void> {
    const isLatest = this.#vendorsRequest.begin();
    try {
      const vendors = await api.vendors.list();
      if (!isLatest()) return;
      this.vendors = vendors;
      this.vendorsLoaded = true;
      if (this.selectedVendorId !== null && !vendors.some((vendor) => vendor.id === this.selectedVendorId)) {
        this.clearSelection();
      }
    } catch (error) {
      if (isLatest()) this.error = `Could not load the vendors: ${errorMessage(error)}`;
    }
  }

  /** Show a vendor's timeline, closing whatever snapshot or comparison was open. */
  async selectVendor(vendorId: number): Promise<void> {
    if (vendorId === this.selectedVendorId && this.timeline) return;
    this.clearSelection();
    this.selectedVendorId = vendorId;
    await this.#loadTimeline(vendorId);
  }

  /** Open one snapshot for reading (from the timeline, a search hit or previous/next). */
  async openSnapshot(snapshotId: number): Promise<void> {
    const isLatest = this.#snapshotRequest.begin();
    this.loadingSnapshot = true;
    try {
      const snapshot = await api.snapshots.get(snapshotId);
      if (!isLatest()) return;
      this.snapshot = snapshot;
      this.showingDiff = false;
      this.error = null;
      if (snapshot.vendorId !== this.selectedVendorId || !this.timeline) {
        this.selectedVendorId = snapshot.vendorId;
        await this.#loadTimeline(snapshot.vendorId);
      }
    } catch (error) {
      if (isLatest()) this.error = `Could not open the snapshot: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loadingSnapshot = false;
    }
  }

  /** Put a snapshot into slot A or B of the comparison; choosing it again empties the slot. */
  toggleCompare(slot: CompareSlot, snapshot: SnapshotSummary): void {
    const current = slot === 'a' ? this.compareA : this.compareB;
    const next = current?.id === snapshot.id ? null : snapshot;
    if (slot === 'a') {
      this.compareA = next;
      if (next && this.compareB?.id === next.id) this.compareB = null;
    } else {
      this.compareB = next;
      if (next && this.compareA?.id === next.id) this.compareA = null;
    }
  }

  clearCompare(): void {
    this.compareA = null;
    this.compareB = null;
  }

  /** Diff the two chosen snapshots, older one first, and show the result. */
  async compare(): Promise<void> {
    const a = this.compareA;
    const b = this.compareB;
    if (!a || !b || a.id === b.id) return;
    const [older, newer] = a.capturedAt <= b.capturedAt ? [a, b] : [b, a];
    await this.#loadDiff(older.id, newer.id);
  }

  /** Compare the open snapshot with the last earlier capture whose text differs. */
  async compareWithPreviousVersion(): Promise<void> {
    const open = this.snapshot;
    const previous = this.previousVersion;
    if (!open || !previous) return;
    this.compareA = previous;
    this.compareB = this.documentSnapshots.find((candidate) => candidate.id === open.id) ?? null;
    await this.#loadDiff(previous.id, open.id);
  }

  closeDiff(): void {
    this.#diffRequest.invalidate();
    this.loadingDiff = false;
    this.showingDiff = false;
  }

  dismissError(): void {
    this.error = null;
  }

  /** The archive changed (an import finished): reload the list and the open timeline. */
  async refresh(): Promise<void> {
    await this.loadVendors();
    if (this.selectedVendorId !== null) await this.#loadTimeline(this.selectedVendorId);
  }

  /**
   * Subscribe to archive changes; returns the unsubscribe function (an `$effect` cleanup).
   * While an import runs, the vendor list follows what it has committed so far (at most
   * once a second), so a long import — the first-launch samples too — fills the library
   * as it goes instead of showing an empty archive until the end.
   */
  connect(): () => void {
    let lastAdded = 0;
    let lastReload = 0;
    const offProgress = api.on('import:progress', (progress) => {
      const now = Date.now();
      if (progress.snapshotsAdded > lastAdded && now - lastReload >= 1000) {
        lastAdded = progress.snapshotsAdded;
        lastReload = now;
        void this.loadVendors();
      }
      if (progress.phase !== 'importing') lastAdded = 0;
    });
    const offChanged = api.on('archive:changed', () => {
      lastAdded = 0;
      void this.refresh();
    });
    return () => {
      offProgress();
      offChanged();
    };
  }

  clearSelection(): void {
    this.#timelineRequest.invalidate();
    this.#snapshotRequest.invalidate();
    this.#diffRequest.invalidate();
    this.selectedVendorId = null;
    this.timeline = null;
    this.snapshot = null;
    this.diff = null;
    this.showingDiff = false;
    this.loadingTimeline = false;
    this.loadingSnapshot = false;
    this.loadingDiff = false;
    this.clearCompare();
  }

  async #loadTimeline(vendorId: number): Promise<void> {
    const isLatest = this.#timelineRequest.begin();
    this.loadingTimeline = true;
    try {
      const timeline = await api.vendors.timeline(vendorId);
      if (!isLatest()) return;
      this.timeline = timeline;
    } catch (error) {
      if (isLatest()) this.error = `Could not load the timeline: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loadingTimeline = false;
    }
  }

  async #loadDiff(olderId: number, newerId: number): Promise<void> {
    const isLatest = this.#diffRequest.begin();
    this.loadingDiff = true;
    this.showingDiff = true;
    try {
      const diff = await api.diff.compare(olderId, newerId);
      if (!isLatest()) return;
      this.diff = diff;
      this.error = null;
    } catch (error) {
      if (isLatest()) {
        this.error = `Could not compare the snapshots: ${errorMessage(error)}`;
        this.showingDiff = false;
      }
    } finally {
      if (isLatest()) this.loadingDiff = false;
    }
  }
}
