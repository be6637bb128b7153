/**
 * Low-level reading of a git repository with isomorphic-git (pure JS: the app
 * must not need the git CLI, which Windows users often lack): finding the git
 * directory, the first-parent history of HEAD, and which files a commit
 * changed. Objects are read on demand; nothing here holds a whole tree of a
 * big repository in memory.
 */
import * as fs from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Errors, readBlob, readCommit, readTree, resolveRef } from 'isomorphic-git';
import type { CommitObject, PromiseFsClient, TreeEntry } from 'isomorphic-git';

/** A git repository opened for reading. */
export interface GitRepository {
  /** Absolute path the user chose (working tree, or the bare repository itself). */
  dir: string;
  /** Where HEAD lives (differs from `objectsDir` for a linked worktree). */
  gitdir: string;
  /** Where objects and branch refs live. */
  objectsDir: string;
  /** isomorphic-git's cache (pack indexes, packs), shared by every call on this repository. */
  cache: object;
  /** The file system isomorphic-git reads through (see `objectStoreFs`). */
  fs: ObjectStoreFs;
}

/** One commit of the history, as the diff needs it. */
export interface HistoryCommit {
  oid: string;
  commit: CommitObject;
}

/** A file a commit added or changed. */
export interface ChangedFile {
  /** Slash-separated path from the repository root. */
  path: string;
  /** The blob's object id. */
  oid: string;
}

/**
 * Which paths a diff looks at, so a commit touching one file of a 100k-file
 * tree reads only the trees on that file's path.
 */
export interface PathFilter {
  /** Whether to look inside the directory at `segments` (its path split on '/'). */
  descend(segments: readonly string[]): boolean;
  /** Whether the file at `segments` is wanted. */
  accept(segments: readonly string[]): boolean;
}

/** The hash of the empty tree, which isomorphic-git knows without reading it. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const OBJECT_ID = /^[0-9a-f]{40}$/;
const SYMLINK_MODE = '120000';

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** node:fs for isomorphic-git, answering the object store's repeated lookups from memory. */
export interface ObjectStoreFs extends PromiseFsClient {
  /** Drop what was remembered (objects were repacked while reading). */
  forget(): void;
}

const OBJECT_DIRECTORY = /[\\/]objects[\\/](?:pack|[0-9a-f]{2})$/;
const LOOSE_OBJECT = /[\\/]objects[\\/][0-9a-f]{2}[\\/][0-9a-f]{38}$/;

/**
 * The file system isomorphic-git reads a repository through. For every object
 * it reads, isomorphic-git stats the git directory, tries the loose object
 * file (usually missing: a fresh throw with a stack trace each time) and lists
 * `objects/pack`; that was 40 % of the time per commit on a packed
 * history. Here the listings of `objects/pack` and `objects/xx` are read once
 * and answer those lookups, and a missing loose object fails with one shared
 * error. Objects never change once written, so the listings stay right until
 * a repack; readers call `forget()` and retry when an object goes missing.
 */
export function objectStoreFs(gitdirs: readonly string[]): ObjectStoreFs {
  const promises = fs.promises;
  const missing = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
  let listings = new Map<string, Promise<Set<string> | null>>();
  let stats = new Map<string, Promise<fs.Stats>>();
  const listing = (directory: string): Promise<Set<string> | null> => {
    let names = listings.get(directory);
    if (!names) {
      names = promises.readdir(directory).then(
        (entries) => new Set(entries),
        () => null,
      );
      listings.set(directory, names);
    }
    return names;
  };
  return {
    promises: {
      readFile: async (path: unknown, options?: unknown): Promise<Buffer | string> => {
        // isomorphic-git probes for a promise API by calling readFile() with no path.
        if (typeof path !== 'string') throw missing;
        if (LOOSE_OBJECT.test(path) && !(await listing(dirname(path)))?.has(basename(path))) throw missing;
        return promises.readFile(path, options as fs.ObjectEncodingOptions);
      },
      readdir: async (path: string): Promise<string[]> => {
        if (!OBJECT_DIRECTORY.test(path)) return promises.readdir(path);
        const names = await listing(path);
        if (!names) throw missing;
        return [...names];
      },
      stat: (path: string): Promise<fs.Stats> => {
        if (!gitdirs.includes(path)) return promises.stat(path);
        let known = stats.get(path);
        if (!known) {
          known = promises.stat(path);
          stats.set(path, known);
        }
        return known;
      },
      lstat: promises.lstat.bind(promises),
      writeFile: promises.writeFile.bind(promises),
      mkdir: promises.mkdir.bind(promises),
      rmdir: promises.rmdir.bind(promises),
      unlink: promises.unlink.bind(promises),
      readlink: promises.readlink.bind(promises),
      symlink: promises.symlink.bind(promises),
    },
    forget: () => {
      listings = new Map();
      stats = new Map();
    },
  };
}

/**
 * Run a read; when an object is missing, forget the remembered listings and
 * try once more (a `git gc` may have packed loose objects meanwhile).
 */
async function readingObjects<T>(repo: GitRepository, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof Errors.NotFoundError)) throw error;
    repo.fs.forget();
    return read();
  }
}

/** Whether `dir` itself is a git directory: a bare repository or the inside of `.git`. */
async function isGitDirectory(dir: string): Promise<boolean> {
  if (!(await isFile(join(dir, 'HEAD'))) || !(await isDirectory(join(dir, 'objects')))) return false;
  const head = await readFile(join(dir, 'HEAD'), 'utf8').catch(() => '');
  return head.startsWith('ref: ') || OBJECT_ID.test(head.trim());
}

/**
 * Whether `dir` is a git repository: a folder with a `.git` directory (or a
 * `.git` file pointing elsewhere, as worktrees, submodules and
 * `--separate-git-dir` make), or a bare repository.
 */
export async function isGitRepository(dir: string): Promise<boolean> {
  if (!(await isDirectory(dir))) return false;
  const dotGit = join(dir, '.git');
  if (await isDirectory(dotGit)) return true;
  if (await isFile(dotGit)) {
    const text = await readFile(dotGit, 'utf8').catch(() => '');
    return text.startsWith('gitdir:');
  }
  return isGitDirectory(dir);
}

/**
 * Open the repository at `dir` for reading. Throws an Error naming `dir`
 * when it is not a git repository.
 */
export async function openGitRepository(dir: string): Promise<GitRepository> {
  const absolute = resolve(dir);
  let gitdir: string;
  const dotGit = join(absolute, '.git');
  if (await isDirectory(dotGit)) {
    gitdir = dotGit;
  } else if (await isFile(dotGit)) {
    const text = (await readFile(dotGit, 'utf8')).trim();
    if (!text.startsWith('gitdir:')) throw new Error(`${absolute}: .git file does not name a git directory`);
    const target = text.slice('gitdir:'.length).trim();
    gitdir = isAbsolute(target) ? target : resolve(absolute, target);
  } else if (await isGitDirectory(absolute)) {
    gitdir = absolute;
  } else {
    throw new Error(`${absolute}: not a git repository`);
  }
  // A linked worktree's git directory holds its HEAD; objects and branches are in the common one.
  const commondir = await readFile(join(gitdir, 'commondir'), 'utf8').catch(() => null);
  const objectsDir = commondir === null ? gitdir : resolve(gitdir, commondir.trim());
  return { dir: absolute, gitdir, objectsDir, cache: {}, fs: objectStoreFs([gitdir, objectsDir]) };
}

/** The commit HEAD points at, or null when the current branch has no commits yet. */
export async function headCommit(repo: GitRepository): Promise<string | null> {
  try {
    if (repo.gitdir !== repo.objectsDir) {
      const head = (await readFile(join(repo.gitdir, 'HEAD'), 'utf8')).trim();
      if (OBJECT_ID.test(head)) return head;
      const ref = head.replace(/^ref:\s*/, '');
      return await resolveRef({ fs: repo.fs, gitdir: repo.objectsDir, ref });
    }
    return await resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: 'HEAD' });
  } catch (error) {
    if (error instanceof Errors.NotFoundError) return null;
    throw error;
  }
}

/** Read one commit object. */
export async function readHistoryCommit(repo: GitRepository, oid: string): Promise<HistoryCommit> {
  const result = await readingObjects(repo, () =>
    readCommit({ fs: repo.fs, gitdir: repo.objectsDir, oid, cache: repo.cache }),
  );
  return { oid: result.oid, commit: result.commit };
}

/** A blob's bytes. */
export async function readBlobBytes(repo: GitRepository, oid: string): Promise<Buffer> {
  const { blob } = await readingObjects(repo, () =>
    readBlob({ fs: repo.fs, gitdir: repo.objectsDir, oid, cache: repo.cache }),
  );
  return Buffer.from(blob);
}

/**
 * The commits of HEAD's first-parent chain, oldest first (merged side
 * branches are seen as the merge commit's change against its first parent).
 * The chain is listed first as 20-byte ids only (20 MB for a million
 * commits); each commit object is read again when its turn comes. A shallow
 * clone's history starts at its oldest available commit. Stops, without
 * error, when `signal` aborts.
 */
export async function* firstParentHistory(
  repo: GitRepository,
  head: string,
  signal?: AbortSignal,
): AsyncGenerator<HistoryCommit> {
  let ids = Buffer.alloc(20 * 1024);
  let count = 0;
  let next: string | undefined = head;
  while (next !== undefined) {
    if (signal?.aborted) return;
    let current: HistoryCommit;
    try {
      current = await readHistoryCommit(repo, next);
    } catch (error) {
      // A shallow clone lacks the parents of its oldest commits: the history starts there.
      if (count > 0 && error instanceof Errors.NotFoundError) break;
      throw error;
    }
    if (count * 20 === ids.length) {
      const grown = Buffer.alloc(ids.length * 2);
      ids.copy(grown);
      ids = grown;
    }
    ids.write(current.oid, count * 20, 'hex');
    count += 1;
    next = current.commit.parent[0];
  }
  for (let index = count - 1; index >= 0; index -= 1) {
    if (signal?.aborted) return;
    yield await readHistoryCommit(repo, ids.toString('hex', index * 20, index * 20 + 20));
  }
}

/**
 * Reads trees, remembering those of the previous commit: walking a
 * first-parent chain, a commit's trees are its child's "before" trees, so
 * each changed tree is read once, and memory holds two commits' worth.
 */
export class TreeReader {
  private previous = new Map<string, TreeEntry[]>();
  private current = new Map<string, TreeEntry[]>();

  constructor(private readonly repo: GitRepository) {}

  /** The entries of tree (or commit) `oid`; the empty tree for null. */
  async read(oid: string | null): Promise<TreeEntry[]> {
    const key = oid ?? EMPTY_TREE;
    const known = this.current.get(key) ?? this.previous.get(key);
    if (known) {
      this.current.set(key, known);
      return known;
    }
    const repo = this.repo;
    const { tree } = await readingObjects(repo, () =>
      readTree({ fs: repo.fs, gitdir: repo.objectsDir, oid: key, cache: repo.cache }),
    );
    this.current.set(key, tree);
    return tree;
  }

  /** Move to the next commit: forget trees older than the one just walked. */
  nextCommit(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/**
 * Files added or changed between tree `before` (null: empty) and tree
 * `after`, in git's path order. Comparing object ids, only directories whose
 * ids differ (and that `filter` wants) are read, so a commit that touched
 * one file costs a few tree reads whatever the size of the tree. Deleted
 * files, submodules and symbolic links are not reported.
 *
 * isomorphic-git's `walk` is not used: it reads every child directory of a
 * visited directory before its map function can prune them, which for the
 * Princeton layout (about 40 subfolders per level) costs hundreds of reads
 * per commit instead of a handful.
 */
export async function* changedFiles(
  trees: TreeReader,
  before: string | null,
  after: string,
  filter: PathFilter,
  segments: readonly string[] = [],
): AsyncGenerator<ChangedFile> {
  if (before === after) return;
  const [beforeEntries, afterEntries] = await Promise.all([trees.read(before), trees.read(after)]);
  const previous = new Map(beforeEntries.map((entry) => [entry.path, entry]));
  for (const entry of afterEntries) {
    const old = previous.get(entry.path);
    if (old && old.oid === entry.oid && old.type === entry.type) continue;
    const path = [...segments, entry.path];
    if (entry.type === 'tree') {
      if (filter.descend(path)) {
        yield* changedFiles(trees, old?.type === 'tree' ? old.oid : null, entry.oid, filter, path);
      }
    } else if (entry.type === 'blob' && entry.mode !== SYMLINK_MODE && filter.accept(path)) {
      yield { path: path.join('/'), oid: entry.oid };
    }
  }
}
