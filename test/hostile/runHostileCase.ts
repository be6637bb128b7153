/**
 * Runs one hostile case through the real import pipeline and judges it.
 *
 * The case's file goes into a fresh folder beside one good policy (a Princeton
 * sample), the folder is imported with `runImport` into a real archive, and
 * the case is handled when: the import finishes (no throw, no hang), the good
 * file is imported, the hostile file comes out as its case expects (refused
 * with a reason that names the problem and a report line naming the file; or
 * imported, with the case's own checks), the archive passes SQLite's and
 * FTS5's integrity checks, and — for refused files — the archive's content
 * equals that of an archive that imported the good file alone.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportFileResult, ImportReport } from '../../src/shared/domain';
import { openArchive } from '../../src/main/archive/database';
import { runImport } from '../../src/main/importers/pipeline';
import { assertArchiveIntegrity, tableCounts } from '../support/archiveState';
import { samplesDir } from '../support/paths';
import type { HostileCase } from './hostileCases';

/** How one case went. */
export interface HostileOutcome {
  name: string;
  handled: boolean;
  /** What happened to the hostile file (outcome: reason), then every problem found. */
  detail: string;
}

/** The good file imported beside every hostile one. */
export const GOOD_SAMPLE = join(samplesDir, 'princeton', '000_9ca36c3538ce9d6e.txt');

/** Tables whose row counts must not change because of a refused file. */
const CONTENT_TABLES = ['vendors', 'documents', 'snapshots', 'texts', 'blocks', 'text_blocks', 'originals'];

export interface RunHostileOptions {
  /** Generous: only a hang should ever reach it (default 120 s). */
  timeoutMs?: number;
}

/** Report lines about the hostile path: its own line, or its records' (`<file name> › <url>`). */
function resultsFor(report: ImportReport, hostilePath: string): ImportFileResult[] {
  const name = basename(hostilePath);
  return report.files.filter(
    (file) =>
      file.path === hostilePath || file.path.startsWith(`${hostilePath}/`) || file.path.startsWith(`${name} › `),
  );
}

function contentCounts(db: Database.Database): Record<string, number> {
  const all = tableCounts(db);
  return Object.fromEntries(CONTENT_TABLES.map((table) => [table, all[table] ?? 0]));
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'case'
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`import did not finish within ${ms / 1000} s`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Content counts of an archive that imported only the good sample (computed once per work folder). */
const baselines = new Map<string, Promise<Record<string, number>>>();
function baseline(workDir: string): Promise<Record<string, number>> {
  const key = resolve(workDir);
  let counts = baselines.get(key);
  if (!counts) {
    counts = (async () => {
      const dir = mkdtempSync(join(workDir, 'baseline-'));
      const db = openArchive(join(dir, 'archive.sqlite'));
      try {
        await runImport(db, [GOOD_SAMPLE]);
        return contentCounts(db);
      } finally {
        db.close();
      }
    })();
    baselines.set(key, counts);
  }
  return counts;
}

function describeResults(results: ImportFileResult[]): string {
  if (results.length === 0) return 'no report line';
  return results
    .slice(0, 3)
    .map((result) => `${result.outcome}: ${result.reason ?? '(no reason)'}`)
    .join('; ');
}

/**
 * Build `hostileCase` in a fresh folder under `workDir`, import it with a good
 * sample into a real archive, and judge the result. Never throws: a crash or
 * a hang of the import is an unhandled outcome with the error in `detail`.
 */
export async function runHostileCase(
  hostileCase: HostileCase,
  workDir: string,
  options: RunHostileOptions = {},
): Promise<HostileOutcome> {
  const problems: string[] = [];
  const caseDir = mkdtempSync(join(workDir, `${slug(hostileCase.name)}-`));
  const input = join(caseDir, 'input');
  mkdirSync(input);
  const goodPath = join(input, basename(GOOD_SAMPLE));
  copyFileSync(GOOD_SAMPLE, goodPath);

  let hostilePath: string;
  try {
    hostilePath = await hostileCase.build(input);
  } catch (error) {
    return { name: hostileCase.name, handled: false, detail: `could not build the case: ${String(error)}` };
  }

  const db = openArchive(join(caseDir, 'archive.sqlite'));
  try {
    const expected = await baseline(workDir);
    const abort = new AbortController();
    let report: ImportReport;
    try {
      report = await withTimeout(runImport(db, [input], { signal: abort.signal }), options.timeoutMs ?? 120_000, () =>
        abort.abort(),
      );
    } catch (error) {
      return {
        name: hostileCase.name,
        handled: false,
        detail: `import threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      };
    }

    const good = report.files.filter((file) => file.path === goodPath);
    if (good.length !== 1 || good[0]?.outcome !== 'imported') {
      problems.push(`the good file was not imported once: ${describeResults(good)}`);
    }

    const results = resultsFor(report, hostilePath);
    const expectation = hostileCase.expect;
    switch (expectation.result) {
      case 'rejected': {
        const refusals = results.filter((result) => (expectation.outcomes as string[]).includes(result.outcome));
        if (refusals.length === 0) {
          problems.push(`expected ${expectation.outcomes.join(' or ')}, got ${describeResults(results)}`);
        } else if (!refusals.some((result) => expectation.reason.test(result.reason ?? ''))) {
          problems.push(`reason does not match ${String(expectation.reason)}: ${describeResults(refusals)}`);
        }
        if (results.some((result) => result.outcome === 'imported'))
          problems.push('part of the hostile file was imported');
        break;
      }
      case 'imported':
        if (!results.some((result) => result.outcome === 'imported')) {
          problems.push(`expected it imported, got ${describeResults(results)}`);
        }
        break;
      case 'not-listed':
        if (results.length > 0) problems.push(`expected no report line, got ${describeResults(results)}`);
        break;
    }

    const counts = contentCounts(db);
    if (expectation.result !== 'imported' && JSON.stringify(counts) !== JSON.stringify(expected)) {
      problems.push(
        `archive content differs from the good file alone: ${JSON.stringify(counts)} vs ${JSON.stringify(expected)}`,
      );
    }
    try {
      assertArchiveIntegrity(db);
    } catch (error) {
      problems.push(`integrity: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (problems.length === 0 && hostileCase.verify) {
      try {
        problems.push(...hostileCase.verify({ db, report, hostilePath, results }));
      } catch (error) {
        problems.push(`case check threw: ${String(error)}`);
      }
    }
    const what = describeResults(results);
    return {
      name: hostileCase.name,
      handled: problems.length === 0,
      detail: problems.length === 0 ? what : `${what} — ${problems.join('; ')}`,
    };
  } finally {
    db.close();
  }
}
