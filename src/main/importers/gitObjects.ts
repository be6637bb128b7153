/**
 * A git repository's objects — in pack files and loose — read one at a time
 * with bounded memory, and the parsing of the commits, trees and blobs a
 * history walk needs. Pure Node: the app must not depend on the git CLI
 * (Windows users often lack it). Alternates (`objects/info/alternates`) and
 * SHA-256 repositories are not read.
 */
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { DecodedObjectCache, PackFile, PackIndex, applyDelta, nodeFileSystem } from './gitPack';
import type { GitFileSystem } from './gitPack';

/** The four kinds of git object. */
export type GitObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** An object's type and content (without the loose-object header). */
export interface GitObject {
  type: GitObjectType;
  data: Buffer;
}

/** Who made a commit, and when. */
export interface GitPerson {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** The person's time zone, in minutes east of UTC (`+0200` → 120). */
  utcOffsetMinutes: number;
}

/** A parsed commit. */
export interface GitCommit {
  /** The root tree's id. */
  tree: string;
  /** Parent commit ids, first parent first. */
  parent: string[];
  author: GitPerson;
  committer: GitPerson;
  /** Everything after the headers' blank line, as stored. */
  message: string;
}

/** One entry of a tree. */
export interface GitTreeEntry {
  /** Octal mode, six digits (`100644`, `040000`, `120000` for a symbolic link, `160000` for a submodule). */
  mode: string;
  /** The entry's name within its tree (isomorphic-git's name for it, kept for its callers). */
  path: string;
  oid: string;
  /** 'commit' is a submodule's commit, which this repository does not hold. */
  type: 'blob' | 'tree' | 'commit';
}

/** An object the repository does not hold (a shallow clone's missing parents, a damaged repository). */
export class GitObjectMissingError extends Error {
  constructor(
    /** The missing object's id. */
    readonly oid: string,
    objectsDir: string,
    note = '',
  ) {
    super(`object ${oid} is not in ${objectsDir}${note}`);
    this.name = 'GitObjectMissingError';
  }
}

/** The id of the empty tree, which git knows without storing it. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const OBJECT_ID = /^[0-9a-f]{40}$/;
const PACK_INDEX = /^(pack-[0-9a-f]+)\.idx$/;
const LOOSE_HEADER = /^(commit|tree|blob|tag) (\d+)$/;
/** Far beyond git's own limits (`--depth` 4095): only a damaged pack loops this long. */
const MAX_DELTA_CHAIN = 10_000;
const MAX_PEEL = 10;

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const PERSON = /^(.*?) ?<([^>]*)> (-?\d+)(?: ([+-])(\d{2})(\d{2}))?$/;

function parsePerson(value: string): GitPerson | null {
  const match = PERSON.exec(value);
  if (!match) return null;
  const [, name = '', email = '', seconds = '', sign, hours = '0', minutes = '0'] = match;
  const offset = Number(hours) * 60 + Number(minutes);
  return { name, email, timestamp: Number(seconds), utcOffsetMinutes: sign === '-' ? -offset : offset };
}

/** Parse a commit object's content; throws an Error naming `oid` when it lacks a tree or a readable committer date. */
export function parseCommit(data: Buffer, oid: string): GitCommit {
  const text = data.toString('utf8');
  const end = text.indexOf('\n\n');
  const headers = end < 0 ? text : text.slice(0, end);
  let tree: string | undefined;
  const parent: string[] = [];
  let author: GitPerson | null = null;
  let committer: GitPerson | null = null;
  let committerLine = '';
  for (const line of headers.split('\n')) {
    // Lines starting with a space continue a multi-line header (gpgsig, mergetag).
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const value = line.slice(space + 1);
    switch (line.slice(0, space)) {
      case 'tree':
        tree = value;
        break;
      case 'parent':
        parent.push(value);
        break;
      case 'author':
        author = parsePerson(value);
        break;
      case 'committer':
        committer = parsePerson(value);
        committerLine = line;
        break;
    }
  }
  if (tree === undefined || !OBJECT_ID.test(tree)) throw new Error(`commit ${oid} names no tree`);
  if (committer === null) throw new Error(`commit ${oid} has no readable committer date ("${committerLine}")`);
  return { tree, parent, author: author ?? committer, committer, message: end < 0 ? '' : text.slice(end + 2) };
}

/** Parse a tree object's content: `<octal mode> <name>\0<20-byte id>` per entry. */
export function parseTree(data: Buffer, oid: string): GitTreeEntry[] {
  const entries: GitTreeEntry[] = [];
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    const nul = space < 0 ? -1 : data.indexOf(0, space + 1);
    if (nul < 0 || nul + 21 > data.length) throw new Error(`tree ${oid} is corrupt at byte ${position}`);
    const mode = data.toString('latin1', position, space).padStart(6, '0');
    entries.push({
      mode,
      path: data.toString('utf8', space + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 21),
      type: mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob',
    });
    position = nul + 21;
  }
  return entries;
}

/** The object id a tag points at. */
function tagTarget(data: Buffer, oid: string): string {
  const match = /^object ([0-9a-f]{40})$/m.exec(data.toString('latin1', 0, Math.min(data.length, 512)));
  if (!match?.[1]) throw new Error(`tag ${oid} names no object`);
  return match[1];
}

interface Pack {
  /** Identifies the pack in the decoded-object cache. */
  id: number;
  /** `pack-<hash>`, the files' name without extension. */
  name: string;
  index: PackIndex;
  file: PackFile;
}

/** The packs a database has open; closed by the finalizer when a database is dropped unclosed. */
class OpenPacks {
  list: Pack[] = [];
  scanned = false;

  close(): void {
    for (const pack of this.list.splice(0)) closePack(pack);
    this.scanned = false;
  }
}

function closePack(pack: Pack): void {
  pack.index.close();
  pack.file.close();
}

const unclosed = new FinalizationRegistry<OpenPacks>((packs) => packs.close());

/** Options of `ObjectDatabase`. */
export interface ObjectDatabaseOptions {
  /** The file system to read through (tests count the bytes read). Default node:fs. */
  files?: GitFileSystem;
  /** Bytes of decoded delta bases to keep. Default 32 MB. */
  cacheBytes?: number;
}

/**
 * The objects of one repository: its packs (each index searched in place,
 * the pack most recently hit first) and its loose objects. The pack list is
 * read on first use and again when an object cannot be found, so a `git gc`
 * running during an import (which packs loose objects and replaces packs)
 * does not lose objects. Memory: one pack index's 1 KB fanout table per pack,
 * the objects being read, and a bounded cache of decoded delta bases.
 */
export class ObjectDatabase {
  private readonly files: GitFileSystem;
  private readonly cache: DecodedObjectCache;
  private readonly packs = new OpenPacks();
  private nextPackId = 0;

  /** Read the objects under `objectsDir` (a repository's `objects` folder). */
  constructor(
    readonly objectsDir: string,
    options: ObjectDatabaseOptions = {},
  ) {
    this.files = options.files ?? nodeFileSystem;
    this.cache = new DecodedObjectCache(options.cacheBytes ?? 32 * 1024 * 1024);
    unclosed.register(this, this.packs);
  }

  /** Object `oid`; throws GitObjectMissingError when the repository does not hold it. */
  read(oid: string): GitObject {
    if (!OBJECT_ID.test(oid)) throw new Error(`${JSON.stringify(oid)} is not a git object id`);
    if (oid === EMPTY_TREE) return { type: 'tree', data: Buffer.alloc(0) };
    if (!this.packs.scanned) this.scanPacks();
    const found = this.find(oid);
    if (found) return found;
    this.scanPacks();
    const again = this.find(oid);
    if (again) return again;
    const alternates = this.files.existsSync(join(this.objectsDir, 'info', 'alternates'));
    throw new GitObjectMissingError(
      oid,
      this.objectsDir,
      alternates ? ' (objects borrowed through objects/info/alternates are not read)' : '',
    );
  }

  /** Commit `oid`, parsed. */
  readCommit(oid: string): GitCommit {
    const object = this.read(oid);
    if (object.type !== 'commit') throw new Error(`object ${oid} is a ${object.type}, not a commit`);
    return parseCommit(object.data, oid);
  }

  /** The entries of tree `oid`; a commit or tag id is followed to its tree. */
  readTree(oid: string): GitTreeEntry[] {
    let current = oid;
    for (let step = 0; step <= MAX_PEEL; step += 1) {
      const object = this.read(current);
      if (object.type === 'tree') return parseTree(object.data, current);
      if (object.type === 'commit') current = parseCommit(object.data, current).tree;
      else if (object.type === 'tag') current = tagTarget(object.data, current);
      else throw new Error(`object ${current} is a blob, not a tree`);
    }
    throw new Error(`object ${oid}: tags nest too deep`);
  }

  /** The bytes of blob `oid`. */
  readBlob(oid: string): Buffer {
    const object = this.read(oid);
    if (object.type !== 'blob') throw new Error(`object ${oid} is a ${object.type}, not a blob`);
    return object.data;
  }

  /** Close the pack files and drop the cache. Reading again reopens them. */
  close(): void {
    this.packs.close();
    this.cache.clear();
  }

  private find(oid: string): GitObject | null {
    const where = this.locate(Buffer.from(oid, 'hex'));
    return where ? this.readPacked(where.pack, where.offset) : this.readLoose(oid);
  }

  /** Which pack holds `oid`, and where; the pack found moves to the front. */
  private locate(oid: Buffer): { pack: Pack; offset: number } | null {
    const list = this.packs.list;
    for (let index = 0; index < list.length; index += 1) {
      const pack = list[index];
      const offset = pack?.index.find(oid);
      if (pack && offset !== null && offset !== undefined) {
        if (index > 0) {
          list.splice(index, 1);
          list.unshift(pack);
        }
        return { pack, offset };
      }
    }
    return null;
  }

  /** (Re)read `objects/pack`: open new packs (first in the list), close those a repack deleted. */
  private scanPacks(): void {
    const folder = join(this.objectsDir, 'pack');
    let names: string[];
    try {
      names = this.files.readdirSync(folder);
    } catch (error) {
      if (!isMissingFile(error)) throw error;
      names = [];
    }
    const present = new Set(names);
    const current = new Set<string>();
    for (const name of names) {
      const base = PACK_INDEX.exec(name)?.[1];
      if (base !== undefined && present.has(`${base}.pack`)) current.add(base);
    }
    const kept: Pack[] = [];
    for (const pack of this.packs.list) {
      if (current.delete(pack.name)) kept.push(pack);
      else closePack(pack);
    }
    const added: Pack[] = [];
    for (const name of current) {
      const pack = this.openPack(folder, name);
      if (pack) added.push(pack);
    }
    this.packs.list = [...added, ...kept];
    this.packs.scanned = true;
  }

  private openPack(folder: string, name: string): Pack | null {
    let index: PackIndex;
    try {
      index = PackIndex.open(this.files, join(folder, `${name}.idx`));
    } catch (error) {
      if (isMissingFile(error)) return null; // deleted by a repack since the listing
      throw error;
    }
    let file: PackFile;
    try {
      file = PackFile.open(this.files, join(folder, `${name}.pack`));
    } catch (error) {
      index.close();
      if (isMissingFile(error)) return null;
      throw error;
    }
    if (file.count !== index.count) {
      index.close();
      file.close();
      throw new Error(`${file.path}: holds ${file.count} objects but its index lists ${index.count}`);
    }
    this.nextPackId += 1;
    return { id: this.nextPackId, name, index, file };
  }

  /**
   * The object at `offset` of `pack`. A delta's base may itself be a delta:
   * walk down the chain (by offset, or by id into any pack or a loose
   * object) to a whole object or a cached one, then apply the deltas back
   * up, caching each result: the next version of the same file is usually
   * one of them.
   */
  private readPacked(pack: Pack, offset: number): GitObject {
    const deltas: Array<{ pack: Pack; offset: number; delta: Buffer }> = [];
    let at = { pack, offset };
    let object: GitObject | undefined;
    while (object === undefined) {
      object = this.cache.get(at.pack.id, at.offset);
      if (object) break;
      const entry = at.pack.file.readEntry(at.offset);
      if (entry.kind === 'object') {
        object = entry.object;
        this.cache.set(at.pack.id, at.offset, object);
        break;
      }
      deltas.push({ ...at, delta: entry.delta });
      if (deltas.length > MAX_DELTA_CHAIN) throw at.pack.file.corrupt(offset, 'delta chain loops');
      if (entry.kind === 'offset-delta') {
        at = { pack: at.pack, offset: entry.baseOffset };
        continue;
      }
      const base = this.locate(Buffer.from(entry.baseOid, 'hex'));
      if (base) {
        at = base;
        continue;
      }
      object = this.readLoose(entry.baseOid) ?? undefined;
      if (!object) throw at.pack.file.corrupt(at.offset, `its delta base ${entry.baseOid} is missing`);
    }
    for (let index = deltas.length - 1; index >= 0; index -= 1) {
      const step = deltas[index];
      if (!step) continue;
      let data: Buffer;
      try {
        data = applyDelta(object.data, step.delta);
      } catch (error) {
        throw step.pack.file.corrupt(step.offset, (error as Error).message);
      }
      object = { type: object.type, data };
      this.cache.set(step.pack.id, step.offset, object);
    }
    return object;
  }

  /** A loose object (`objects/ab/cdef…`, zlib-deflated `<type> <size>\0<content>`), or null when there is none. */
  private readLoose(oid: string): GitObject | null {
    const path = join(this.objectsDir, oid.slice(0, 2), oid.slice(2));
    let compressed: Buffer;
    try {
      compressed = this.files.readFileSync(path);
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
    let raw: Buffer;
    try {
      raw = inflateSync(compressed);
    } catch (error) {
      throw new Error(`${path}: corrupt loose object: ${(error as Error).message}`, { cause: error });
    }
    const nul = raw.indexOf(0);
    const header = LOOSE_HEADER.exec(raw.toString('latin1', 0, nul < 0 ? Math.min(raw.length, 32) : nul));
    if (nul < 0 || !header) throw new Error(`${path}: corrupt loose object: no type and size header`);
    const data = raw.subarray(nul + 1);
    if (Number(header[2]) !== data.length) {
      throw new Error(`${path}: corrupt loose object: ${data.length} bytes, header says ${header[2]}`);
    }
    return { type: header[1] as GitObjectType, data };
  }
}
