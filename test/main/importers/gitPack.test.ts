import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type * as Zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GitObjectMissingError, ObjectDatabase } from '../../../src/main/importers/gitObjects';
import type { GitObject } from '../../../src/main/importers/gitObjects';
import {
  DecodedObjectCache,
  PackFile,
  PackIndex,
  applyDelta,
  nodeFileSystem,
} from '../../../src/main/importers/gitPack';
import type { GitFileSystem } from '../../../src/main/importers/gitPack';
import { samplePath } from './samplePaths';

/**
 * Inflations that threw. In Node 20 each one keeps its zlib engine and
 * buffers alive for good, so a reader that guesses a too-small window and
 * retries runs out of memory on a long history.
 */
const failedInflations = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof Zlib>();
  return {
    ...zlib,
    inflateSync: (...args: Parameters<typeof zlib.inflateSync>): Buffer => {
      try {
        return zlib.inflateSync(...args);
      } catch (error) {
        failedInflations.count += 1;
        throw error;
      }
    },
  };
});

beforeEach(() => {
  failedInflations.count = 0;
});

const temporary: string[] = [];

function tempDir(prefix = 'git-pack-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Run the git CLI (tests only: the app reads repositories without it), ignoring the user's configuration. */
function git(cwd: string, args: string[], input?: Buffer | string, when = '2024-06-01T12:00:00+0200'): Buffer {
  return execFileSync(
    'git',
    ['-c', 'user.name=Tester', '-c', 'user.email=tester@example.org', '-c', 'gc.auto=0', ...args],
    {
      cwd,
      input,
      maxBuffer: 1 << 28,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when,
      },
    },
  );
}

/** Deterministic incompressible bytes (a pack cannot shrink them: they make packs big). */
function noise(seed: string, size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let index = 0; index * 32 < size; index += 1)
    blocks.push(createHash('sha256').update(`${seed}:${index}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

/** Every Open Terms Archive sample version, oldest first: real policies that change a little each time. */
function policyVersions(): Array<{ file: string; seconds: number; bytes: Buffer }> {
  const root = samplePath('open-terms-archive');
  return readdirSync(root)
    .flatMap((service) =>
      readdirSync(join(root, service, 'Privacy Policy')).map((name) => ({
        file: `${service}/Privacy Policy.md`,
        seconds: Date.parse(name.replace(/T(\d{2})-(\d{2})-(\d{2})Z\.md$/, 'T$1:$2:$3Z')) / 1000,
        bytes: readFileSync(join(root, service, 'Privacy Policy', name)),
      })),
    )
    .sort((a, b) => a.seconds - b.seconds || a.file.localeCompare(b.file));
}

/** A `git fast-import` stream, built from text and raw data blocks. */
class ImportStream {
  private readonly parts: Buffer[] = [];

  line(text: string): this {
    this.parts.push(Buffer.from(`${text}\n`));
    return this;
  }

  data(content: Buffer | string): this {
    const bytes = Buffer.from(content);
    this.parts.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const TIME_ZONES = ['+0000', '+0530', '-0800', '+1245', '-0330'];

/**
 * A versions repository with what a pack reader must handle: every sample
 * policy version (one commit each, so packing makes delta chains), an empty
 * file, an executable, a symbolic link, a non-ASCII path, incompressible
 * blobs (2 MB, so packs can be split), a merged side branch, an annotated
 * tag, commits in five time zones, and a hand-made commit with a signature
 * header and a multi-line message. fast-import writes one pack; each test
 * repacks a copy its own way.
 */
function buildRepository(): string {
  const dir = join(tempDir(), 'versions');
  git(tmpdir(), ['init', '-q', '-b', 'main', dir]);
  const stream = new ImportStream();
  const versions = policyVersions();
  versions.forEach((version, index) => {
    const zone = TIME_ZONES[index % TIME_ZONES.length] ?? '+0000';
    stream.line('commit refs/heads/main').line(`mark :${index + 1}`);
    stream.line(`committer Recorder <recorder@example.org> ${version.seconds} ${zone}`);
    stream.data(`Record new changes of ${version.file}\n\nVersion ${index + 1}.\n`);
    stream.line(`M 100644 inline ${version.file}`).data(version.bytes);
    if (index === 0) {
      stream.line('M 100644 inline README.md').data('# Versions\n');
      stream.line('M 100644 inline empty.txt').data('');
      stream.line('M 100755 inline bin/record.sh').data('#!/bin/sh\necho record\n');
      stream.line('M 120000 inline latest').data('README.md');
      stream.line('M 100644 inline "Données/Politique de confidentialité.md"').data('# Politique\n');
    }
    if (index % 40 === 10) {
      stream.line(`M 100644 inline assets/noise-${index}.bin`).data(noise(`blob ${index}`, 700_000));
    }
  });
  const last = versions.length;
  stream.line('commit refs/heads/side').line(`mark :${last + 1}`);
  stream.line(`committer Recorder <recorder@example.org> 1780000000 +0200`).data('Side change\n');
  stream.line(`from :${last}`).line('M 100644 inline side.md').data('from a branch\n');
  stream.line('commit refs/heads/main').line(`mark :${last + 2}`);
  stream.line(`committer Recorder <recorder@example.org> 1780000100 +0200`).data('Merge side\n');
  stream.line(`from :${last}`).line(`merge :${last + 1}`);
  stream
    .line('tag v1')
    .line(`from :${last + 2}`)
    .line('tagger Recorder <recorder@example.org> 1780000200 +0000');
  stream.data('First release\n');
  git(dir, ['fast-import', '--quiet'], stream.toBuffer());

  // A signed-looking commit with an encoding header, written by hand (fast-import cannot).
  const head = git(dir, ['rev-parse', 'main']).toString().trim();
  const tree = git(dir, ['rev-parse', 'main^{tree}']).toString().trim();
  const signed = [
    `tree ${tree}`,
    `parent ${head}`,
    'author Ada Lovelace <ada@example.org> 1780000300 +0100',
    'committer Ada Lovelace <ada@example.org> 1780000400 -0230',
    'encoding UTF-8',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEE',
    ' -----END PGP SIGNATURE-----',
    '',
    'Signed change',
    '',
    'With a body over',
    'several lines.',
    '',
  ].join('\n');
  const oid = git(dir, ['hash-object', '-t', 'commit', '-w', '--stdin'], signed).toString().trim();
  git(dir, ['update-ref', 'refs/heads/main', oid]);
  return dir;
}

let source = '';
beforeAll(() => {
  source = buildRepository();
});

/** A copy of the built repository to repack. */
function copyOfRepository(): string {
  const dir = join(tempDir(), 'copy');
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** What `git cat-file --batch` says about every object `git rev-list --objects --all` lists. */
function objectsPerGit(dir: string): Map<string, GitObject> {
  const list = git(dir, ['rev-list', '--objects', '--all']).toString();
  const oids = [...new Set(list.split('\n').map((line) => line.slice(0, 40)))].filter((oid) => oid.length === 40);
  const batch = git(dir, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  const objects = new Map<string, GitObject>();
  let position = 0;
  while (position < batch.length) {
    const end = batch.indexOf(0x0a, position);
    const [oid = '', type = '', size = ''] = batch.toString('latin1', position, end).split(' ');
    if (type === 'missing') throw new Error(`git lists ${oid} but cannot read it`);
    const data = batch.subarray(end + 1, end + 1 + Number(size));
    objects.set(oid, { type: type as GitObject['type'], data });
    position = end + 1 + Number(size) + 1;
  }
  return objects;
}

/** The pack files of a repository. */
function packsOf(dir: string): string[] {
  const folder = join(dir, '.git', 'objects', 'pack');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pack'))
    .map((name) => join(folder, name));
}

/** Offsets of the objects `git verify-pack` says a pack stores as deltas. */
function deltaOffsets(pack: string): number[] {
  return git(tmpdir(), ['verify-pack', '-v', pack.replace(/\.pack$/, '.idx')])
    .toString()
    .split('\n')
    .map((line) => line.split(/\s+/))
    .filter((fields) => /^[0-9a-f]{40}$/.test(fields[0] ?? '') && fields.length >= 7)
    .map((fields) => Number(fields[4]));
}

function looseCount(dir: string): number {
  const line = git(dir, ['count-objects', '-v']).toString().split('\n')[0] ?? '';
  return Number(/^count: (\d+)$/.exec(line)?.[1]);
}

/** Add one commit with the CLI after packing: its commit, trees and blob stay loose. */
function commitLoose(dir: string): void {
  git(dir, ['checkout', '-q', '-f', 'main']);
  writeFileSync(join(dir, 'ChatGPT', 'Privacy Policy.md'), 'A version committed after the repack.\n');
  git(dir, ['commit', '-q', '-am', 'Record new changes of ChatGPT'], undefined, '2024-07-01T00:00:00-0700');
}

function expectSameObjects(dir: string): number {
  const expected = objectsPerGit(dir);
  const database = new ObjectDatabase(join(dir, '.git', 'objects'));
  try {
    for (const [oid, object] of expected) {
      const read = database.read(oid);
      expect({ oid, type: read.type }).toEqual({ oid, type: object.type });
      expect(read.data.equals(object.data), `content of ${object.type} ${oid}`).toBe(true);
    }
  } finally {
    database.close();
  }
  return expected.size;
}

describe('reading every object of a repository', () => {
  it('returns what git returns, from an aggressive pack with offset deltas and from loose objects', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--aggressive', '--prune=now']);
    const [pack, ...others] = packsOf(dir);
    expect(others).toEqual([]);
    const deltas = deltaOffsets(pack ?? '');
    expect(deltas.length).toBeGreaterThan(50);
    // The deltas name their base by offset (git's default).
    const packFile = PackFile.open(nodeFileSystem, pack ?? '');
    expect(new Set(deltas.map((offset) => packFile.readEntry(offset).kind))).toEqual(new Set(['offset-delta']));
    packFile.close();
    commitLoose(dir);
    expect(looseCount(dir)).toBeGreaterThanOrEqual(3);

    expect(expectSameObjects(dir)).toBeGreaterThan(300);
    expect(failedInflations.count).toBe(0);
  });

  it('returns what git returns from several packs whose deltas name their base by id', () => {
    const dir = copyOfRepository();
    git(dir, ['-c', 'repack.useDeltaBaseOffset=false', 'repack', '-q', '-a', '-d', '-f', '--max-pack-size=1m']);
    const packs = packsOf(dir);
    expect(packs.length).toBeGreaterThanOrEqual(2);
    const kinds = new Set(
      packs.flatMap((pack) => {
        const file = PackFile.open(nodeFileSystem, pack);
        const found = deltaOffsets(pack).map((offset) => file.readEntry(offset).kind);
        file.close();
        return found;
      }),
    );
    expect(kinds).toEqual(new Set(['ref-delta']));
    commitLoose(dir);

    expect(expectSameObjects(dir)).toBeGreaterThan(300);
    expect(failedInflations.count).toBe(0);
  });

  it('reads a repository whose objects are all loose', () => {
    const dir = copyOfRepository();
    for (const pack of packsOf(dir)) {
      // unpack-objects skips objects the repository already holds: take the pack away first.
      const bytes = readFileSync(pack);
      rmSync(pack);
      rmSync(pack.replace(/\.pack$/, '.idx'));
      git(dir, ['unpack-objects', '-q'], bytes);
    }
    expect(packsOf(dir)).toEqual([]);

    expect(expectSameObjects(dir)).toBeGreaterThan(300);
  });
});

describe('parsed commits and trees', () => {
  it('gives each commit the tree, parents, committer time, time zone and message git shows', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--aggressive']);
    const database = new ObjectDatabase(join(dir, '.git', 'objects'));
    const log = git(dir, ['log', '--all', '-z', '--format=%H%n%T%n%P%n%ct%n%cI%n%an%n%B']).toString();
    const commits = log.split('\0').filter((entry) => entry.length > 0);
    expect(commits.length).toBeGreaterThan(100);
    for (const entry of commits) {
      const [oid = '', tree, parents = '', seconds, iso = '', authorName, ...body] = entry.split('\n');
      const commit = database.readCommit(oid);
      const zone = /([+-])(\d{2}):(\d{2})$/.exec(iso) ?? ['', '+', '00', '00'];
      const minutes = (Number(zone[2]) * 60 + Number(zone[3])) * (zone[1] === '-' ? -1 : 1);
      expect({
        tree: commit.tree,
        parent: commit.parent,
        timestamp: commit.committer.timestamp,
        utcOffsetMinutes: commit.committer.utcOffsetMinutes,
        author: commit.author.name,
        message: commit.message.trimEnd(),
      }).toEqual({
        tree,
        parent: parents === '' ? [] : parents.split(' '),
        timestamp: Number(seconds),
        utcOffsetMinutes: iso.endsWith('Z') ? 0 : minutes,
        author: authorName,
        message: body.join('\n').trimEnd(),
      });
    }
    const signed = database.readCommit(git(dir, ['rev-parse', 'main']).toString().trim());
    expect(signed.committer).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      timestamp: 1780000400,
      utcOffsetMinutes: -150,
    });
    expect(signed.message).toBe('Signed change\n\nWith a body over\nseveral lines.\n');
    database.close();
  });

  it('lists each tree entry with the mode, type, name and id git shows, and follows commits and tags to trees', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q']);
    const database = new ObjectDatabase(join(dir, '.git', 'objects'));
    const trees = [...objectsPerGit(dir)].filter(([, object]) => object.type === 'tree').map(([oid]) => oid);
    expect(trees.length).toBeGreaterThan(20);
    for (const oid of trees) {
      const listed = git(dir, ['ls-tree', '-z', oid])
        .toString()
        .split('\0')
        .filter((entry) => entry.length > 0)
        .map((entry) => {
          const [meta = '', name] = entry.split('\t');
          const [mode, type, entryOid] = meta.split(' ');
          return { mode, type, oid: entryOid, path: name };
        });
      expect(database.readTree(oid)).toEqual(listed);
    }
    const root = database.readTree(git(dir, ['rev-parse', 'v1']).toString().trim());
    expect(root.map((entry) => entry.path)).toContain('Données');
    expect(root.find((entry) => entry.path === 'latest')?.mode).toBe('120000');
    expect(root.find((entry) => entry.path === 'bin')?.type).toBe('tree');
    database.close();
  });
});

/** A version 2 pack index for `entries`, as git writes it (sorted ids, 4-byte offsets, large ones in their own table). */
function handBuiltIndex(entries: Array<{ oid: Buffer; offset: number }>, packChecksum = Buffer.alloc(20)): Buffer {
  const sorted = [...entries].sort((a, b) => a.oid.compare(b.oid));
  const fanout = Buffer.alloc(1024);
  for (let byte = 0; byte < 256; byte += 1) {
    fanout.writeUInt32BE(sorted.filter((entry) => (entry.oid[0] ?? 0) <= byte).length, byte * 4);
  }
  const large: Buffer[] = [];
  const offsets = sorted.map(({ offset }) => {
    const field = Buffer.alloc(4);
    if (offset < 0x80000000) {
      field.writeUInt32BE(offset);
    } else {
      field.writeUInt32BE((0x80000000 | large.length) >>> 0);
      const wide = Buffer.alloc(8);
      wide.writeBigUInt64BE(BigInt(offset));
      large.push(wide);
    }
    return field;
  });
  const body = Buffer.concat([
    Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]),
    fanout,
    ...sorted.map(({ oid }) => oid),
    Buffer.alloc(sorted.length * 4), // CRCs, unused when reading
    ...offsets,
    ...large,
    packChecksum,
  ]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** Little-endian base-128, as delta headers write sizes. */
function varint(value: number): number[] {
  const bytes: number[] = [];
  do {
    bytes.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0));
    value = Math.floor(value / 128);
  } while (value > 0);
  return bytes;
}

/** A delta that writes `insert`, then copies the base from `copyFrom` to its end (bases under 64 KiB). */
function insertThenCopy(base: Buffer, insert: string, copyFrom: number): { delta: Buffer; result: Buffer } {
  const inserted = Buffer.from(insert);
  const length = base.length - copyFrom;
  const result = Buffer.concat([inserted, base.subarray(copyFrom)]);
  const delta = Buffer.from([
    ...varint(base.length),
    ...varint(result.length),
    inserted.length,
    ...inserted,
    0x80 | 0x01 | 0x02 | 0x10 | 0x20, // copy: two offset bytes, two size bytes
    copyFrom & 0xff,
    copyFrom >> 8,
    length & 0xff,
    length >> 8,
  ]);
  return { delta, result };
}

function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * Install a pack of deltas whose bases are outside it, named by id (a thin
 * pack, as a server sends; git completes those before storing them, but a
 * base found elsewhere is still read), written byte by byte, with its index.
 * Returns the pack's bytes.
 */
function installThinPack(
  objectsDir: string,
  deltas: Array<{ baseOid: string; delta: Buffer; result: Buffer }>,
): Buffer {
  const entries: Buffer[] = [];
  const index: Array<{ oid: Buffer; offset: number }> = [];
  let offset = 12;
  for (const { baseOid, delta, result } of deltas) {
    const header = [(7 << 4) | (delta.length & 0x0f) | (delta.length > 0x0f ? 0x80 : 0)];
    for (let rest = delta.length >> 4; rest > 0; rest >>= 7) header.push((rest & 0x7f) | (rest >= 0x80 ? 0x80 : 0));
    const entry = Buffer.concat([Buffer.from(header), Buffer.from(baseOid, 'hex'), deflateSync(delta)]);
    index.push({ oid: Buffer.from(blobId(result), 'hex'), offset });
    entries.push(entry);
    offset += entry.length;
  }
  const head = Buffer.from([0x50, 0x41, 0x43, 0x4b, 0, 0, 0, 2, 0, 0, 0, deltas.length]);
  const body = Buffer.concat([head, ...entries]);
  const checksum = createHash('sha1').update(body).digest();
  const name = `pack-${checksum.toString('hex')}`;
  writeFileSync(join(objectsDir, 'pack', `${name}.pack`), Buffer.concat([body, checksum]));
  writeFileSync(join(objectsDir, 'pack', `${name}.idx`), handBuiltIndex(index, checksum));
  return Buffer.concat([body, checksum]);
}

describe('deltas across the object store', () => {
  it('finds a delta base named by id in another pack or among the loose objects', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--prune=now']);
    const objectsDir = join(dir, '.git', 'objects');
    const packed = git(dir, ['cat-file', 'blob', 'main:README.md']);
    const packedOid = git(dir, ['rev-parse', 'main:README.md']).toString().trim();
    const loose = Buffer.from('We may share your data with our partners.\n');
    const looseOid = git(dir, ['hash-object', '-w', '--stdin'], loose).toString().trim();
    const fromPacked = insertThenCopy(packed, '# Old versions', 10);
    const fromLoose = insertThenCopy(loose, 'We never', 6);
    const thin = installThinPack(objectsDir, [
      { baseOid: packedOid, ...fromPacked },
      { baseOid: looseOid, ...fromLoose },
    ]);

    const database = new ObjectDatabase(objectsDir);
    expect(database.readBlob(blobId(fromPacked.result)).toString()).toBe('# Old versions\n');
    expect(database.readBlob(blobId(fromLoose.result)).toString()).toBe(
      'We never share your data with our partners.\n',
    );
    database.close();

    // git reads the hand-made pack the same way once it has completed it with the bases.
    const completed = copyOfRepository();
    git(completed, ['hash-object', '-w', '--stdin'], loose);
    git(completed, ['index-pack', '--stdin', '--fix-thin'], thin);
    expect(git(completed, ['cat-file', 'blob', blobId(fromPacked.result)]).toString()).toBe('# Old versions\n');
    expect(git(completed, ['cat-file', 'blob', blobId(fromLoose.result)]).toString()).toBe(
      'We never share your data with our partners.\n',
    );
  });
});

describe('pack index', () => {
  it('finds objects stored past 4 GiB through the 8-byte offset table', () => {
    const id = (seed: string): Buffer => createHash('sha1').update(seed).digest();
    // Many ids share a first byte, so the lookup bisects before scanning; offsets span small, 2 GiB and 6 TiB packs.
    const entries = Array.from({ length: 3000 }, (_, index) => ({
      oid:
        index % 3 === 0 ? Buffer.concat([Buffer.from([0x42]), id(`same ${index}`).subarray(1)]) : id(`object ${index}`),
      offset:
        index % 5 === 0 ? 0x7fffffff + index * 1_000_003 : index % 7 === 0 ? 6 * 2 ** 40 + index : 12 + index * 97,
    }));
    const path = join(tempDir(), 'pack-large.idx');
    writeFileSync(path, handBuiltIndex(entries));
    const index = PackIndex.open(nodeFileSystem, path);

    expect(index.count).toBe(3000);
    for (const { oid, offset } of entries) expect(index.find(oid)).toBe(offset);
    expect(index.find(id('not stored'))).toBeNull();
    expect(index.find(Buffer.concat([Buffer.from([0x42]), id('not stored either').subarray(1)]))).toBeNull();
    expect(index.find(Buffer.alloc(20, 0xff))).toBeNull();
    index.close();
  });

  it('says which file is not a usable index', () => {
    const folder = tempDir();
    const garbage = join(folder, 'pack-garbage.idx');
    writeFileSync(garbage, 'not an index at all');
    expect(() => PackIndex.open(nodeFileSystem, garbage)).toThrow(/pack-garbage\.idx: not a version 2 pack index/);
    const truncated = join(folder, 'pack-truncated.idx');
    writeFileSync(truncated, handBuiltIndex([{ oid: Buffer.alloc(20, 1), offset: 12 }]).subarray(0, 1060));
    expect(() => PackIndex.open(nodeFileSystem, truncated)).toThrow(/pack-truncated\.idx: truncated pack index/);
  });
});

/** node:fs, counting the bytes read from each file (by name). */
function countingFileSystem(): { files: GitFileSystem; bytesRead: Map<string, number> } {
  const names = new Map<number, string>();
  const bytesRead = new Map<string, number>();
  const count = (name: string, bytes: number): void => {
    bytesRead.set(name, (bytesRead.get(name) ?? 0) + bytes);
  };
  const files: GitFileSystem = {
    ...nodeFileSystem,
    openSync: (path, flags) => {
      const fd = fs.openSync(path, flags);
      names.set(fd, basename(path));
      return fd;
    },
    readSync: (fd, buffer, offset, length, position) => {
      const read = fs.readSync(fd, buffer, offset, length, position);
      count(names.get(fd) ?? '?', read);
      return read;
    },
    readFileSync: (path) => {
      const bytes = fs.readFileSync(path);
      count(basename(path), bytes.length);
      return bytes;
    },
  };
  return { files, bytesRead };
}

function bytesFrom(bytesRead: Map<string, number>, extension: string): number {
  return [...bytesRead].filter(([name]) => name.endsWith(extension)).reduce((sum, [, bytes]) => sum + bytes, 0);
}

describe('memory', () => {
  it('reads a blob from a pack without reading the pack', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--aggressive', '--prune=now']);
    const [pack] = packsOf(dir);
    const packSize = statSync(pack ?? '').size;
    expect(packSize).toBeGreaterThan(2_000_000);
    const readme = git(dir, ['rev-parse', 'main:README.md']).toString().trim();
    const noiseBlob = git(dir, ['rev-parse', 'main:assets/noise-10.bin']).toString().trim();

    const small = countingFileSystem();
    const database = new ObjectDatabase(join(dir, '.git', 'objects'), { files: small.files });
    expect(database.readBlob(readme).toString()).toBe('# Versions\n');
    // The pack's header and one object's first read; the index's fanout table and a few ids.
    expect(bytesFrom(small.bytesRead, '.pack')).toBeLessThanOrEqual(12 + 4096);
    expect(bytesFrom(small.bytesRead, '.idx')).toBeLessThan(8 * 1024);
    database.close();

    // A big blob costs its own compressed size, not the pack's.
    const big = countingFileSystem();
    const again = new ObjectDatabase(join(dir, '.git', 'objects'), { files: big.files });
    expect(again.readBlob(noiseBlob).length).toBe(700_000);
    expect(bytesFrom(big.bytesRead, '.pack')).toBeLessThan(800_000);
    expect(packSize).toBeGreaterThan(2 * 800_000);
    again.close();
  });

  it('walks versions oldest first reading less with the delta-base cache than without', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--aggressive', '--prune=now']);
    const versions = git(dir, ['log', '--reverse', '--format=%H', 'main', '--', 'Claude.ai/Privacy Policy.md'])
      .toString()
      .trim()
      .split('\n')
      .map((commit) =>
        git(dir, ['rev-parse', `${commit}:Claude.ai/Privacy Policy.md`])
          .toString()
          .trim(),
      );
    expect(versions.length).toBeGreaterThan(50);
    const walk = (cacheBytes: number): { contents: Buffer[]; packBytes: number } => {
      const counting = countingFileSystem();
      const database = new ObjectDatabase(join(dir, '.git', 'objects'), { files: counting.files, cacheBytes });
      const contents = versions.map((oid) => database.readBlob(oid));
      database.close();
      return { contents, packBytes: bytesFrom(counting.bytesRead, '.pack') };
    };

    const cached = walk(32 * 1024 * 1024);
    const uncached = walk(0);

    expect(cached.contents.map((bytes, index) => bytes.equals(uncached.contents[index] ?? Buffer.alloc(0)))).toEqual(
      versions.map(() => true),
    );
    expect(cached.packBytes * 5).toBeLessThan(uncached.packBytes);
  });

  it('keeps the decoded objects under its byte budget, dropping the least recently used', () => {
    const cache = new DecodedObjectCache(10_000);
    const blob = (size: number): GitObject => ({ type: 'blob', data: Buffer.alloc(size) });
    cache.set(1, 100, blob(2000));
    cache.set(1, 200, blob(2000));
    cache.set(2, 100, blob(2000));
    expect(cache.get(1, 100)).toBeDefined(); // now the most recently used
    cache.set(1, 300, blob(2500));
    cache.set(1, 400, blob(2500));
    expect(cache.size).toBeLessThanOrEqual(10_000);
    expect(cache.get(1, 200)).toBeUndefined();
    expect(cache.get(1, 100)).toBeDefined();
    expect(cache.get(1, 400)?.data.length).toBe(2500);
    cache.set(3, 100, blob(3000)); // over a quarter of the budget: not kept
    expect(cache.get(3, 100)).toBeUndefined();
  });
});

describe('errors', () => {
  it('names the pack and offset of a damaged object', () => {
    const dir = copyOfRepository();
    git(dir, ['gc', '-q', '--prune=now']);
    const [pack = ''] = packsOf(dir);
    const readme = git(dir, ['rev-parse', 'main:README.md']).toString().trim();
    const line = git(tmpdir(), ['verify-pack', '-v', pack.replace(/\.pack$/, '.idx')])
      .toString()
      .split('\n')
      .find((entry) => entry.startsWith(readme));
    const offset = Number(line?.split(/\s+/)[4]);
    const bytes = readFileSync(pack);
    bytes.fill(0x55, offset + 2, offset + 12); // the zlib stream after the type and size byte
    fs.chmodSync(pack, 0o644);
    writeFileSync(pack, bytes);

    const database = new ObjectDatabase(join(dir, '.git', 'objects'));
    expect(() => database.readBlob(readme)).toThrow(
      new RegExp(`${basename(pack).replace('.', '\\.')}: corrupt object at offset ${offset}`),
    );
    expect(failedInflations.count).toBeGreaterThan(0); // the counter sees real failures
    database.close();
  });

  it('reports an object the repository does not hold, and objects of the wrong kind', () => {
    const dir = copyOfRepository();
    const database = new ObjectDatabase(join(dir, '.git', 'objects'));
    const missing = '0123456789abcdef0123456789abcdef01234567';
    expect(() => database.read(missing)).toThrow(GitObjectMissingError);
    expect(() => database.read(missing)).toThrow(`object ${missing} is not in ${join(dir, '.git', 'objects')}`);
    const readme = git(dir, ['rev-parse', 'main:README.md']).toString().trim();
    expect(() => database.readCommit(readme)).toThrow(`object ${readme} is a blob, not a commit`);
    expect(() => database.read('HEAD')).toThrow(/not a git object id/);
    database.close();
  });
});

describe('deltas', () => {
  it('copies ranges of the base and inserts new bytes', () => {
    const base = Buffer.from('Your data is never sold.');
    const delta = Buffer.from([
      base.length,
      28, // the sizes of the base and of the result
      0x91, // copy, one offset byte and one size byte follow:
      0, // from offset 0,
      13, // 13 bytes: "Your data is "
      10, // insert the next 10 bytes
      ...Buffer.from('sometimes '),
      0x91,
      19,
      5, // copy "sold."
    ]);
    expect(applyDelta(base, delta).toString()).toBe('Your data is sometimes sold.');
  });

  it('treats a copy of size zero as 64 KiB, and rejects a delta for another base', () => {
    const base = noise('base', 70_000);
    const sizes = [0xf0, 0xa2, 0x04, 0x80, 0x80, 0x04]; // 70000 and 65536 as little-endian base-128
    const delta = Buffer.from([...sizes, 0x80]); // copy, no offset or size bytes: offset 0, 0x10000 bytes
    expect(applyDelta(base, delta).equals(base.subarray(0, 0x10000))).toBe(true);
    expect(() => applyDelta(base.subarray(1), delta)).toThrow(/made for a 70000-byte base/);
    expect(() => applyDelta(base, Buffer.from([...sizes, 0x00]))).toThrow(/reserved instruction/);
  });
});
