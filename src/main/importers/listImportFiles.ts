/**
 * Expand the files and folders a user chose into the list of files to import.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { IMPORTABLE_EXTENSIONS } from './readCaptures';

/** A file to import and its size in bytes. */
export interface ImportFile {
  path: string;
  size: number;
}

/** A chosen path that could not be listed, and why. */
export interface ListingProblem {
  path: string;
  reason: string;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function describe(error: unknown, what: string): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: cannot read ${what}`;
  if (code === 'ELOOP') return 'symbolic link loop';
  return `cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * List every file to import under `paths`, sorted by path.
 *
 * Folders are walked recursively, following symbolic links but never into a
 * folder already visited (so link loops end), skipping hidden entries
 * (`.git`, `.DS_Store`, …) and keeping only files with an importable extension
 * (.md .markdown .txt .html .htm). A file named explicitly is always listed,
 * whatever its name. Paths that do not exist or cannot be read are returned
 * as problems instead of failing the whole listing. A file reached twice is
 * listed once.
 */
export async function listImportFiles(paths: string[]): Promise<{ files: ImportFile[]; problems: ListingProblem[] }> {
  const files = new Map<string, ImportFile>();
  const problems: ListingProblem[] = [];
  const visitedFolders = new Set<string>();

  const addFile = (path: string, size: number): void => {
    const key = resolve(path);
    if (!files.has(key)) files.set(key, { path, size });
  };

  const walk = async (folder: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(folder);
    } catch (error) {
      problems.push({ path: folder, reason: describe(error, 'folder') });
      return;
    }
    if (visitedFolders.has(real)) return;
    visitedFolders.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: describe(error, 'folder') });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // A dangling link inside a folder is not something the user chose.
        }
      }
      if (isDirectory) await walk(path);
      else if (isFile && IMPORTABLE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
        try {
          addFile(path, (await stat(path)).size);
        } catch (error) {
          problems.push({ path, reason: describe(error, 'file') });
        }
      }
    }
  };

  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ path, reason: describe(error, 'file or folder') });
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else if (info.isFile()) addFile(path, info.size);
    else problems.push({ path, reason: 'not a regular file or folder' });
  }

  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, problems };
}
