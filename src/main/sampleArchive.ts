import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { hasImportHistory } from './archive/queries';
import type { ImportService } from './importService';

/**
 * First launch: fill a new, never-used archive with the sample policies bundled in
 * `resources/samples`, through the normal import (so the user sees its progress).
 * An archive that has ever imported anything is left alone, even if now empty.
 * Returns whether an import was started.
 */
export function seedSampleArchiveIfEmpty(db: Database.Database, imports: ImportService, samplesDir: string): boolean {
  if (hasImportHistory(db)) return false;
  if (!existsSync(samplesDir)) throw new Error(`the bundled samples are missing (${samplesDir})`);
  imports.start({ paths: [samplesDir] });
  return true;
}
