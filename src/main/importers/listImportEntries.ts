/**
 * Expand the files and folders a user chose into what to import: plain files,
 * web archives (WARC, WACZ: recognised by their bytes) and git repositories
 * (whose history is imported, not their working tree).
 */
import { open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { isWebArchiveName, notAContainerReason, sniffContainer } from './containerSniff';
import { downloadLayoutHints } from './downloadLayouts';
import type { ImportEntry } from './importUnit';
import { IMPORTABLE_EXTENSIONS } from './readCaptures';

/** Extensions that may hold a web archive; their bytes decide. */
const CONTAINER_EXTENSIONS = new Set(['.warc', '.gz', '.wacz', '.zip']);
const SNIFF_BYTES = 64 * 1024;

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

/** The first bytes of a file, for recognising containers. */
async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A folder is a git repository when it has `.git`, or looks like a bare repository. */
function isRepositoryListing(names: ReadonlySet<string>): boolean {
  return names.has('.git') || (names.has('HEAD') && names.has('objects') && names.has('refs'));
}

/** Whether a file found in a folder is one to import: an importable or container extension, or a download layout's page. */
function looksImportable(path: string): boolean {
  const extension = extname(path).toLowerCase();
  // waybackpack saves extension-less URLs as extension-less files: its layout vouches for them.
  return (
    IMPORTABLE_EXTENSIONS.includes(extension) ||
    CONTAINER_EXTENSIONS.has(extension) ||
    downloadLayoutHints(path) !== null
  );
}

/** Why a symbolic link cannot be followed: its missing target, a loop, or the system's reason. */
async function brokenLinkReason(path: string, error: unknown): Promise<string> {
  const code = errorCode(error);
  const target = await readlink(path).catch(() => null);
  if (target !== null && (code === 'ENOENT' || code === 'ENOTDIR')) {
    return `a symbolic link to ${target}, which does not exist`;
  }
  return describe(error, 'symbolic link');
}

/**
 * List everything to import under `paths`, sorted by path.
 *
 * Folders are walked recursively, following symbolic links but never into a
 * folder already visited (so link loops end), skipping hidden entries
 * (`.DS_Store`, …). Inside folders only files with an importable extension
 * (.md .markdown .txt .html .htm) are kept, plus web archives recognised from
 * their bytes (.warc, .warc.gz, .wacz, whatever the compression says); a
 * folder that is a git repository becomes one `git` entry and is not walked.
 * A file named explicitly is always listed, whatever its name. Paths that do
 * not exist or cannot be read are returned as problems instead of failing the
 * whole listing. A file reached twice is listed once.
 */
export async function listImportEntries(
  paths: string[],
): Promise<{ entries: ImportEntry[]; problems: ListingProblem[] }> {
  const entries = new Map<string, ImportEntry>();
  const problems: ListingProblem[] = [];
  const visitedFolders = new Set<string>();

  const add = (entry: ImportEntry): void => {
    const key = resolve(entry.path);
    if (!entries.has(key)) entries.set(key, entry);
  };
  /** A file: a plain file when its extension is importable, else a container if its bytes say so. */
  const addFile = async (path: string, size: number, explicit: boolean): Promise<void> => {
    const extension = extname(path).toLowerCase();
    if (!IMPORTABLE_EXTENSIONS.includes(extension) && (explicit || CONTAINER_EXTENSIONS.has(extension))) {
      let kind: 'warc' | 'wacz' | null;
      let firstBytes: Buffer;
      try {
        firstBytes = await head(path);
        kind = sniffContainer(path, firstBytes);
      } catch (error) {
        problems.push({ path, reason: describe(error, 'file') });
        return;
      }
      if (kind) return add({ kind, path, size });
      // Named like a web archive but not one (corrupt gzip, a renamed file): say so rather than pass it over.
      if (isWebArchiveName(path)) {
        problems.push({ path, reason: notAContainerReason(path, firstBytes) });
        return;
      }
      // A stray .gz or .zip inside a folder is not something the user chose.
      if (!explicit && downloadLayoutHints(path) === null) return;
      return add({ kind: 'file', path, size });
    }
    if (explicit || IMPORTABLE_EXTENSIONS.includes(extension) || downloadLayoutHints(path) !== null) {
      add({ kind: 'file', path, size });
    }
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
    let children;
    try {
      children = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: describe(error, 'folder') });
      return;
    }
    if (isRepositoryListing(new Set(children.map((child) => child.name)))) {
      add({ kind: 'git', path: folder, size: 0 });
      return;
    }
    for (const entry of children) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          // A broken link named like something we import was probably meant to be imported: say so.
          // Other dangling links (a stale editor lock, a link to a folder) are passed over.
          if (looksImportable(path)) problems.push({ path, reason: await brokenLinkReason(path, error) });
          continue;
        }
      }
      if (isDirectory) await walk(path);
      else if (isFile) {
        if (!looksImportable(path)) continue;
        try {
          await addFile(path, (await stat(path)).size, false);
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
    else if (info.isFile()) await addFile(path, info.size, true);
    else problems.push({ path, reason: 'not a regular file or folder' });
  }

  const sorted = [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries: sorted, problems };
}
