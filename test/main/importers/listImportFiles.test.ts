import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listImportFiles } from '../../../src/main/importers/listImportFiles';
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

describe('listImportFiles', () => {
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

  it('skips hidden files and folders, .git included', async () => {
    write('.git/objects/readme.md');
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
    const { files, problems } = await listImportFiles([join(dir, 'site'), policy]);
    expect(problems).toEqual([]);
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
