import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { openArchive } from '../../src/main/archive/database';
import { runImport } from '../../src/main/importers/pipeline';
import { tempDir } from './paths';

/**
 * A real archive in a temp folder with `paths` imported through the real
 * pipeline, for the tests of the enclosing describe block. Call inside a
 * describe; read the database through the returned getter in tests.
 */
export function useImportedArchive(paths: readonly string[]): () => Database.Database {
  let db: Database.Database | undefined;
  let cleanup: (() => void) | undefined;
  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    db = openArchive(join(temp.dir, 'archive.sqlite'));
    await runImport(db, [...paths]);
  });
  afterAll(() => {
    db?.close();
    cleanup?.();
  });
  return () => {
    if (!db) throw new Error('the archive is opened in beforeAll: read it inside a test');
    return db;
  };
}
