import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src/main/archive/database';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { searchArchive } from '../../../src/main/search/search';
import { checkFtsIntegrity } from '../archive/tempArchive';
import { samplesDir, tempDir } from '../../support/paths';

// The index is updated in the import's own transactions: searches see new
// snapshots at once, on the importing connection and on another one, and an
// undone import's text disappears, without any rebuild step.

const history = join(samplesDir, 'princeton-history');
let cleanup: () => void;
let file: string;
let app: Database.Database;
let reader: Database.Database | undefined;

beforeAll(() => {
  const temp = tempDir('pae-search-incremental-');
  cleanup = temp.cleanup;
  file = join(temp.dir, 'archive.sqlite');
  app = openArchive(file);
});
afterAll(() => {
  reader?.close();
  app.close();
  cleanup();
});

const vendorsFound = (db: Database.Database, query: string): string[] =>
  [...new Set(searchArchive(db, { query }).hits.map((hit) => hit.vendorName))].sort();

describe('incremental search index', () => {
  it('finds snapshots added by a later import, on the importing connection and another one', async () => {
    await runImport(app, [join(history, 'protolabs.com')]);
    reader = openArchive(file, { readonly: true });
    expect(vendorsFound(app, 'formlabs')).toEqual([]);
    expect(vendorsFound(reader, 'formlabs')).toEqual([]);
    const before = searchArchive(app, { query: 'privacy' }).totalDocuments;

    await runImport(app, [join(history, 'formlabs.com')]);
    expect(vendorsFound(app, 'formlabs')).toEqual(['formlabs.com']);
    expect(vendorsFound(reader, 'formlabs')).toEqual(['formlabs.com']);
    expect(searchArchive(app, { query: 'privacy' }).totalDocuments).toBe(before + 1);
    // Every snapshot of the new vendor is reachable, with filters too.
    const [hit] = searchArchive(reader, { query: 'formlabs', filters: { latestOnly: true } }).hits;
    expect(hit?.snapshot.capturedAt.slice(0, 4)).toBe('2017');
    checkFtsIntegrity(app);
  });

  it('no longer finds the text of an import that was undone', async () => {
    const report = await runImport(app, [join(history, 'ultimaker.com'), join(history, 'artec3d.com')]);
    expect(vendorsFound(app, 'ultimaker OR artec')).toEqual(['artec3d.com', 'ultimaker.com']);
    expect(vendorsFound(reader!, 'ultimaker OR artec')).toEqual(['artec3d.com', 'ultimaker.com']);

    // What a cancelled import does: remove every row it added, in one transaction.
    new ArchiveWriter(app).undoImport(report.importId);
    expect(vendorsFound(app, 'ultimaker OR artec')).toEqual([]);
    expect(vendorsFound(reader!, 'ultimaker OR artec')).toEqual([]);
    expect(searchArchive(app, { query: 'ultimaker', filters: { latestOnly: true } }).hits).toEqual([]);
    // What earlier imports added is still found.
    expect(vendorsFound(app, 'formlabs')).toEqual(['formlabs.com']);
    checkFtsIntegrity(app);
  });

  it('finds nothing of an import cancelled through the pipeline', async () => {
    const controller = new AbortController();
    const report = await runImport(app, [join(history, '3dhubs.com')], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(report.cancelled).toBe(true);
    expect(vendorsFound(app, '"3d hubs" OR 3dhubs')).toEqual([]);
    expect(vendorsFound(app, 'formlabs')).toEqual(['formlabs.com']);
    // The same import, not cancelled, is found.
    await runImport(app, [join(history, '3dhubs.com')]);
    expect(vendorsFound(app, '"3d hubs" OR 3dhubs')).toEqual(['3dhubs.com']);
  });
});
