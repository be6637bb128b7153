import type {
  DocumentTimeline,
  ReferenceEvent,
  SnapshotDetail,
  SnapshotSummary,
  TimelineVersion,
  VendorTimeline,
} from '../../../shared/domain';
import type { LibraryVendor } from '../../../shared/libraryDomain';
import { SvelteMap } from 'svelte/reactivity';
import { api } from './api';
import { DiffState, type DiffContext, type DiffRequest } from './diffState.svelte';
import { versionPosition } from './documentVersions';
import { errorMessage } from './errorMessage';
import { changesSince, LastViewedStore, type ChangesSince, type LastViewed } from './lastViewed';
import { LatestRequest } from './latestRequest';

export type CompareSlot = 'a' | 'b';

/** The window's localStorage, or null where it is blocked (the offer of "changes since" is then simply absent). */
function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * What the user is looking at: the vendor list, the selected vendor's
 * timeline (its documents' folded versions and the reference events), the
 * open snapshot, the two snapshots chosen for comparison, and the comparison
 * itself (`diff`). Components read these fields and call the methods; all
 * archive access goes through `api`.
 */
export class ArchiveState {
  /** Every vendor, with its documents, tags and last change (the library sidebar filters and sorts them). */
  vendors = $state.raw<LibraryVendor[]>([]);
  vendorsLoaded = $state(false);
  selectedVendorId = $state<number | null>(null);
  timeline = $state.raw<VendorTimeline | null>(null);
  /** The selected vendor's documents as folded versions, in the order of `timeline.documents`. */
  documentTimelines = $state.raw<DocumentTimeline[]>([]);
  events = $state.raw<ReferenceEvent[]>([]);
  snapshot = $state.raw<SnapshotDetail | null>(null);
  compareA = $state.raw<SnapshotSummary | null>(null);
  compareB = $state.raw<SnapshotSummary | null>(null);
  readonly diff = new DiffState();
  showingDiff = $state(false);
  loadingTimeline = $state(false);
  loadingSnapshot = $state(false);
  /** A block of the open snapshot the reader should scroll to and focus once shown; it clears it when done. */
  revealBlock = $state.raw<{ snapshotId: number; position: number } | null>(null);
  /** A document of the selected vendor the timeline should scroll to and focus (library sidebar); it clears it when done. */
  revealDocumentId = $state<number | null>(null);
  error = $state<string | null>(null);
  /**
   * The version of each document the user had last read when they chose this
   * vendor. Read once per visit: what they open now is remembered for the next
   * visit, and does not change the offer they are looking at.
   */
  readonly lastViewed = new SvelteMap<number, LastViewed | null>();

  readonly #lastViewedStore: LastViewedStore;

  constructor(storage: Storage | null = browserStorage()) {
    this.#lastViewedStore = new LastViewedStore(storage);
  }

  selectedVendor = $derived(this.vendors.find((vendor) => vendor.id === this.selectedVendorId) ?? null);

  /** What changed in a document since the version the user last read, when newer versions exist. */
  changesSinceFor(documentId: number): ChangesSince | null {
    const timeline = this.documentTimelines.find((candidate) => candidate.document.id === documentId);
    return timeline ? changesSince(timeline, this.lastViewed.get(documentId) ?? null) : null;
  }

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

  /** The open capture's version, and the versions either side of it, for stepping by version. */
  openVersion = $derived(this.snapshot ? versionPosition(this.documentTimelines, this.snapshot.id) : null);

  /** The version before the open capture's: what "what changed since the previous version?" compares with. */
  previousVersion = $derived<TimelineVersion | null>(this.openVersion?.previous ?? null);

  canCompare = $derived(this.compareA !== null && this.compareB !== null && this.compareA.id !== this.compareB.id);

  #vendorsRequest = new LatestRequest();
  #timelineRequest = new LatestRequest();
  #snapshotRequest = new LatestRequest();
  #diffRequest = new LatestRequest();

  /** Load (or reload) the vendor list, and the reference events drawn on timelines. */
  async loadVendors(): Promise<void> {
    const isLatest = this.#vendorsRequest.begin();
    try {
      const [vendors, events] = await Promise.all([
        api.library.vendors(),
        this.events.length > 0 ? this.events : api.timeline.events(),
      ]);
      if (!isLatest()) return;
      this.vendors = vendors;
      this.events = events;
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

  /** A document chosen in the library: show its vendor's timeline, scrolled to that document. */
  async showDocument(vendorId: number, documentId: number): Promise<void> {
    await this.selectVendor(vendorId);
    if (this.selectedVendorId === vendorId) this.revealDocumentId = documentId;
  }

  /**
   * The user tagged a version or wrote a note on it: show the markers in the
   * version list without reloading the timeline.
   */
  noteAnnotations(snapshotId: number, tags: string[], hasNote: boolean): void {
    let changed = false;
    const timelines = this.documentTimelines.map((timeline) => {
      if (!timeline.versions.some((version) => version.snapshot.id === snapshotId)) return timeline;
      changed = true;
      return {
        ...timeline,
        versions: timeline.versions.map((version) =>
          version.snapshot.id === snapshotId ? { ...version, tags, hasNote } : version,
        ),
      };
    });
    if (changed) this.documentTimelines = timelines;
  }

  /**
   * Open one snapshot for reading (from the timeline, a search hit or previous/next).
   * `position`: a block to bring into view (a quick-switcher heading), see `revealBlock`.
   */
  async openSnapshot(snapshotId: number, options: { position?: number | undefined } = {}): Promise<void> {
    const isLatest = this.#snapshotRequest.begin();
    this.loadingSnapshot = true;
    try {
      const snapshot = await api.snapshots.get(snapshotId);
      if (!isLatest()) return;
      this.snapshot = snapshot;
      this.revealBlock = options.position === undefined ? null : { snapshotId, position: options.position };
      this.closeDiff();
      this.error = null;
      this.#remember(snapshot);
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
    await this.#showDiff({ kind: 'pair', olderId: older.id, newerId: newer.id }, newer, {
      purpose: 'compare',
      before: this.#versionOf(older.id),
      after: this.#versionOf(newer.id),
      event: null,
    });
  }

  /** Compare the open snapshot with the version before it. */
  async compareWithPreviousVersion(): Promise<void> {
    const open = this.snapshot;
    const previous = this.previousVersion;
    if (!open || !previous) return;
    const openSummary = this.documentSnapshots.find((candidate) => candidate.id === open.id) ?? null;
    this.compareA = previous.snapshot;
    this.compareB = openSummary;
    await this.#showDiff({ kind: 'pair', olderId: previous.snapshot.id, newerId: open.id }, openSummary, {
      purpose: 'previous-version',
      before: previous,
      after: this.openVersion?.version ?? null,
      event: null,
    });
  }

  /** "What changed across GDPR?": the last version before the event against the first after it. */
  async compareAcrossEvent(documentId: number, eventId: string): Promise<void> {
    const event = this.events.find((candidate) => candidate.id === eventId) ?? null;
    await this.#showDiff({ kind: 'event', documentId, eventId }, null, {
      purpose: 'event',
      before: null,
      after: null,
      event,
    });
  }

  /**
   * Diff two snapshots by id, older first (a phrase history's "the change that
   * introduced it"). The comparison slots and the open snapshot stay as they were.
   */
  async compareSnapshots(olderId: number, newerId: number): Promise<void> {
    await this.#showDiff({ kind: 'pair', olderId, newerId }, null, {
      purpose: 'compare',
      before: this.#versionOf(olderId),
      after: this.#versionOf(newerId),
      event: null,
    });
  }

  /** "Changes since you last looked": the version the user last read against the newest one. */
  async compareSinceLastViewed(documentId: number): Promise<void> {
    const since = this.changesSinceFor(documentId);
    if (!since) return;
    this.compareA = since.seen.snapshot;
    this.compareB = since.latest.snapshot;
    await this.#showDiff(
      { kind: 'pair', olderId: since.seen.snapshot.id, newerId: since.latest.snapshot.id },
      since.latest.snapshot,
      { purpose: 'since-last-viewed', before: since.seen, after: since.latest, event: null, viewedAt: since.viewedAt },
    );
  }

  closeDiff(): void {
    this.#diffRequest.invalidate();
    this.diff.cancel();
    this.showingDiff = false;
  }

  dismissError(): void {
    this.error = null;
  }

  /** The archive changed (an import finished): reload the list and the open timeline. */
  async refresh(): Promise<void> {
    await this.loadVendors();
    if (this.selectedVendorId !== null) await this.#loadTimeline(this.selectedVendorId);
    await this.#reloadSnapshot();
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
    this.selectedVendorId = null;
    this.timeline = null;
    this.documentTimelines = [];
    this.lastViewed.clear();
    this.snapshot = null;
    this.closeDiff();
    this.loadingTimeline = false;
    this.loadingSnapshot = false;
    this.clearCompare();
  }

  /**
   * Note that the user read a snapshot, for their next visit. The offer of this
   * visit keeps what they had read before it (a snapshot opened from a search
   * hit arrives before its vendor's timeline, so that is read first).
   */
  #remember(snapshot: SnapshotSummary): void {
    if (!this.lastViewed.has(snapshot.documentId)) {
      this.lastViewed.set(snapshot.documentId, this.#lastViewedStore.get(snapshot.documentId));
    }
    this.#lastViewedStore.record(snapshot.documentId, snapshot);
  }

  #versionOf(snapshotId: number): TimelineVersion | null {
    return versionPosition(this.documentTimelines, snapshotId)?.version ?? null;
  }

  async #showDiff(request: DiffRequest, newer: SnapshotSummary | null, context: DiffContext): Promise<void> {
    const isLatest = this.#diffRequest.begin();
    this.showingDiff = true;
    const outcome = await this.diff.open(request, context);
    if (!isLatest() || outcome === 'stale') return;
    if (outcome === 'failed') {
      this.error = `Could not compare the snapshots: ${this.diff.error ?? 'unknown error'}`;
      this.showingDiff = false;
      return;
    }
    this.error = null;
    // Reading a comparison up to a version is reading that version.
    const shown = this.diff.result?.b ?? newer;
    if (shown) this.#remember(shown);
  }

  /**
   * Read the open snapshot again (a renamed vendor shows its new name in the
   * reader); close it when it is gone (a merge dropped it as a duplicate).
   */
  async #reloadSnapshot(): Promise<void> {
    const open = this.snapshot;
    if (!open) return;
    const isLatest = this.#snapshotRequest.begin();
    try {
      const snapshot = await api.snapshots.get(open.id);
      if (isLatest() && this.snapshot?.id === open.id) this.snapshot = snapshot;
    } catch {
      if (isLatest() && this.snapshot?.id === open.id) this.snapshot = null;
    }
  }

  async #loadTimeline(vendorId: number): Promise<void> {
    const isLatest = this.#timelineRequest.begin();
    this.loadingTimeline = true;
    try {
      const timeline = await api.vendors.timeline(vendorId);
      const documents = await Promise.all(timeline.documents.map((document) => api.timeline.document(document.id)));
      if (!isLatest()) return;
      this.timeline = timeline;
      this.documentTimelines = documents;
      // A reload (after an import) keeps this visit's offers; documents seen for the first time read theirs.
      for (const { document } of documents) {
        if (!this.lastViewed.has(document.id)) this.lastViewed.set(document.id, this.#lastViewedStore.get(document.id));
      }
    } catch (error) {
      if (isLatest()) this.error = `Could not load the timeline: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loadingTimeline = false;
    }
  }
}
