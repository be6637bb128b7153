import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/archive/migrations';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { aCapture } from './captureBuilder';
import { tempDir } from './tempArchive';

const SOURCE = 'a'.repeat(64);
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((cleanup) => cleanup());
  cleanups = [];
});

function scratch(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

function open(file: string, options?: Parameters<typeof openArchive>[1]): Database.Database {
  const db = openArchive(file, options);
  cleanups.unshift(() => db.close());
  return db;
}

describe('openArchive', () => {
  it('creates a new archive, with its folders, at the latest schema version in WAL mode', () => {
    const file = join(scratch(), 'nested', 'deeper', 'archive.sqlite');
    const db = open(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['vendors', 'documents', 'snapshots', 'texts', 'blocks', 'blocks_fts']),
    );
  });

  it('reopens an existing archive without migrating again or losing data', () => {
    const file = join(scratch(), 'archive.sqlite');
    const first = openArchive(file);
    const writer = new ArchiveWriter(first);
    const importId = writer.beginImport('first');
    writer.addCapture(importId, aCapture(), SOURCE);
    writer.finishImport(importId, 'done');
    const schemaBefore = first.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all();
    first.close();

    const again = open(file);
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    expect(again.prepare('SELECT sql FROM sqlite_master ORDER BY name').pluck().all()).toEqual(schemaBefore);
    expect(again.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    expect(again.prepare("SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH 'collect'").all()).toHaveLength(1);
  });

  it('refuses a file written by a newer version, naming the file, and leaves it untouched', () => {
    const file = join(scratch(), 'from-the-future.sqlite');
    const db = openArchive(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => openArchive(file)).toThrow(/newer version/);
    expect(() => openArchive(file)).toThrow(file);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    raw.close();
  });

  it('refuses a file that is not SQLite, naming it, and does not change it', () => {
    const file = join(scratch(), 'notes.sqlite');
    const content = 'This is a text file that someone picked by mistake.\n'.repeat(200);
    writeFileSync(file, content);
    expect(() => openArchive(file)).toThrow(new RegExp(`${escape(file)}.*not a SQLite database`));
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses the SQLite database of another application without adding tables to it', () => {
    const file = join(scratch(), 'other-app.db');
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();

    expect(() => openArchive(file)).toThrow(/not a policy archive/);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['contacts']);
    raw.close();
  });

  it('opens an archive read-only: reading works, writing is refused', () => {
    const file = join(scratch(), 'archive.sqlite');
    openArchive(file).close();
    const db = open(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM vendors').pluck().get()).toBe(0);
    expect(() => new ArchiveWriter(db).beginImport('x')).toThrow(/readonly/i);
  });

  it('names the file when a read-only open finds nothing there', () => {
    const file = join(scratch(), 'missing.sqlite');
    expect(() => openArchive(file, { readonly: true })).toThrow(file);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
