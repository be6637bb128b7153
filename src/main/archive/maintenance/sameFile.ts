import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** An absolute path with symbolic links resolved (for a file that may not exist yet: its folder's). */
export function canonicalPath(file: string): string {
  const absolute = resolve(file);
  if (existsSync(absolute)) return realpathSync(absolute);
  const folder = dirname(absolute);
  return existsSync(folder) ? resolve(realpathSync(folder), basename(absolute)) : absolute;
}

/**
 * True when `candidate` is the archive file or one of SQLite's files beside it
 * (`-wal`, `-shm`, `-journal`): overwriting any of them would destroy the archive.
 * Hard links count too (same device and inode).
 */
export function isArchiveOrItsSidecar(candidate: string, archiveFile: string): boolean {
  const target = canonicalPath(candidate);
  const archive = canonicalPath(archiveFile);
  if ([archive, `${archive}-wal`, `${archive}-shm`, `${archive}-journal`].includes(target)) return true;
  if (existsSync(target) && existsSync(archive)) {
    const a = statSync(target);
    const b = statSync(archive);
    return a.dev === b.dev && a.ino === b.ino;
  }
  return false;
}
