/**
 * Low-level reading of a git repository in pure Node (the app must not need
 * the git CLI, which Windows users often lack): finding the git directory,
 * resolving HEAD, the first-parent history of HEAD, and which files a commit
 * changed. Objects are read on demand through `ObjectDatabase`, which reads
 * pack files in place (packs of any size, bounded memory); nothing here holds
 * a whole tree of a big repository in memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { EMPTY_TREE, GitObjectMissingError, ObjectDatabase } from './gitObjects';
import type { GitCommit, GitTreeEntry } from './gitObjects';

/** A git repository opened for reading. */
export interface GitRepository {
  /** Absolute path the user chose (working tree, or the bare repository itself). */
  dir: string;
  /** Where HEAD lives (differs from `objectsDir` for a linked worktree). */
  gitdir: string;
  /** Where objects and branch refs live (the git directory shared by every worktree). */
  objectsDir: string;
  /** The repository's objects. */
  objects: ObjectDatabase;
}

/** One commit of the history, as the diff needs it. */
export interface HistoryCommit {
  oid: string;
  commit: GitCommit;
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

const OBJECT_ID = /^[0-9a-f]{40}$/;
const SHA256_OBJECT_ID = /^[0-9a-f]{64}$/;
const SYMLINK_MODE = '120000';
/** Refs that live in a worktree's own git directory rather than the shared one. */
const PER_WORKTREE_REF = /^(?:HEAD|refs\/(?:bisect|worktree|rewritten)\/)/;
const MAX_SYMBOLIC_REFS = 5;

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

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
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
  return { dir: absolute, gitdir, objectsDir, objects: new ObjectDatabase(join(objectsDir, 'objects')) };
}

/**
 * Close the repository's open pack files (reading again reopens them).
 * `firstParentHistory` does this when its walk ends; a repository dropped
 * without closing has them closed when it is garbage-collected.
 */
export function closeGitRepository(repo: GitRepository): void {
  repo.objects.close();
}

/** The value of ref `name` (`refs/heads/main`) from `packed-refs`, or null. */
async function packedRef(repo: GitRepository, name: string): Promise<string | null> {
  const file = join(repo.objectsDir, 'packed-refs');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
  for (const line of text.split('\n')) {
    // `<oid> <name>`; `#` starts the header, `^<oid>` peels the tag above.
    const space = line.indexOf(' ');
    if (space > 0 && !line.startsWith('#') && !line.startsWith('^') && line.slice(space + 1).trimEnd() === name) {
      return line.slice(0, space);
    }
  }
  return null;
}

/** Follow `value` (an object id, or `ref: <name>` naming a loose or packed ref) to an object id; null for an unborn branch. */
async function resolveRefValue(repo: GitRepository, value: string, where: string, depth = 0): Promise<string | null> {
  if (OBJECT_ID.test(value)) return value;
  if (SHA256_OBJECT_ID.test(value)) throw new Error(`${where}: SHA-256 repositories are not supported`);
  const name = /^ref:\s*(\S+)$/.exec(value)?.[1];
  if (name === undefined || name.split('/').includes('..'))
    throw new Error(`${where}: not a ref (${JSON.stringify(value)})`);
  if (depth >= MAX_SYMBOLIC_REFS) throw new Error(`${where}: symbolic refs nest too deep`);
  const file = join(PER_WORKTREE_REF.test(name) ? repo.gitdir : repo.objectsDir, name);
  let loose: string | null;
  try {
    loose = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (!isMissingFile(error) && (error as { code?: unknown }).code !== 'EISDIR') throw error;
    loose = null;
  }
  if (loose !== null) return resolveRefValue(repo, loose, file, depth + 1);
  const packed = await packedRef(repo, name);
  return packed === null ? null : resolveRefValue(repo, packed, join(repo.objectsDir, 'packed-refs'), depth + 1);
}

/** The commit HEAD points at, or null when the current branch has no commits yet. */
export async function headCommit(repo: GitRepository): Promise<string | null> {
  const file = join(repo.gitdir, 'HEAD');
  return resolveRefValue(repo, (await readFile(file, 'utf8')).trim(), file);
}

/** Read one commit object. */
export async function readHistoryCommit(repo: GitRepository, oid: string): Promise<HistoryCommit> {
  return { oid, commit: repo.objects.readCommit(oid) };
}

/** A blob's bytes. */
export async function readBlobBytes(repo: GitRepository, oid: string): Promise<Buffer> {
  return repo.objects.readBlob(oid);
}

/**
 * The commits of HEAD's first-parent chain, oldest first (merged side
 * branches are seen as the merge commit's change against its first parent).
 * The chain is listed first as 20-byte ids only (20 MB for a million
 * commits); each commit object is read again when its turn comes. A shallow
 * clone's history starts at its oldest available commit. Stops, without
 * error, when `signal` aborts. The repository's pack files are closed when
 * the walk ends (the caller has read every unit by then).
 */
export async function* firstParentHistory(
  repo: GitRepository,
  head: string,
  signal?: AbortSignal,
): AsyncGenerator<HistoryCommit> {
  try {
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
        if (count > 0 && error instanceof GitObjectMissingError) break;
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
  } finally {
    closeGitRepository(repo);
  }
}

/**
 * Reads trees, remembering those of the previous commit: walking a
 * first-parent chain, a commit's trees are its child's "before" trees, so
 * each changed tree is read once, and memory holds two commits' worth.
 */
export class TreeReader {
  private previous = new Map<string, GitTreeEntry[]>();
  private current = new Map<string, GitTreeEntry[]>();

  constructor(private readonly repo: GitRepository) {}

  /** The entries of tree (or commit) `oid`; the empty tree for null. */
  async read(oid: string | null): Promise<GitTreeEntry[]> {
    const key = oid ?? EMPTY_TREE;
    const known = this.current.get(key) ?? this.previous.get(key);
    if (known) {
      this.current.set(key, known);
      return known;
    }
    const tree = this.repo.objects.readTree(key);
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
 * No generic tree walk (such as isomorphic-git's `walk`): that reads every
 * child directory of a visited directory before it can be pruned, which for the
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
