/**
 * WACZ files (a zip of WARCs plus an index and a page list) → import units.
 * The zip is opened with random access, so each `archive/*.warc(.gz)` is
 * streamed through the same record logic as a WARC on disk (`warcUnits`);
 * `pages/pages.jsonl` (and `pages/extraPages.jsonl`) give page titles and
 * tell the crawl's pages from the frames embedded in them.
 */
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ExpandOptions, ImportEntry, ImportUnit } from './importUnit';
import { RevisitIndex, warcUnits, type PageList, type WarcSource } from './warc';

/** Page-list entries remembered; beyond this the list is used for titles only. */
const MAX_LISTED_PAGES = 200_000;
const MAX_TITLE_CHARS = 500;
const MAX_DATAPACKAGE_BYTES = 8 * 1024 * 1024;
const PAGE_LISTS = ['pages/pages.jsonl', 'pages/extraPages.jsonl'];
const WARC_ENTRY = /^archive\/[^/]+\.warc(?:\.gz)?$/i;
/** A deflated entry may inflate to this size at any ratio… */
const BOMB_CHECK_BYTES = 64 * 1024 * 1024;
/** …beyond it, a higher compression ratio than this is a zip bomb (WARCs are stored, text deflates ~10:1). */
const BOMB_RATIO = 100;

/**
 * Why a zip entry is refused as a zip bomb, from the sizes in the zip's
 * directory (yauzl checks that an entry inflates to exactly its declared
 * size, so a lying entry fails as it is read), or null.
 */
function zipBombReason(entry: Entry): string | null {
  const inflated = entry.uncompressedSize;
  if (inflated <= BOMB_CHECK_BYTES || inflated <= BOMB_RATIO * Math.max(entry.compressedSize, 1)) return null;
  return (
    `${entry.fileName} is refused as a zip bomb: it would inflate from ${Math.ceil(entry.compressedSize / 1024)} KB ` +
    `to ${Math.round(inflated / 1048576)} MB (more than ${BOMB_RATIO}:1); nothing was inflated`
  );
}

/** Page URLs compare as the WHATWG URL parser writes them, without fragments. */
function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** The pages a WACZ lists, with their titles. */
class WaczPages implements PageList {
  private readonly titles = new Map<string, string>();
  private overflow = false;
  private listed = false;

  get usable(): boolean {
    return this.listed && !this.overflow;
  }

  add(url: string, title: string | undefined): void {
    this.listed = true;
    const key = normalizeUrl(url);
    if (this.titles.has(key) && !title) return;
    if (this.titles.size >= MAX_LISTED_PAGES && !this.titles.has(key)) {
      this.overflow = true;
      return;
    }
    this.titles.set(key, (title ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS));
  }

  has(url: string): boolean {
    return this.titles.has(normalizeUrl(url));
  }

  titleOf(url: string): string | undefined {
    const title = this.titles.get(normalizeUrl(url));
    return title === '' ? undefined : title;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function listEntries(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const entry of zip.eachEntry()) entries.push(entry);
  return entries;
}

/** Skip the first `count` bytes of a stream (for entries that are deflated, so cannot be opened mid-way). */
function skipBytes(stream: Readable, count: number): Readable {
  if (count <= 0) return stream;
  let left = count;
  const out = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    if (left >= chunk.length) {
      left -= chunk.length;
      return;
    }
    const rest = chunk.subarray(left);
    left = 0;
    if (!out.write(rest)) {
      stream.pause();
      out.once('drain', () => stream.resume());
    }
  });
  stream.on('end', () => out.end());
  stream.on('error', (error) => out.destroy(error));
  out.on('close', () => stream.destroy());
  return out;
}

/** A WARC inside the zip as a `WarcSource` that can be reopened at a record offset. */
function entrySource(zip: ZipFile, entry: Entry, path: string): WarcSource {
  const stored = entry.compressionMethod === 0;
  return {
    displayName: `${path} › ${entry.fileName}`,
    labelPrefix: basename(path),
    keyPrefix: `${resolve(path)}#${entry.fileName}`,
    origin: 'wacz',
    size: entry.uncompressedSize,
    open: async (start) => {
      if (stored) {
        // WACZ stores its (already gzipped) WARCs uncompressed, so a record can be read in place.
        return zip.openReadStreamPromise(entry, { decodeFileData: false, start, end: entry.compressedSize });
      }
      return skipBytes(await zip.openReadStreamPromise(entry), start);
    },
  };
}

async function readPageList(zip: ZipFile, entry: Entry, pages: WaczPages): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let page: unknown;
      try {
        page = JSON.parse(line);
      } catch {
        continue; // one bad line does not hide the other pages
      }
      if (typeof page !== 'object' || page === null) continue;
      const { url, title } = page as { url?: unknown; title?: unknown };
      // The first line is a header ({"format":"json-pages-1.0",…}) and has no url.
      if (typeof url === 'string' && url !== '') pages.add(url, typeof title === 'string' ? title : undefined);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** The WARC paths `datapackage.json` lists, in its order (empty when absent or unreadable). */
async function datapackageWarcs(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
  if (!entry || entry.uncompressedSize > MAX_DATAPACKAGE_BYTES) return [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const data = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resources?: Array<{ path?: unknown }> };
    return (data.resources ?? [])
      .map((resource) => resource.path)
      .filter((path): path is string => typeof path === 'string' && WARC_ENTRY.test(path));
  } catch {
    return []; // optional metadata: the zip's own listing still names the WARCs
  }
}

/**
 * Expand a WACZ into import units: every page-bearing record of every WARC
 * under `archive/`, streamed, with titles from the page list. Keys are
 * `<abs path>#<warc entry>#<offset>`. Throws an Error naming the file when it
 * is not a readable zip or holds no WARC.
 */
export async function* expandWacz(
  entry: Extract<ImportEntry, { kind: 'wacz' }>,
  options: ExpandOptions,
): AsyncGenerator<ImportUnit> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(entry.path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new Error(`${entry.path}: not a readable WACZ (zip) file: ${errorMessage(error)}`);
  }
  try {
    let entries: Entry[];
    try {
      entries = await listEntries(zip);
    } catch (error) {
      throw new Error(`${entry.path}: not a readable WACZ (zip) file: ${errorMessage(error)}`);
    }
    const byName = new Map(entries.map((zipEntry) => [zipEntry.fileName, zipEntry]));
    // Only the entries this reads matter: a WARC or a page list that would inflate absurdly.
    for (const zipEntry of entries) {
      if (!WARC_ENTRY.test(zipEntry.fileName) && !PAGE_LISTS.includes(zipEntry.fileName)) continue;
      const bomb = zipBombReason(zipEntry);
      if (bomb) throw new Error(`${entry.path}: ${bomb}`);
    }

    const pages = new WaczPages();
    for (const name of PAGE_LISTS) {
      const list = byName.get(name);
      if (!list) continue;
      try {
        await readPageList(zip, list, pages);
      } catch (error) {
        throw new Error(`${entry.path}: cannot read ${name}: ${errorMessage(error)}`);
      }
    }

    // datapackage.json's order first (the order the WACZ was written in), then any WARC it does not list.
    const listed = await datapackageWarcs(zip, byName.get('datapackage.json'));
    const others = entries
      .map((zipEntry) => zipEntry.fileName)
      .filter((name) => WARC_ENTRY.test(name))
      .sort();
    const warcNames = [...new Set([...listed.filter((name) => byName.has(name)), ...others])];
    if (warcNames.length === 0) throw new Error(`${entry.path}: no WARC files under archive/ in this WACZ`);

    // One index for the whole WACZ: a revisit may point at a record in another of its WARCs.
    const context = { revisits: new RevisitIndex(), pages };
    for (const name of warcNames) {
      if (options.signal?.aborted) return;
      const warc = byName.get(name);
      if (warc) yield* warcUnits(entrySource(zip, warc, entry.path), options, context);
    }
  } finally {
    zip.close();
  }
}
