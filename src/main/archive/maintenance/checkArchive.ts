import type Database from 'better-sqlite3';
import type { ArchiveCheck, ArchiveCheckId, ArchiveCheckReport } from '../../../shared/maintenanceDomain';
import { integrityProblems } from './archiveFileChecks';
import { findBlockListProblems, rewriteBlockLists, type BlockListProblems } from './blockListCheck';
import { messageOf, sqliteCode } from './rawConnection';

export interface CheckOptions {
  /** Rebuild what can be rebuilt from the archive's own content: the full-text index and the block lists. */
  repair?: boolean;
  /** Path shown in the report (default: the connection's file). */
  archivePath?: string;
}

/** How many offending ids or rows a detail line lists before "and N more". */
const LISTED = 5;

const RESTORE_ADVICE =
  'The archive file itself is damaged. Restore it from a backup (File › Restore from Backup…, or ' +
  '`policy-archive restore <backup>`); the damaged file is kept beside it. Nothing was changed here.';
const LINKS_ADVICE =
  'Some rows point at rows that do not exist; this cannot be rebuilt from the archive. Restore a backup if the ' +
  'affected snapshots matter.';

/**
 * "Check archive": every check SQLite and the archive's own invariants allow.
 *
 * - integrity: `PRAGMA quick_check` (every page readable, b-trees sound), then
 *   the full `PRAGMA integrity_check` (indexes match their tables) when the
 *   quick one passes;
 * - foreign keys: `PRAGMA foreign_key_check`;
 * - full-text index: FTS5 `integrity-check` against the `blocks` table (rank 1:
 *   the index must match the content, not only be internally consistent);
 * - block lists: schema v7's packed `text_block_lists` equal `text_blocks`;
 * - snapshot links: every snapshot's text and document, every document's vendor exist.
 *
 * `repair` rebuilds the derived data only — FTS5 `rebuild` from `blocks`, the
 * lists from `text_blocks` — and re-checks it. It never touches content it
 * cannot rebuild, and repairs nothing when the integrity check fails (writing
 * into a damaged file can spread the damage): the report advises a restore.
 * Every check runs even when an earlier one fails; a check that cannot even
 * run (a damaged page) is reported as failed with SQLite's message.
 */
export function checkArchive(db: Database.Database, options: CheckOptions = {}): ArchiveCheckReport {
  const checks: ArchiveCheck[] = [];
  const integrity = run('integrity', 'File integrity (SQLite integrity check)', false, () => {
    const quick = pageProblems(integrityProblems(db, true));
    return describe(quick.length > 0 ? quick : pageProblems(integrityProblems(db)), 'problem');
  });
  checks.push(integrity);
  const mayRepair = (options.repair ?? false) && integrity.ok && !db.readonly;

  checks.push(
    run('foreign-keys', 'References between tables (foreign keys)', false, () => {
      const rows = db.prepare('PRAGMA foreign_key_check').all() as Array<{
        table: string;
        rowid: number | null;
        parent: string;
      }>;
      return describe(
        rows.map((row) => `${row.table} row ${row.rowid ?? '?'} → missing ${row.parent}`),
        'dangling reference',
      );
    }),
  );

  checks.push(
    repairable('full-text-index', 'Search index (full-text index of the policy text)', mayRepair, {
      find: () => ftsProblems(db),
      repair: () => db.prepare("INSERT INTO blocks_fts(blocks_fts) VALUES ('rebuild')").run(),
    }),
  );

  checks.push(
    repairable('block-lists', 'Block lists (each version’s paragraphs in order, for phrase history)', mayRepair, {
      find: () => blockListLines(findBlockListProblems(db)),
      repair: () => rewriteBlockLists(db, findBlockListProblems(db)),
    }),
  );

  checks.push(
    run('snapshot-links', 'Snapshots point at existing texts, documents and vendors', false, () => {
      const rows = db
        .prepare(
          `SELECT 'snapshot ' || s.id || ' → missing text ' || s.text_id FROM snapshots s
             WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.id = s.text_id)
           UNION ALL
           SELECT 'snapshot ' || s.id || ' → missing document ' || s.document_id FROM snapshots s
             WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)
           UNION ALL
           SELECT 'document ' || d.id || ' → missing vendor ' || d.vendor_id FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM vendors v WHERE v.id = d.vendor_id)`,
        )
        .pluck()
        .all() as string[];
      return describe(rows, 'broken link');
    }),
  );

  const ok = checks.every((check) => check.ok);
  const advice = ok
    ? null
    : !integrity.ok
      ? RESTORE_ADVICE
      : checks.some((check) => !check.ok && check.repairable)
        ? options.repair
          ? 'The repair did not fix every problem. Restore the archive from a backup.'
          : 'Repair rebuilds the search index and the block lists from the archive’s own content ' +
            '(in the app: Repair; on the command line: check --repair).'
        : LINKS_ADVICE;
  return {
    archivePath: options.archivePath ?? db.name,
    checkedAt: new Date().toISOString(),
    ok,
    checks,
    advice,
  };
}

/** The outcome of finding problems: an empty list is "ok". */
interface Finding {
  problems: string[];
  detail: string;
}

function describe(problems: string[], noun: string): Finding {
  if (problems.length === 0) return { problems, detail: 'ok' };
  const shown = problems.slice(0, LISTED).join('; ');
  const more = problems.length > LISTED ? `; and ${problems.length - LISTED} more` : '';
  return { problems, detail: `${problems.length} ${noun}${problems.length === 1 ? '' : 's'}: ${shown}${more}` };
}

function run(id: ArchiveCheckId, name: string, canRepair: boolean, find: () => Finding): ArchiveCheck {
  try {
    const finding = find();
    return {
      id,
      name,
      ok: finding.problems.length === 0,
      detail: finding.detail,
      repaired: false,
      repairable: canRepair,
    };
  } catch (error) {
    const reason = sqliteCode(error).startsWith('SQLITE_BUSY')
      ? 'the archive is busy (another program is writing to it); check again when it is done'
      : messageOf(error);
    return {
      id,
      name,
      ok: false,
      detail: `the check could not run: ${reason}`,
      repaired: false,
      repairable: canRepair,
    };
  }
}

/** A check of derived data: find, and when allowed and needed, repair and find again. */
function repairable(
  id: ArchiveCheckId,
  name: string,
  mayRepair: boolean,
  steps: { find: () => string[]; repair: () => void },
): ArchiveCheck {
  const before = run(id, name, true, () => describe(steps.find(), 'problem'));
  if (before.ok || !mayRepair) return before;
  try {
    steps.repair();
  } catch (error) {
    return { ...before, detail: `${before.detail} — the repair failed: ${messageOf(error)}` };
  }
  const after = run(id, name, true, () => describe(steps.find(), 'problem'));
  return after.ok
    ? { ...after, repaired: true, detail: `repaired (${before.detail})` }
    : { ...after, detail: `${after.detail} — still wrong after the repair` };
}

/**
 * SQLite's integrity check also runs FTS5's check of every full-text table
 * (messages naming fts5): those are the search index's problems, reported
 * and repaired by the full-text check, and must not block that repair.
 */
function pageProblems(problems: string[]): string[] {
  return problems.filter((problem) => !/fts5/i.test(problem));
}

/** FTS5's own check of the index against `blocks`; it reports the first inconsistency as an error. */
function ftsProblems(db: Database.Database): string[] {
  try {
    db.prepare("INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)").run();
    return [];
  } catch (error) {
    // The check is an INSERT: it needs the write lock, which a running import may hold.
    if (sqliteCode(error).startsWith('SQLITE_BUSY')) throw error;
    return [`the index does not match the policy text (${messageOf(error)})`];
  }
}

function blockListLines(problems: BlockListProblems): string[] {
  return [
    ...problems.stale.map((id) => `text ${id}: list differs from its blocks`),
    ...problems.missing.map((id) => `text ${id}: no list`),
    ...problems.orphans.map((id) => `list of missing text ${id}`),
  ];
}
