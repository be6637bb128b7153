/**
 * Git repositories whose history is the archive: an Open Terms Archive
 * versions repository (`<Service>/<Terms type>.md`, one commit per recorded
 * change) and the Princeton dataset (`f/fo/for/<domain>.md|.html`, one commit
 * per snapshot). Every commit of HEAD's first-parent chain that adds or
 * changes such a file becomes a unit whose bytes are that commit's blob, not
 * the checked-out file.
 */
import { basename } from 'node:path';
import { vendorKeyOf } from '../extract/vendorKey';
import {
  TreeReader,
  changedFiles,
  firstParentHistory,
  headCommit,
  closeGitRepository,
  openGitRepository,
  readBlobBytes,
} from './gitRepository';
import type { GitRepository, PathFilter } from './gitRepository';
import type { CaptureHints, ExpandOptions, ImportEntry, ImportUnit } from './importUnit';
import { documentKeyOf } from './openTermsArchive';

export { isGitRepository } from './gitRepository';

/** The repository layouts whose files are snapshots. */
export type GitLayout = 'open-terms-archive' | 'princeton';

/**
 * Open Terms Archive commits that rewrite versions without the terms having
 * changed (a new filter, an engine upgrade): not versions of their own.
 */
const TECHNICAL_COMMIT_PREFIXES = ['Apply technical or declaration upgrade on', 'Refilter'];
const PRINCETON_FILE = /^(.+)\.(?:md|html)$/i;

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** `<Service>/<Terms type>.md`: exactly two path segments. */
const openTermsArchiveLayout: PathFilter = {
  descend: (segments) => segments.length === 1 && !isHidden(segments[0] ?? '.'),
  accept: ([service, file, ...rest]) =>
    service !== undefined &&
    file !== undefined &&
    rest.length === 0 &&
    !isHidden(service) &&
    !isHidden(file) &&
    file.length > '.md'.length &&
    file.toLowerCase().endsWith('.md'),
};

/** Whether each prefix folder is the domain's first 1, 2, 3 letters (`f/fo/for`). */
function isPrincetonPrefix(folders: readonly string[]): boolean {
  return folders.every((folder, index) => {
    const previous = index === 0 ? '' : (folders[index - 1] ?? '');
    return folder.length === index + 1 && !isHidden(folder) && folder.toLowerCase().startsWith(previous.toLowerCase());
  });
}

/** `<c1>/<c1c2>/<c1c2c3>/<domain>.md|.html`. */
const princetonLayout: PathFilter = {
  descend: (segments) => segments.length <= 3 && isPrincetonPrefix(segments),
  accept: (segments) => {
    if (segments.length !== 4) return false;
    const folders = segments.slice(0, 3);
    const domain = PRINCETON_FILE.exec(segments[3] ?? '')?.[1];
    return (
      domain !== undefined &&
      isPrincetonPrefix(folders) &&
      domain.toLowerCase().startsWith((folders[2] ?? '').toLowerCase())
    );
  },
};

const LAYOUT_FILTERS: Record<GitLayout, PathFilter> = {
  'open-terms-archive': openTermsArchiveLayout,
  princeton: princetonLayout,
};

function combinedFilter(layouts: readonly GitLayout[]): PathFilter {
  const filters = layouts.map((layout) => LAYOUT_FILTERS[layout]);
  return {
    descend: (segments) => filters.some((filter) => filter.descend(segments)),
    accept: (segments) => filters.some((filter) => filter.accept(segments)),
  };
}

/** Whether the tree at `oid` (path `segments`) holds a file `filter` accepts; depth-first, stops at the first. */
async function holdsAcceptedFile(
  trees: TreeReader,
  oid: string,
  filter: PathFilter,
  segments: readonly string[],
): Promise<boolean> {
  for (const entry of await trees.read(oid)) {
    const path = [...segments, entry.path];
    if (entry.type === 'blob' && filter.accept(path)) return true;
    if (entry.type === 'tree' && filter.descend(path) && (await holdsAcceptedFile(trees, entry.oid, filter, path))) {
      return true;
    }
  }
  return false;
}

/** Which layouts the tree of commit `head` uses (none, one or both). */
export async function detectGitLayouts(repo: GitRepository, head: string): Promise<GitLayout[]> {
  const trees = new TreeReader(repo);
  const found: GitLayout[] = [];
  for (const layout of ['open-terms-archive', 'princeton'] as const) {
    if (await holdsAcceptedFile(trees, head, LAYOUT_FILTERS[layout], [])) found.push(layout);
  }
  return found;
}

/** Whether an Open Terms Archive commit message marks a technical rewrite rather than a recorded change. */
export function isTechnicalCommit(message: string): boolean {
  const subject = message.trimStart();
  return TECHNICAL_COMMIT_PREFIXES.some((prefix) => subject.startsWith(prefix));
}

/** Seconds since the epoch → ISO 8601 UTC, second precision. */
function isoSeconds(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hintsFor(path: string, capturedAt: string): CaptureHints {
  const segments = path.split('/');
  const dated = { origin: 'git', capturedAt, capturedAtSource: 'commit-date' } as const;
  if (segments.length !== 2) return { ...dated };
  const service = segments[0] ?? '';
  const termsType = (segments[1] ?? '').slice(0, -'.md'.length);
  return {
    ...dated,
    format: 'open-terms-archive',
    vendor: { key: vendorKeyOf(service) || service.trim().toLowerCase(), displayName: service },
    document: { key: documentKeyOf(termsType) || 'terms', title: termsType },
  };
}

function unitKeyPrefix(repo: GitRepository): string {
  return `git:${repo.dir}`;
}

function skippedRepository(repo: GitRepository, reason: string): ImportUnit {
  return {
    key: unitKeyPrefix(repo),
    label: basename(repo.dir),
    size: 0,
    hints: { origin: 'git' },
    skip: reason,
    read: () => Promise.reject(new Error(`${repo.dir}: ${reason}`)),
  };
}

/** What went wrong, in words a user can act on. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withRepositoryName(repo: GitRepository, error: unknown): Error {
  const reason = reasonOf(error);
  if (reason.includes(repo.dir)) return error instanceof Error ? error : new Error(reason);
  return new Error(`${repo.dir}: cannot read the git history: ${reason}`, { cause: error });
}

/** `source`, with its errors prefixed by the repository path (object-store errors name only an object id). */
async function* naming<T>(repo: GitRepository, source: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    for (;;) {
      let step: IteratorResult<T>;
      try {
        step = await source.next();
      } catch (error) {
        throw withRepositoryName(repo, error);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await source.return(undefined);
  }
}

/**
 * The units of a git repository: for each commit of HEAD's first-parent
 * chain, oldest first, one unit per Open Terms Archive or Princeton file the
 * commit added or changed against its first parent (deleted files yield
 * nothing). Open Terms Archive files of technical-upgrade and refilter
 * commits are not versions and yield nothing; the next real change is still
 * compared with the tree they left. Commits are read one at a time; `read()`
 * returns the blob as committed. Stops without error when `options.signal`
 * aborts. A repository without commits, or whose HEAD has neither layout,
 * yields one skipped unit saying so.
 *
 * Unit key `git:<absolute repo path>@<commit>:<file>`, label
 * `<repo folder>@<short commit>:<file>`; size 0 (a blob's size is only known
 * once read).
 */
export async function* expandGitRepository(
  entry: Extract<ImportEntry, { kind: 'git' }>,
  options: ExpandOptions,
): AsyncGenerator<ImportUnit> {
  const repo = await openGitRepository(entry.path);
  try {
    yield* repositoryUnits(repo, options);
  } finally {
    // Pack files stay open while the history is read; a skipped or cancelled walk must close them too.
    closeGitRepository(repo);
  }
}

async function* repositoryUnits(repo: GitRepository, options: ExpandOptions): AsyncGenerator<ImportUnit> {
  const signal = options.signal;
  let head: string | null;
  let layouts: GitLayout[];
  try {
    head = await headCommit(repo);
    layouts = head === null ? [] : await detectGitLayouts(repo, head);
  } catch (error) {
    throw withRepositoryName(repo, error);
  }
  if (head === null) {
    yield skippedRepository(repo, 'git repository has no commits');
    return;
  }
  if (layouts.length === 0) {
    yield skippedRepository(
      repo,
      'no Open Terms Archive (<Service>/<Terms type>.md) or Princeton (f/fo/for/<domain>.md) files at HEAD of this git repository',
    );
    return;
  }
  const name = basename(repo.dir);
  const everyLayout = combinedFilter(layouts);
  const withoutOpenTermsArchive = layouts.filter((layout) => layout !== 'open-terms-archive');
  const realChangesOnly = withoutOpenTermsArchive.length > 0 ? combinedFilter(withoutOpenTermsArchive) : null;
  const trees = new TreeReader(repo);
  let parentTree: string | null = null;
  for await (const { oid: commitOid, commit } of naming(repo, firstParentHistory(repo, head, signal))) {
    const filter = isTechnicalCommit(commit.message) ? realChangesOnly : everyLayout;
    if (filter !== null) {
      const capturedAt = isoSeconds(commit.committer.timestamp);
      for await (const file of naming(repo, changedFiles(trees, parentTree, commit.tree, filter))) {
        yield {
          key: `${unitKeyPrefix(repo)}@${commitOid}:${file.path}`,
          label: `${name}@${commitOid.slice(0, 7)}:${file.path}`,
          size: 0,
          hints: hintsFor(file.path, capturedAt),
          read: () =>
            readBlobBytes(repo, file.oid).catch((error: unknown) => {
              throw new Error(`${repo.dir}: cannot read ${file.path} at commit ${commitOid}: ${reasonOf(error)}`, {
                cause: error,
              });
            }),
        };
        if (signal?.aborted) return;
      }
    }
    parentTree = commit.tree;
    trees.nextCommit();
  }
}
