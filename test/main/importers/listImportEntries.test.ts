import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listImportEntries } from '../../../src/main/importers/listImportEntries';

/** The plain files of a listing, as path and size. */
async function listImportFiles(paths: string[]) {
  const { entries, problems } = await listImportEntries(paths);
  return { files: entries.map(({ path, size }) => ({ path, size })), problems, entries };
}
import { samplePath } from './samplePaths';

let dir: string;

function write(relative: string, content = 'x'): string {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'list-import-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('listImportEntries: plain files', () => {
  it('walks folders recursively, sorted by path, with sizes, keeping only importable extensions', async () => {
    write('b/deep/er/policy.HTML', '<p>12345</p>');
    write('a.md', '# A');
    write('b/notes.txt', 'hello');
    write('b/page.htm', '<p/>');
    write('b/x.markdown', '*');
    write('b/image.png', 'png');
    write('b/data.json', '{}');
    write('b/no-extension', 'text');
    const { files, problems } = await listImportFiles([dir]);
    expect(problems).toEqual([]);
    expect(files).toEqual([
      { path: join(dir, 'a.md'), size: 3 },
      { path: join(dir, 'b/deep/er/policy.HTML'), size: 12 },
      { path: join(dir, 'b/notes.txt'), size: 5 },
      { path: join(dir, 'b/page.htm'), size: 4 },
      { path: join(dir, 'b/x.markdown'), size: 1 },
    ]);
  });

  it('skips hidden files and folders', async () => {
    write('.cache/objects/readme.md');
    write('.hidden/policy.md');
    write('.DS_Store.txt');
    write('visible/policy.md');
    const { files } = await listImportFiles([dir]);
    expect(files.map((f) => f.path)).toEqual([join(dir, 'visible/policy.md')]);
  });

  it('always returns files named explicitly, whatever their extension', async () => {
    const pdf = write('policy.pdf', 'pdf');
    const hidden = write('.secret.md', 'md');
    const { files, problems } = await listImportFiles([pdf, hidden]);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.path)).toEqual([hidden, pdf]);
  });

  it('reports paths that do not exist and still lists the rest', async () => {
    const real = write('policy.md');
    const missing = join(dir, 'nope', 'missing.md');
    const { files, problems } = await listImportFiles([missing, real]);
    expect(problems).toEqual([{ path: missing, reason: 'no such file or folder' }]);
    expect(files.map((f) => f.path)).toEqual([real]);
  });

  it('follows symbolic links without looping and lists a file reached twice once', async () => {
    const policy = write('site/policy.md');
    symlinkSync(join(dir, 'site'), join(dir, 'site', 'loop'));
    symlinkSync(join(dir, 'site'), join(dir, 'alias'));
    symlinkSync(join(dir, 'gone'), join(dir, 'site', 'dangling.md'));
    symlinkSync(join(dir, 'gone'), join(dir, 'site', '.#lock-file'));
    const { files, problems } = await listImportFiles([join(dir, 'site'), policy]);
    // A broken link named like a policy is reported (it was probably meant to be imported); others are passed over.
    expect(problems).toEqual([
      {
        path: join(dir, 'site', 'dangling.md'),
        reason: `a symbolic link to ${join(dir, 'gone')}, which does not exist`,
      },
    ]);
    expect(files.map((f) => f.path)).toEqual([policy]);
    const all = await listImportFiles([dir]);
    // Reached through "alias" and "site": the folder is walked once, through whichever came first.
    expect(all.files).toHaveLength(1);
  });

  it('lists every sample file of the shared samples folder', async () => {
    const { files, problems } = await listImportFiles([samplePath('open-terms-archive', 'Le Chat')]);
    expect(problems).toEqual([]);
    expect(files).toHaveLength(6);
    expect(files.every((f) => f.size > 0 && f.path.endsWith('Z.md'))).toBe(true);
  });
});

describe('listImportEntries: containers and repositories', () => {
  const warcText = 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n';

  it('recognises web archives by their bytes, not their names', async () => {
    const gzipped = write('crawls/site.warc', '');
    writeFileSync(gzipped, gzipSync(Buffer.from(warcText)));
    const plain = write('crawls/other.warc.gz', warcText);
    write('crawls/backup.gz', 'not gzip at all');
    writeFileSync(join(dir, 'crawls', 'logs.gz'), gzipSync(Buffer.from('just a log file\n')));
    const { entries, problems } = await listImportEntries([dir]);
    expect(problems).toEqual([]);
    expect(entries.map(({ kind, path }) => ({ kind, path }))).toEqual([
      { kind: 'warc', path: plain },
      { kind: 'warc', path: gzipped },
    ]);
  });

  it('takes a git repository as one entry and does not walk its working tree', async () => {
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/f/fo/for/formlabs.com.md', '# checked out');
    const loose = write('loose/policy.md', '# Policy');
    const { entries } = await listImportEntries([dir]);
    expect(entries.map(({ kind, path }) => ({ kind, path }))).toEqual([
      { kind: 'file', path: loose },
      { kind: 'git', path: join(dir, 'repo') },
    ]);
    const chosen = await listImportEntries([join(dir, 'repo')]);
    expect(chosen.entries.map((entry) => entry.kind)).toEqual(['git']);
  });

  it('keeps an explicitly chosen file of unknown type, for the report to explain', async () => {
    const odd = write('notes.rtf', '{\\rtf1 hello}');
    const { entries } = await listImportEntries([odd]);
    expect(entries).toEqual([{ kind: 'file', path: odd, size: 13 }]);
  });
});
