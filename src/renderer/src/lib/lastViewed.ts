import type { DocumentTimeline, TimelineVersion } from '../../../shared/domain';

/** The newest version of a document the user has opened. */
export interface LastViewed {
  snapshotId: number;
  /** Capture time of that snapshot (ISO UTC): what "newer" is measured against. */
  capturedAt: string;
  /** When the user opened it (ISO UTC). */
  viewedAt: string;
}

/** The part of `Storage` used here, so tests can pass a Map-backed fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const KEY_PREFIX = 'policyArchive.lastViewed.';

/**
 * Remembers, per document (keyed by its id: an archive belongs to one user,
 * and so does the browser storage of the app's window), the newest version the
 * user has opened. Newest rather than most recent: reading an old version to
 * see how a policy used to be must not make the app forget that the current
 * one was already read.
 */
export class LastViewedStore {
  readonly #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  get(documentId: number): LastViewed | null {
    try {
      const raw = this.#storage?.getItem(KEY_PREFIX + documentId);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<LastViewed>;
      if (typeof value.snapshotId !== 'number' || typeof value.capturedAt !== 'string') return null;
      return { snapshotId: value.snapshotId, capturedAt: value.capturedAt, viewedAt: String(value.viewedAt ?? '') };
    } catch {
      // Unreadable or blocked storage only costs the "changes since" offer.
      return null;
    }
  }

  /** Note that the user opened a snapshot; kept only if it is at least as new as the one remembered. */
  record(documentId: number, snapshot: { id: number; capturedAt: string }, now: Date = new Date()): void {
    const known = this.get(documentId);
    if (known && known.capturedAt > snapshot.capturedAt) return;
    const value: LastViewed = { snapshotId: snapshot.id, capturedAt: snapshot.capturedAt, viewedAt: now.toISOString() };
    try {
      this.#storage?.setItem(KEY_PREFIX + documentId, JSON.stringify(value));
    } catch {
      // Storage full or disabled: nothing to do but forget.
    }
  }
}

/** "Changes since you last looked": the version the user last read and the newest one. */
export interface ChangesSince {
  seen: TimelineVersion;
  latest: TimelineVersion;
  /** Versions that appeared after the one seen. */
  newer: number;
  viewedAt: string;
}

/**
 * What changed since the user last looked at a document, when newer versions
 * exist than the one they read; null when they read the newest, never opened
 * the document, or the capture they read is no longer in the archive.
 */
export function changesSince(timeline: DocumentTimeline, lastViewed: LastViewed | null): ChangesSince | null {
  if (!lastViewed) return null;
  const index = timeline.versions.findIndex(
    (version) => version.snapshot.id === lastViewed.snapshotId || version.snapshotIds.includes(lastViewed.snapshotId),
  );
  const latest = timeline.versions.at(-1);
  if (index < 0 || !latest || index === timeline.versions.length - 1) return null;
  return {
    seen: timeline.versions[index]!,
    latest,
    newer: timeline.versions.length - 1 - index,
    viewedAt: lastViewed.viewedAt,
  };
}
