import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as git from 'isomorphic-git';
import { afterEach, describe, expect, it } from 'vitest';
import { expandGitRepository, isGitRepository } from '../../../src/main/importers/gitHistory';
import type { ImportUnit } from '../../../src/main/importers/importUnit';
import { matchOpenTermsArchivePath, openTermsArchiveCapture } from '../../../src/main/importers/openTermsArchive';
import { parsePrincetonHeader } from '../../../src/main/importers/princeton';
import { samplePath } from './samplePaths';

const temporary: string[] = [];

function tempDir(prefix = 'git-history-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** New, empty repository (isomorphic-git, as a user's app would find it on disk). */
async function newRepo(name = 'versions'): Promise<string> {
  const dir = join(tempDir(), name);
  mkdirSync(dir);
  await git.init({ fs, dir, defaultBranch: 'main' });
  return dir;
}

/**
 * Write (string/Buffer) or delete (null) files, stage them and commit, dated
 * `when` in a UTC+2 time zone (the capture time must still come out in UTC).
 */
async function commit(
  dir: string,
  message: string,
  when: string,
  files: Record<string, string | Buffer | null>,
): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (content === null) {
      rmSync(target);
      await git.remove({ fs, dir, filepath: path });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      await git.add({ fs, dir, filepath: path });
    }
  }
  const person = {
    name: 'Recorder',
    email: 'recorder@example.org',
    timestamp: Date.parse(when) / 1000,
    timezoneOffset: -120,
  };
  return git.commit({ fs, dir, message, author: person, committer: person });
}

/** Run the git CLI (tests only: the app reads repositories with isomorphic-git). */
function gitCli(cwd: string, args: string[], when = '2024-01-01T00:00:00Z'): string {
  return execFileSync('git', ['-c', 'user.name=Tester', '-c', 'user.email=tester@example.org', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

interface ReadUnit {
  unit: ImportUnit;
  bytes: Buffer;
}

/** Expand a repository the way the pipeline does: read each unit before asking for the next. */
async function expand(path: string, signal?: AbortSignal): Promise<ReadUnit[]> {
  const units: ReadUnit[] = [];
  for await (const unit of expandGitRepository({ kind: 'git', path, size: 0 }, { signal })) {
    units.push({ unit, bytes: unit.skip === undefined ? await unit.read() : Buffer.alloc(0) });
  }
  return units;
}

function filePathOf(unit: ImportUnit): string {
  return /@[0-9a-f]{40}:(.*)$/.exec(unit.key)?.[1] ?? '';
}

describe('Open Terms Archive versions repository', () => {
  /** Every sample version, oldest first: what the versions repository recorded. */
  function sampleVersions(): Array<{ service: string; capturedAt: string; path: string }> {
    const root = samplePath('open-terms-archive');
    const versions = readdirSync(root).flatMap((service) =>
      readdirSync(join(root, service, 'Privacy Policy')).map((name) => ({
        service,
        // 2025-11-11T15-20-03Z.md → 2025-11-11T15:20:03Z
        capturedAt: name.replace(/T(\d{2})-(\d{2})-(\d{2})Z\.md$/, 'T$1:$2:$3Z'),
        path: join(root, service, 'Privacy Policy', name),
      })),
    );
    return versions.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.service.localeCompare(b.service));
  }

  it('imports the seven sample services with their full histories, dated by commit, without technical commits', async () => {
    const dir = await newRepo('contrib-versions');
    await commit(dir, 'Initial commit', '2025-11-01T00:00:00Z', { 'README.md': '# Versions\n' });
    const versions = sampleVersions();
    const tracked = new Set<string>();
    for (const [index, version] of versions.entries()) {
      const file = `${version.service}/Privacy Policy.md`;
      const verb = tracked.has(file) ? 'Record new changes of' : 'Start tracking';
      tracked.add(file);
      await commit(dir, `${verb} ${version.service} Privacy Policy`, version.capturedAt, {
        [file]: readFileSync(version.path),
      });
      const oneSecondLater = new Date(Date.parse(version.capturedAt) + 1000).toISOString();
      if (index === 20) {
        // An engine upgrade rewrites every tracked version: none of that is a change of the terms.
        const rewritten = Object.fromEntries(
          [...tracked].map((path) => [path, `${readFileSync(join(dir, path), 'utf8')}\n`]),
        );
        await commit(dir, 'Apply technical or declaration upgrade on all services', oneSecondLater, rewritten);
      }
      if (index === 60) {
        await commit(dir, 'Refilter Claude.ai Privacy Policy', oneSecondLater, {
          'Claude.ai/Privacy Policy.md': `${readFileSync(join(dir, 'Claude.ai/Privacy Policy.md'), 'utf8')}\n\n`,
        });
      }
      if (index === 90) {
        await commit(dir, 'Update README', oneSecondLater, {
          'README.md': '# Versions\n\nNow with more services.\n',
          'ChatGPT/archive/Old Policy.md': 'not a version: three path segments\n',
          '.github/notes.md': 'hidden folder\n',
        });
      }
    }

    const units = await expand(dir);

    // One unit per recorded version, in the order recorded, each with that version's bytes and record time.
    expect(units).toHaveLength(versions.length);
    units.forEach(({ unit, bytes }, index) => {
      const version = versions[index];
      expect(bytes.equals(readFileSync(version?.path ?? ''))).toBe(true);
      expect(unit.hints?.capturedAt).toBe(version?.capturedAt);
      expect(unit.hints?.vendor?.displayName).toBe(version?.service);
    });

    const services = new Map<string, { displayName: string; count: number }>();
    for (const { unit } of units) {
      expect(unit.hints).toMatchObject({
        origin: 'git',
        format: 'open-terms-archive',
        capturedAtSource: 'commit-date',
        document: { key: 'privacy-policy', title: 'Privacy Policy' },
      });
      const vendor = unit.hints?.vendor ?? { key: '?', displayName: '?' };
      const seen = services.get(vendor.key) ?? { displayName: vendor.displayName, count: 0 };
      services.set(vendor.key, { ...seen, count: seen.count + 1 });
    }
    expect(
      Object.fromEntries([...services].map(([key, { displayName, count }]) => [key, [displayName, count]])),
    ).toEqual({
      chatgpt: ['ChatGPT', 7],
      'claude.ai': ['Claude.ai', 102],
      deepseek: ['DeepSeek', 3],
      grok: ['Grok', 8],
      'le-chat': ['Le Chat', 6],
      perplexity: ['Perplexity', 7],
      'qwen-chat': ['Qwen Chat', 6],
    });

    // The git form and the released-dataset form of a version land on the same vendor, document and time.
    const first = versions[0];
    const where = matchOpenTermsArchivePath(first?.path ?? '');
    if (!where) throw new Error('the sample path is not an Open Terms Archive dataset path');
    const fromDataset = openTermsArchiveCapture(first?.path ?? '', readFileSync(first?.path ?? '', 'utf8'), where);
    expect(units[0]?.unit.hints?.vendor?.key).toBe(fromDataset.vendor.key);
    expect(units[0]?.unit.hints?.document?.key).toBe(fromDataset.document.key);
    expect(units[0]?.unit.hints?.capturedAt).toBe(fromDataset.capturedAt);

    // Keys are stable across runs (an interrupted import resumes) and unique.
    const again = await expand(dir);
    expect(again.map(({ unit }) => unit.key)).toEqual(units.map(({ unit }) => unit.key));
    expect(new Set(units.map(({ unit }) => unit.key)).size).toBe(units.length);
  });

  it('compares a real change with the tree a technical commit left, and ignores deletions', async () => {
    const dir = await newRepo();
    const first = await commit(dir, 'Start tracking A and B', '2024-03-01T10:00:00Z', {
      'Service A/Terms of Service.md': 'A one\n',
      'Service B/Privacy Policy.md': 'B one\n',
    });
    await commit(dir, 'Apply technical or declaration upgrade on Service A Terms of Service', '2024-03-02T10:00:00Z', {
      'Service A/Terms of Service.md': 'A one (refiltered)\n',
      'Service B/Privacy Policy.md': 'B one (refiltered)\n',
    });
    const third = await commit(dir, 'Record new changes of Service A Terms of Service', '2024-03-03T10:00:00Z', {
      'Service A/Terms of Service.md': 'A two\n',
    });
    await commit(dir, 'Refilter Service B Privacy Policy', '2024-03-04T10:00:00Z', {
      'Service B/Privacy Policy.md': 'B one (refiltered again)\n',
    });
    const fifth = await commit(
      dir,
      'Record new changes of Service B Privacy Policy; stop tracking A',
      '2024-03-05T10:00:00Z',
      {
        'Service B/Privacy Policy.md': 'B two\n',
        'Service A/Terms of Service.md': null,
      },
    );

    const units = await expand(dir);

    expect(
      units.map(({ unit, bytes }) => [
        unit.hints?.vendor?.key,
        unit.hints?.document?.title,
        bytes.toString(),
        unit.hints?.capturedAt,
      ]),
    ).toEqual([
      ['service-a', 'Terms of Service', 'A one\n', '2024-03-01T10:00:00Z'],
      ['service-b', 'Privacy Policy', 'B one\n', '2024-03-01T10:00:00Z'],
      ['service-a', 'Terms of Service', 'A two\n', '2024-03-03T10:00:00Z'],
      ['service-b', 'Privacy Policy', 'B two\n', '2024-03-05T10:00:00Z'],
    ]);
    expect(units.map(({ unit }) => unit.key)).toEqual([
      `git:${dir}@${first}:Service A/Terms of Service.md`,
      `git:${dir}@${first}:Service B/Privacy Policy.md`,
      `git:${dir}@${third}:Service A/Terms of Service.md`,
      `git:${dir}@${fifth}:Service B/Privacy Policy.md`,
    ]);
    expect(units[2]?.unit.label).toBe(`versions@${third.slice(0, 7)}:Service A/Terms of Service.md`);
  });
});

describe('Princeton dataset repository', () => {
  const sample = (name: string): Buffer => readFileSync(samplePath('princeton-history', 'formlabs.com', name));

  it('returns every committed version of a domain, not the checked-out one', async () => {
    const dir = await newRepo('privacy-policy-historical');
    // The dataset's commits are not dated by the archive date; the files' headers are.
    await commit(dir, 'formlabs.com 2015-05-04', '2019-06-01T08:00:00Z', {
      'README.md': '# Privacy Policies over Time\n',
      'f/fo/for/formlabs.com.html': sample('2015-05-04.html'),
      'f/fo/formlabs.com.md': 'wrong depth\n',
      'f/fo/fox/formlabs.com.md': 'prefix folders do not match the domain\n',
    });
    await commit(dir, 'formlabs.com 2016-05-09', '2019-06-01T08:00:01Z', {
      'f/fo/for/formlabs.com.md': sample('2016-05-09.md'),
    });
    await commit(dir, 'formlabs.com 2017-02-11', '2019-06-01T08:00:02Z', {
      'f/fo/for/formlabs.com.md': sample('2017-02-11.md'),
      'f/fo/for/formlabs.com.html': sample('2017-02-11.html'),
    });

    const units = await expand(dir);

    const samples = ['2015-05-04.html', '2016-05-09.md', '2017-02-11.html', '2017-02-11.md'];
    expect(units.map(({ bytes }) => samples.find((name) => sample(name).equals(bytes)))).toEqual(samples);
    expect(units.map(({ unit }) => filePathOf(unit))).toEqual([
      'f/fo/for/formlabs.com.html',
      'f/fo/for/formlabs.com.md',
      'f/fo/for/formlabs.com.html',
      'f/fo/for/formlabs.com.md',
    ]);
    expect(units.map(({ unit }) => unit.hints)).toEqual([
      { origin: 'git', capturedAt: '2019-06-01T08:00:00Z', capturedAtSource: 'commit-date' },
      { origin: 'git', capturedAt: '2019-06-01T08:00:01Z', capturedAtSource: 'commit-date' },
      { origin: 'git', capturedAt: '2019-06-01T08:00:02Z', capturedAtSource: 'commit-date' },
      { origin: 'git', capturedAt: '2019-06-01T08:00:02Z', capturedAtSource: 'commit-date' },
    ]);

    // Each version carries its own header, which dates it (the commit date is only a fallback).
    const headers = units.map(({ bytes }) => parsePrincetonHeader(bytes.toString('utf8')));
    expect(headers.map((header) => [header?.vendorKey, header?.capturedAt.slice(0, 10)])).toEqual([
      ['formlabs.com', '2015-05-04'],
      ['formlabs.com', '2016-05-09'],
      ['formlabs.com', '2017-02-11'],
      ['formlabs.com', '2017-02-11'],
    ]);
  });
});

describe('what is read', () => {
  it('reads committed blobs, not the working tree, and ignores uncommitted files', async () => {
    const dir = await newRepo();
    await commit(dir, 'Start tracking Acme Privacy Policy', '2024-05-01T12:00:00Z', {
      'Acme/Privacy Policy.md': 'committed text\n',
    });
    writeFileSync(join(dir, 'Acme/Privacy Policy.md'), 'edited but never committed\n');
    mkdirSync(join(dir, 'Other'));
    writeFileSync(join(dir, 'Other/Terms of Service.md'), 'untracked\n');

    const units = await expand(dir);

    expect(units.map(({ bytes }) => bytes.toString())).toEqual(['committed text\n']);
  });

  it('still reads every version when the repository is repacked during the import', async () => {
    const dir = await newRepo();
    const record = (version: number): Promise<string> =>
      commit(dir, 'Record new changes of Acme', `2024-0${version}-01T00:00:00Z`, {
        'Acme/Privacy Policy.md': `v${version}\n`,
      });
    await record(1);
    await record(2);
    gitCli(dir, ['gc', '--quiet']);
    await record(3);
    await record(4);
    const seen: string[] = [];
    for await (const unit of expandGitRepository({ kind: 'git', path: dir, size: 0 }, {})) {
      seen.push((await unit.read()).toString());
      // The pack and loose objects seen so far are replaced by one new pack.
      if (seen.length === 1) gitCli(dir, ['gc', '--quiet', '--prune=now']);
    }
    expect(seen).toEqual(['v1\n', 'v2\n', 'v3\n', 'v4\n']);
  });

  it('follows the first parent: a merged branch is one change, dated by the merge', async () => {
    const dir = await newRepo();
    await commit(dir, 'Start tracking Acme', '2024-01-01T00:00:00Z', { 'Acme/Privacy Policy.md': 'v1\n' });
    gitCli(dir, ['checkout', '-q', '-b', 'side']);
    writeFileSync(join(dir, 'Acme/Privacy Policy.md'), 'v2 from a branch\n');
    gitCli(dir, ['commit', '-q', '-am', 'Record new changes of Acme'], '2024-02-01T00:00:00Z');
    gitCli(dir, ['checkout', '-q', 'main']);
    mkdirSync(join(dir, 'Beta'));
    writeFileSync(join(dir, 'Beta/Privacy Policy.md'), 'beta v1\n');
    gitCli(dir, ['add', '.']);
    gitCli(dir, ['commit', '-q', '-m', 'Start tracking Beta'], '2024-03-01T00:00:00Z');
    gitCli(dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], '2024-04-01T00:00:00Z');

    const units = await expand(dir);

    expect(units.map(({ unit, bytes }) => [bytes.toString(), unit.hints?.capturedAt])).toEqual([
      ['v1\n', '2024-01-01T00:00:00Z'],
      ['beta v1\n', '2024-03-01T00:00:00Z'],
      ['v2 from a branch\n', '2024-04-01T00:00:00Z'],
    ]);
  });

  it('starts a shallow clone at its oldest available commit', async () => {
    const source = await newRepo('source');
    await commit(source, 'v1', '2024-01-01T00:00:00Z', {
      'Acme/Privacy Policy.md': 'v1\n',
      'Beta/Privacy Policy.md': 'beta\n',
    });
    await commit(source, 'v2', '2024-02-01T00:00:00Z', { 'Acme/Privacy Policy.md': 'v2\n' });
    await commit(source, 'v3', '2024-03-01T00:00:00Z', { 'Acme/Privacy Policy.md': 'v3\n' });
    const clone = join(tempDir(), 'shallow');
    gitCli(tmpdir(), ['clone', '-q', '--depth', '2', `file://${source}`, clone]);

    const units = await expand(clone);

    // The oldest commit present shows its whole tree; nothing before it exists here.
    expect(units.map(({ unit, bytes }) => [bytes.toString(), unit.hints?.capturedAt])).toEqual([
      ['v2\n', '2024-02-01T00:00:00Z'],
      ['beta\n', '2024-02-01T00:00:00Z'],
      ['v3\n', '2024-03-01T00:00:00Z'],
    ]);
  });
});

describe('which folders are git repositories', () => {
  it('tells repositories from plain folders and files', async () => {
    const plain = tempDir();
    writeFileSync(join(plain, 'policy.md'), '# Privacy\n');
    expect(await isGitRepository(plain)).toBe(false);
    expect(await isGitRepository(join(plain, 'policy.md'))).toBe(false);
    expect(await isGitRepository(join(plain, 'missing'))).toBe(false);

    const repo = await newRepo();
    expect(await isGitRepository(repo)).toBe(true);
  });

  it('reads bare clones, separate git directories and linked worktrees', async () => {
    const repo = await newRepo('versions');
    await commit(repo, 'Start tracking Acme', '2024-01-01T00:00:00Z', { 'Acme/Privacy Policy.md': 'v1\n' });
    await commit(repo, 'Record new changes of Acme', '2024-02-01T00:00:00Z', { 'Acme/Privacy Policy.md': 'v2\n' });
    const contents = async (path: string): Promise<string[]> =>
      (await expand(path)).map(({ bytes }) => bytes.toString());

    const bare = join(tempDir(), 'versions.git');
    gitCli(tmpdir(), ['clone', '-q', '--bare', repo, bare]);
    expect(await isGitRepository(bare)).toBe(true);
    expect(await contents(bare)).toEqual(['v1\n', 'v2\n']);
    expect((await expand(bare))[0]?.unit.label).toMatch(/^versions\.git@[0-9a-f]{7}:Acme\/Privacy Policy\.md$/);

    const worktree = join(tempDir(), 'worktree');
    gitCli(repo, ['worktree', 'add', '-q', '-b', 'next', worktree]);
    writeFileSync(join(worktree, 'Acme/Privacy Policy.md'), 'v3 on the worktree branch\n');
    gitCli(worktree, ['commit', '-q', '-am', 'Record new changes of Acme'], '2024-03-01T00:00:00Z');
    expect(await isGitRepository(worktree)).toBe(true);
    expect(await contents(worktree)).toEqual(['v1\n', 'v2\n', 'v3 on the worktree branch\n']);
    expect(await contents(repo)).toEqual(['v1\n', 'v2\n']);
    gitCli(repo, ['worktree', 'remove', '--force', worktree]);

    // `git init --separate-git-dir`: the working tree has a .git file naming the real directory.
    const elsewhere = join(tempDir(), 'versions-gitdir');
    renameSync(join(repo, '.git'), elsewhere);
    writeFileSync(join(repo, '.git'), `gitdir: ${elsewhere}\n`);
    expect(await isGitRepository(repo)).toBe(true);
    expect(await contents(repo)).toEqual(['v1\n', 'v2\n']);
  });

  it('reports a repository without commits or without a known layout as one skipped unit', async () => {
    const empty = await newRepo('empty');
    const [emptyUnit, ...none] = await expand(empty);
    expect(none).toEqual([]);
    expect(emptyUnit?.unit.skip).toMatch(/no commits/);

    const code = await newRepo('some-app');
    await commit(code, 'Initial', '2024-01-01T00:00:00Z', { 'README.md': '# App\n', 'src/index.ts': 'export {};\n' });
    const units = await expand(code);
    expect(units).toHaveLength(1);
    expect(units[0]?.unit.label).toBe(basename(code));
    expect(units[0]?.unit.skip).toMatch(/Open Terms Archive.*Princeton/);
  });
});

describe('cancellation', () => {
  it('stops the iteration when the signal aborts', async () => {
    const dir = await newRepo();
    for (let version = 1; version <= 5; version += 1) {
      await commit(dir, `Record new changes of Acme`, `2024-0${version}-01T00:00:00Z`, {
        'Acme/Privacy Policy.md': `v${version}\n`,
      });
    }
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const unit of expandGitRepository({ kind: 'git', path: dir, size: 0 }, { signal: controller.signal })) {
      seen.push((await unit.read()).toString());
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['v1\n', 'v2\n']);

    const aborted = new AbortController();
    aborted.abort();
    expect(await expand(dir, aborted.signal)).toEqual([]);
  });
});
