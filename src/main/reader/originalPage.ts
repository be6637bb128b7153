import type Database from 'better-sqlite3';
import type { OriginalPage } from '../../shared/libraryDomain';
import { readOriginal } from '../archive/originals';
import { sanitizeOriginal } from './sanitizeOriginal';

/**
 * The page a snapshot was read from, sanitized into an inert document for the
 * reader's sandboxed frame (see sanitizeOriginal.ts); null when the snapshot
 * does not exist or has no stored page (Markdown and text sources, imports
 * made before schema v6, pages over the size cap).
 */
export function originalPage(db: Database.Database, snapshotId: number): OriginalPage | null {
  const stored = readOriginal(db, snapshotId);
  if (!stored) return null;
  const { html, removed } = sanitizeOriginal(stored.html, { sourceUrl: stored.sourceUrl });
  return { snapshotId, html, sourceUrl: stored.sourceUrl, originalBytes: stored.byteCount, removed };
}
