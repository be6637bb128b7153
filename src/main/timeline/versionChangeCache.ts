import type Database from 'better-sqlite3';
import { diffBlocks } from '../../shared/diff/diffBlocks';
import { DIFF_ENGINE_VERSION } from '../../shared/diff/options';
import type { Block } from '../../shared/domain';
import { textBlocks } from '../archive/queries';
import {
  readVersionChange,
  writeVersionChanges,
  type VersionChangeRecord,
  type VersionChangeStats,
} from '../archive/versionChanges';

/** The diff engine's version is stored with each cached row (see src/shared/diff/options.ts). */
export { DIFF_ENGINE_VERSION };

/** Two stored texts, the older first. */
export interface TextPair {
  older: number;
  newer: number;
}

/**
 * The change from each pair's older text to its newer one, in the order
 * asked: read from the `version_changes` cache, or computed with the diff
 * engine (default options: what a comparison of the two versions shows) and
 * stored for next time. Diffing every version of a long history on every
 * request would be too slow; the cache makes the second request a lookup.
 */
export function versionChanges(db: Database.Database, pairs: readonly TextPair[]): VersionChangeStats[] {
  const blocksOf = textLoader(db);
  const computed: VersionChangeRecord[] = [];
  const results = pairs.map(({ older, newer }) => {
    const cached = readVersionChange(db, older, newer);
    if (cached && cached.engineVersion === DIFF_ENGINE_VERSION) {
      const { engineVersion: _engine, ...stats } = cached;
      return stats;
    }
    const stats = changeBetween(blocksOf(older), blocksOf(newer));
    computed.push({ textA: older, textB: newer, engineVersion: DIFF_ENGINE_VERSION, ...stats });
    return stats;
  });
  storeIfPossible(db, computed);
  return results;
}

/** Statistics of the diff between two texts, as the timeline keeps them. */
function changeBetween(older: readonly Block[], newer: readonly Block[]): VersionChangeStats {
  const { stats } = diffBlocks(older, newer);
  return {
    wordsAdded: stats.wordsAdded,
    wordsRemoved: stats.wordsRemoved,
    wordsMoved: stats.wordsMoved,
    changeRatio: stats.changeRatio,
    sectionsTouched: [...stats.sectionsTouched],
  };
}

/** Blocks of a text, loaded once per request (each middle version is diffed twice). */
function textLoader(db: Database.Database): (textId: number) => Block[] {
  const loaded = new Map<number, Block[]>();
  return (textId) => {
    let blocks = loaded.get(textId);
    if (!blocks) {
      blocks = textBlocks(db, textId);
      loaded.set(textId, blocks);
    }
    return blocks;
  };
}

/**
 * Store computed rows unless the archive cannot take them now: opened
 * read-only, locked by another process past the busy timeout, or a text
 * deleted meanwhile by an undo in another connection. A cache that misses a
 * write only costs the same computation next time; any other error is real.
 */
function storeIfPossible(db: Database.Database, records: readonly VersionChangeRecord[]): void {
  if (records.length === 0 || db.readonly) return;
  try {
    writeVersionChanges(db, records);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const harmless =
      typeof code === 'string' &&
      (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CONSTRAINT_FOREIGNKEY');
    if (!harmless) throw error;
  }
}
