/**
 * The hostile-input suite: every kind of bad input an archived-web import
 * meets in the wild (or from an attacker), generated at run time. Each case
 * is imported from a folder that also holds one good policy file, through the
 * real pipeline into a real archive (see runHostileCase.ts for what "handled"
 * means). The vitest suite (test/main/importers/hostileInput.test.ts) and the
 * reliability runner both use this list.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import type Database from 'better-sqlite3';
import type { ImportFileResult, ImportReport } from '../../src/shared/domain';
import {
  deflateBomb,
  deflatedEntry,
  deflateRawPart,
  gzip,
  gzipBomb,
  gzipMember,
  noise,
  storedEntry,
  tinyPng,
  zipBytes,
} from './hostileBytes';
import { POLICY_MARKER, POLICY_SENTENCES, policyHtml, policyRecords, warcOf, waybackpackPath } from './hostilePages';

export { runHostileCase, type HostileOutcome } from './runHostileCase';

/** What a case must come to for it to count as handled. */
export type HostileExpectation =
  | {
      /** The file is refused: a failed or skipped result naming it, with a reason matching `reason`. */
      result: 'rejected';
      outcomes: ReadonlyArray<'failed' | 'skipped'>;
      reason: RegExp;
      why: string;
    }
  | {
      /** The file is imported (its oddity is harmless or repaired); `verify` checks how. */
      result: 'imported';
      why: string;
    }
  | {
      /** The listing passes over it without a report line (the good file is still imported once). */
      result: 'not-listed';
      why: string;
    };

/** What a case's own checks can look at after the import. */
export interface HostileCheckContext {
  db: Database.Database;
  report: ImportReport;
  hostilePath: string;
  /** The report lines about the hostile file (or its records). */
  results: ImportFileResult[];
}

/** One hostile input. */
export interface HostileCase {
  name: string;
  category:
    'gzip' | 'warc' | 'wacz' | 'bomb' | 'binary' | 'size' | 'structure' | 'encoding' | 'date' | 'path' | 'symlink';
  expect: HostileExpectation;
  /** Write the hostile input into `dir` (the import folder); returns its path, as the report will name it. */
  build(dir: string): Promise<string> | string;
  /** Extra checks; each string returned is a problem. */
  verify?(context: HostileCheckContext): string[];
}

const MB = 1024 * 1024;

function write(path: string, content: Buffer | string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function rejected(
  reason: RegExp,
  why: string,
  outcomes: ReadonlyArray<'failed' | 'skipped'> = ['failed'],
): HostileExpectation {
  return { result: 'rejected', outcomes, reason, why };
}

/** The block texts of every snapshot whose text mentions the policy marker. */
function hostileBlockTexts(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT b.text FROM blocks b WHERE b.id IN (
         SELECT tb.block_id FROM text_blocks tb WHERE tb.text_id IN (
           SELECT tb2.text_id FROM text_blocks tb2 JOIN blocks b2 ON b2.id = tb2.block_id WHERE instr(b2.text, ?) > 0))`,
    )
    .pluck()
    .all(POLICY_MARKER) as string[];
}

/** Problems unless the imported policy's text holds every policy sentence, intact. */
function policySentencesIntact(db: Database.Database): string[] {
  const text = hostileBlockTexts(db).join('\n');
  if (text === '') return ['the hostile page was not found in the archive'];
  return POLICY_SENTENCES.filter((sentence) => !text.includes(sentence)).map(
    (sentence) => `sentence missing or damaged: "${sentence.slice(0, 40)}…"`,
  );
}

function capturedAtOf(db: Database.Database, results: ImportFileResult[]): string[] {
  const ids = results.flatMap((result) => result.snapshotIds);
  return ids.map((id) => db.prepare('SELECT captured_at FROM snapshots WHERE id = ?').pluck().get(id) as string);
}

/** A WARC whose response record's Content-Length is off by `delta` bytes (the record itself unchanged). */
async function warcWithLengthOff(delta: number): Promise<Buffer> {
  const plain = await warcOf(policyRecords(), false);
  const text = plain.toString('latin1');
  const responseAt = text.indexOf('WARC-Type: response');
  const lengthAt = text.indexOf('Content-Length: ', responseAt);
  const lineEnd = text.indexOf('\r\n', lengthAt);
  const length = Number(text.slice(lengthAt + 'Content-Length: '.length, lineEnd));
  return Buffer.from(`${text.slice(0, lengthAt)}Content-Length: ${length + delta}${text.slice(lineEnd)}`, 'latin1');
}

/** Every hostile input of the suite, in a stable order. */
export function hostileCases(): HostileCase[] {
  return [
    // ── gzip ──────────────────────────────────────────────────────────────
    {
      name: 'gzip WARC cut off in the middle of the policy record',
      category: 'gzip',
      expect: rejected(/truncated or corrupt/, 'a cut-off download: reported as truncated, nothing from it stored'),
      build: async (dir) => {
        const whole = await warcOf(policyRecords(policyHtml('<p>padding</p>'.repeat(400))), true);
        return write(join(dir, 'crawl-cut.warc.gz'), whole.subarray(0, Math.floor(whole.length * 0.6)));
      },
    },
    {
      name: 'file named .warc.gz that is gzip magic followed by garbage',
      category: 'gzip',
      expect: rejected(/gzip/i, 'named like a web archive but cannot be decompressed: reported, not silently ignored'),
      build: (dir) =>
        write(join(dir, 'garbage.warc.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), noise(4096)])),
    },
    {
      name: 'gzip WARC whose second member has corrupt deflate data',
      category: 'gzip',
      expect: rejected(/truncated or corrupt/, 'corruption after a good first member is still reported'),
      build: async (dir) => {
        const [info, response] = policyRecords();
        const first = await warcOf([info!], true);
        const second = await warcOf([response!], true);
        // Flip bytes inside the deflate data (past the 10-byte gzip header).
        for (let at = 20; at < second.length - 20; at += 7) second[at] = (second[at] ?? 0) ^ 0x5a;
        return write(join(dir, 'flipped.warc.gz'), Buffer.concat([first, second]));
      },
    },
    {
      name: 'WARC record body gzip-encoded with corrupt data',
      category: 'gzip',
      expect: rejected(/cannot decode gzip/, 'the record fails with the coding named; the rest of the WARC goes on'),
      build: async (dir) => {
        const body = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), noise(2000, 7)]);
        const records = policyRecords(body, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
        return write(join(dir, 'bad-encoding.warc'), await warcOf(records, false));
      },
    },

    // ── WARC structure ────────────────────────────────────────────────────
    {
      name: 'WARC with binary garbage where a record header should be',
      category: 'warc',
      expect: rejected(
        /where a WARC record header should be/,
        'corrupt record header: the WARC is reported as corrupt',
      ),
      build: async (dir) => {
        const [info, response] = policyRecords();
        const bytes = Buffer.concat([
          await warcOf([info!], false),
          noise(3000, 99),
          Buffer.from('\r\n\r\n'),
          await warcOf([response!], false),
        ]);
        return write(join(dir, 'garbage-header.warc'), bytes);
      },
    },
    {
      name: 'WARC record whose Content-Length is larger than its data',
      category: 'warc',
      expect: rejected(/truncated or corrupt.*missing/, 'the record runs past the end of the file: truncated'),
      build: async (dir) => write(join(dir, 'length-long.warc'), await warcWithLengthOff(+5000)),
    },
    {
      name: 'WARC record whose Content-Length is smaller than its data',
      category: 'warc',
      expect: rejected(
        /Content-Length/,
        'the page would be cut short: the record is refused (not stored truncated) and the WARC reported',
      ),
      build: async (dir) => write(join(dir, 'length-short.warc'), await warcWithLengthOff(-300)),
    },
    {
      name: 'WARC record header with a non-numeric Content-Length',
      category: 'warc',
      expect: rejected(/Content-Length/, 'a header without a usable length cannot be read past'),
      build: async (dir) => {
        const plain = (await warcOf(policyRecords(), false)).toString('latin1');
        const at = plain.indexOf('WARC-Type: response');
        const fixed = plain.slice(0, at) + plain.slice(at).replace(/Content-Length: \d+/, 'Content-Length: lots');
        return write(join(dir, 'length-word.warc'), Buffer.from(fixed, 'latin1'));
      },
    },

    {
      name: 'plain WARC whose second record header never ends (40 MB without a line break)',
      category: 'warc',
      expect: rejected(
        /no WARC record header ends within 16 MB/,
        'the header reader would buffer the whole file: refused after 16 MB, the first record kept in the report',
      ),
      build: async (dir) => {
        const [info] = policyRecords();
        const bytes = Buffer.concat([
          await warcOf([info!], false),
          Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: '),
          Buffer.alloc(40 * MB, 'a'),
        ]);
        return write(join(dir, 'endless-header.warc'), bytes);
      },
    },

    // ── WACZ ──────────────────────────────────────────────────────────────
    {
      name: 'WACZ that is not a zip at all',
      category: 'wacz',
      expect: rejected(/not a readable WACZ/, 'the zip directory is missing: named and reported'),
      build: (dir) =>
        write(join(dir, 'broken.wacz'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), noise(5000, 3)])),
    },
    {
      name: 'WACZ without any archive/ WARC',
      category: 'wacz',
      expect: rejected(/no WARC files/, 'a WACZ with nothing to import says so'),
      build: (dir) =>
        write(
          join(dir, 'empty.wacz'),
          zipBytes([
            deflatedEntry('datapackage.json', '{"profile":"data-package","resources":[]}'),
            deflatedEntry('pages/pages.jsonl', '{"format":"json-pages-1.0"}\n'),
          ]),
        ),
    },
    {
      name: 'WACZ whose pages.jsonl is garbage (the WARC is fine)',
      category: 'wacz',
      expect: {
        result: 'imported',
        why: 'the page list is optional metadata: bad lines are ignored and the policy in the WARC is imported',
      },
      build: async (dir) =>
        write(
          join(dir, 'garbled-pages.wacz'),
          zipBytes([
            deflatedEntry('pages/pages.jsonl', Buffer.concat([noise(2000, 5), Buffer.from('\n{not json\n[1,2]\n')])),
            storedEntry('archive/data.warc.gz', await warcOf(policyRecords(), true)),
          ]),
        ),
      verify: ({ db }) => policySentencesIntact(db),
    },
    {
      name: 'WACZ whose archive/data.warc.gz is random bytes',
      category: 'wacz',
      expect: rejected(/truncated or corrupt|not a WARC|gzip/i, 'the WARC inside is named in the error'),
      build: (dir) =>
        write(join(dir, 'garbled-warc.wacz'), zipBytes([storedEntry('archive/data.warc.gz', noise(8000, 11))])),
    },
    {
      name: 'WACZ whose deflated WARC entry has corrupt deflate data',
      category: 'wacz',
      expect: rejected(/invalid|corrupt|truncated/i, 'the zip stream error is reported for that WACZ'),
      build: async (dir) => {
        const entry = deflatedEntry('archive/data.warc', await warcOf(policyRecords(), false));
        for (let at = 8; at < entry.stored.length; at += 5) entry.stored[at] = (entry.stored[at] ?? 0) ^ 0xa5;
        return write(join(dir, 'bad-deflate.wacz'), zipBytes([entry]));
      },
    },
    {
      name: 'WACZ whose entry lies about its size (declares 100 bytes, holds 50 KB)',
      category: 'wacz',
      expect: rejected(/bytes|size|corrupt|truncated/i, 'the zip reader refuses an entry longer than declared'),
      build: async (dir) => {
        const warc = await warcOf(policyRecords(policyHtml('<p>more</p>'.repeat(3000))), false);
        const entry = deflatedEntry('archive/data.warc', warc);
        return write(join(dir, 'size-lie.wacz'), zipBytes([{ ...entry, declaredSize: 100 }]));
      },
    },
    {
      name: 'zip with 30,000 entries and no WARC',
      category: 'wacz',
      expect: rejected(/no WARC files/, 'many entries are listed without trouble; nothing to import is reported'),
      build: (dir) => {
        const entries = Array.from({ length: 30_000 }, (_, i) => storedEntry(`pages/p${i}.jsonl`, ''));
        return write(join(dir, 'many-entries.wacz'), zipBytes(entries));
      },
    },

    // ── decompression bombs ───────────────────────────────────────────────
    {
      name: 'WACZ zip bomb: a 1 MB deflated WARC entry that inflates to 1 GB',
      category: 'bomb',
      expect: rejected(/bomb|inflates/i, 'refused from the zip directory, before inflating anything'),
      build: (dir) => {
        const bomb = deflateBomb(1024);
        return write(
          join(dir, 'zip-bomb.wacz'),
          zipBytes([{ name: 'archive/data.warc', stored: bomb, method: 8, declaredSize: 1024 * MB }]),
        );
      },
    },
    {
      name: 'WACZ zip bomb that lies: declares a small WARC that inflates to 1 GB',
      category: 'bomb',
      expect: rejected(
        /bytes|size|header|corrupt/i,
        'the zip reader stops at the declared size; nothing huge is inflated',
      ),
      build: (dir) =>
        write(
          join(dir, 'lying-bomb.wacz'),
          zipBytes([{ name: 'archive/data.warc', stored: deflateBomb(1024), method: 8, declaredSize: 4096 }]),
        ),
    },
    {
      name: 'gzip Content-Encoding bomb in a WARC response (256 MB of zeros)',
      category: 'bomb',
      expect: rejected(/larger than 64 MB/, 'decoding stops at the cap and the reason names it'),
      build: async (dir) => {
        const records = policyRecords(gzipBomb(256), { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
        return write(join(dir, 'encoding-bomb.warc.gz'), await warcOf(records, true));
      },
    },
    {
      name: '.warc.gz member whose record says 2 KB but inflates to 1 GB',
      category: 'bomb',
      expect: rejected(
        /decompression bomb/,
        'the zeros after the record are refused once past 64 MB, never buffered whole',
      ),
      build: async (dir) => {
        const header = `WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://hostile.example/privacy\r\nWARC-Date: 2019-03-01T12:00:00Z\r\nContent-Type: text/html\r\nContent-Length: 2048\r\n\r\n`;
        // One gzip member: the header, then a stream of zeros far beyond the declared 2 KB.
        const member = gzipMember(
          Buffer.concat([deflateRawPart(header), deflateBomb(1024)]),
          Buffer.byteLength(header) + 1024 * MB,
        );
        return write(join(dir, 'member-bomb.warc.gz'), member);
      },
    },
    {
      name: '.warc.gz record declaring and holding 256 MB of zeros',
      category: 'bomb',
      expect: rejected(
        /decompression bomb/,
        "refused once the member has inflated 64 MB at a bomb's ratio, not read to the end",
      ),
      build: (dir) => {
        const header = `WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://hostile.example/privacy\r\nWARC-Date: 2019-03-01T12:00:00Z\r\nContent-Type: text/html\r\nContent-Length: ${256 * MB}\r\n\r\n`;
        const deflated = Buffer.concat([
          deflateRawPart(header),
          deflateBomb(256).subarray(0, -2),
          deflateRawPart('\r\n\r\n', true),
        ]);
        return write(join(dir, 'huge-record.warc.gz'), gzipMember(deflated, Buffer.byteLength(header) + 256 * MB + 4));
      },
    },

    // ── binary files named .html ──────────────────────────────────────────
    {
      name: 'random bytes named .html',
      category: 'binary',
      expect: rejected(/binary/, 'not text: skipped as binary', ['skipped']),
      build: (dir) => write(join(dir, 'random.html'), noise(64 * 1024, 1234)),
    },
    {
      name: 'a PNG named .html',
      category: 'binary',
      expect: rejected(/binary/, 'an image saved under a page name: skipped as binary', ['skipped']),
      build: (dir) => write(join(dir, 'image.html'), Buffer.concat([tinyPng(), noise(10_000, 77)])),
    },
    {
      name: 'NUL-heavy .html (UTF-32-like text)',
      category: 'binary',
      expect: rejected(/binary/, 'mostly NUL bytes: not a page', ['skipped']),
      build: (dir) => write(join(dir, 'nul-heavy.html'), iconv.encode(policyHtml(), 'utf32le' as string)),
    },
    {
      name: 'gzip file named .html (a compressed page saved as is)',
      category: 'binary',
      expect: rejected(/binary/, 'compressed bytes are not text: skipped as binary', ['skipped']),
      build: (dir) => write(waybackpackPath(dir), gzip(policyHtml())),
    },

    // ── size ──────────────────────────────────────────────────────────────
    {
      name: '300 MB single page (sparse file)',
      category: 'size',
      expect: rejected(/too large \(300 MB; the limit is 64 MB\)/, 'refused by its size before it is read'),
      build: (dir) => {
        const path = write(join(dir, 'huge-page.html'), policyHtml());
        truncateSync(path, 300 * MB);
        return path;
      },
    },
    {
      name: '10 MB line without a newline or space in a text file',
      category: 'size',
      expect: rejected(
        /vendor|date|policy|pass --/i,
        'no header and no policy text to go on: refused with the reason',
        ['failed', 'skipped'],
      ),
      build: (dir) => write(join(dir, 'one-line.txt'), 'x'.repeat(10 * MB)),
    },
    {
      name: '10 MB word inside a policy page',
      category: 'size',
      expect: {
        result: 'imported',
        why: 'the page is a real policy; the absurd word must not hang extraction or the index',
      },
      build: (dir) => write(waybackpackPath(dir), policyHtml(`<p>${'w'.repeat(10 * MB)}</p>`)),
      verify: ({ db }) => policySentencesIntact(db),
    },

    // ── HTML structure ────────────────────────────────────────────────────
    {
      name: '100,000 nested <div> elements around the policy',
      category: 'structure',
      expect: {
        result: 'imported',
        why: 'deep nesting is legal HTML: extracted without a stack overflow',
      },
      build: (dir) =>
        write(
          waybackpackPath(dir),
          policyHtml(`${'<div>'.repeat(100_000)}<p>Deep inside.</p>${'</div>'.repeat(100_000)}`),
        ),
      verify: ({ db }) => policySentencesIntact(db),
    },
    {
      name: '100,000 unclosed nested <span><b><i> elements',
      category: 'structure',
      expect: {
        result: 'imported',
        why: 'unclosed inline elements nest as deep as the parser lets them: no stack overflow',
      },
      build: (dir) => write(waybackpackPath(dir), policyHtml('<span><b><i>'.repeat(33_334) + 'Unclosed.')),
      verify: ({ db }) => policySentencesIntact(db),
    },

    // ── encodings ─────────────────────────────────────────────────────────
    {
      name: 'invalid UTF-8 sequences in a UTF-8 page',
      category: 'encoding',
      expect: {
        result: 'imported',
        why: 'a mostly UTF-8 page with broken bytes: decoded as UTF-8, the broken bytes become U+FFFD',
      },
      build: (dir) => {
        const page = policyHtml('<p>Datenschutzerklärung für Ünïcödé — “quoted”.</p><p>Broken: ##</p>');
        const [before, after] = page.split('##');
        const bytes = Buffer.concat([
          Buffer.from(before ?? '', 'utf8'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82]),
          Buffer.from(after ?? '', 'utf8'),
        ]);
        return write(waybackpackPath(dir), bytes);
      },
      verify: ({ db }) => {
        const text = hostileBlockTexts(db).join('\n');
        const problems = policySentencesIntact(db);
        if (!text.includes('Datenschutzerklärung für Ünïcödé — “quoted”.')) {
          problems.push(`valid UTF-8 around the broken bytes was mangled: ${JSON.stringify(text.slice(-200))}`);
        }
        if (!text.includes('\uFFFD')) problems.push('the broken bytes left no replacement character');
        return problems;
      },
    },
    {
      name: 'mixed encodings: UTF-8 page with a windows-1252 paragraph pasted in',
      category: 'encoding',
      expect: {
        result: 'imported',
        why: 'the UTF-8 majority decodes correctly; the stray latin1 bytes become U+FFFD',
      },
      build: (dir) => {
        const bytes = Buffer.concat([
          Buffer.from(policyHtml('<p>Grüße aus Köln — “UTF-8”.</p>##').split('##')[0] ?? '', 'utf8'),
          iconv.encode('<p>Café crème à la française.</p>', 'windows-1252'),
          Buffer.from('</main></body></html>', 'utf8'),
        ]);
        return write(waybackpackPath(dir), bytes);
      },
      verify: ({ db }) => {
        const text = hostileBlockTexts(db).join('\n');
        const problems = policySentencesIntact(db);
        if (!text.includes('Grüße aus Köln — “UTF-8”.')) problems.push('the UTF-8 paragraph was mangled');
        return problems;
      },
    },
    {
      name: 'declared charset lies (says shift_jis, bytes are windows-1252)',
      category: 'encoding',
      expect: {
        result: 'imported',
        why: 'a wrong declaration garbles only the non-ASCII characters; the policy text is kept',
      },
      build: (dir) =>
        write(
          waybackpackPath(dir),
          iconv.encode(
            policyHtml('<p>Données personnelles — «protégées».</p>', '<meta charset="shift_jis">'),
            'windows-1252',
          ),
        ),
      verify: ({ db }) => policySentencesIntact(db),
    },
    {
      name: 'UTF-16 BOM on a UTF-8 page (the BOM lies)',
      category: 'encoding',
      expect: rejected(/binary|no policy text|policy/i, 'decoded as the BOM says, it is not text: refused, no crash', [
        'skipped',
        'failed',
      ]),
      build: (dir) =>
        write(waybackpackPath(dir), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policyHtml())])),
    },
    {
      name: 'NUL bytes inside the text of a policy page',
      category: 'encoding',
      expect: {
        result: 'imported',
        why: 'a few stray NULs do not make a page binary: they are dropped (as browsers do) and the text imported',
      },
      build: (dir) => {
        const page = Buffer.from(policyHtml('<p>Nul\u0000l bytes\u0000 here.</p>'), 'utf8');
        // One more NUL inside a policy word: "priv\0acy".
        const at = page.indexOf('Privacy Policy explains');
        return write(
          waybackpackPath(dir),
          Buffer.concat([page.subarray(0, at + 4), Buffer.from([0]), page.subarray(at + 4)]),
        );
      },
      verify: ({ db }) => {
        const problems = policySentencesIntact(db);
        const withNul = db
          .prepare('SELECT count(*) FROM blocks WHERE instr(text, char(0)) > 0')
          .pluck()
          .get() as number;
        if (withNul > 0) problems.push(`${withNul} stored blocks contain NUL characters`);
        const originals = db.prepare('SELECT count(*) FROM originals').pluck().get() as number;
        if (originals === 0) problems.push('the original page was not stored');
        return problems;
      },
    },

    // ── dates ─────────────────────────────────────────────────────────────
    {
      name: 'Wayback timestamp 00000000000000 in a waybackpack folder',
      category: 'date',
      expect: rejected(
        /cannot tell|pass --/,
        'an impossible timestamp is no waybackpack folder: the page has no header, and the report says which option to pass',
      ),
      build: (dir) => write(waybackpackPath(dir, '00000000000000'), policyHtml()),
    },
    {
      name: 'Wayback timestamp in year 0 (00000101000000)',
      category: 'date',
      expect: rejected(
        /capture time 0000-01-01.*before/i,
        'a capture before the web existed is refused with the date named',
      ),
      build: (dir) => write(waybackpackPath(dir, '00000101000000'), policyHtml()),
    },
    {
      name: 'Wayback timestamp in year 9999 (99991231235959)',
      category: 'date',
      expect: rejected(/capture time 9999-12-31.*future/i, 'a capture in the future is refused with the date named'),
      build: (dir) => write(waybackpackPath(dir, '99991231235959'), policyHtml()),
    },
    {
      name: 'Wayback timestamp on February 30 (20200230120000)',
      category: 'date',
      expect: rejected(
        /cannot tell|pass --/,
        'a date not in the calendar is no timestamp (not rolled over to March): the report says which option to pass',
      ),
      build: (dir) => write(waybackpackPath(dir, '20200230120000'), policyHtml()),
    },
    {
      name: 'Wayback URL with timestamp 00000000000000 inside a page',
      category: 'date',
      expect: rejected(/date/i, 'the replay URL gives no usable date: the report says to pass --date'),
      build: (dir) =>
        write(
          join(dir, 'replayed-zero.html'),
          policyHtml(
            '',
            '<meta charset="utf-8"><link rel="canonical" href="https://web.archive.org/web/00000000000000/https://hostile.example/privacy">',
          ),
        ),
    },
    {
      name: 'WARC-Date with a +14:00 zone at 00:30 on January 1',
      category: 'date',
      expect: { result: 'imported', why: 'a legal (if unusual) zone: converted to UTC, the previous day' },
      build: async (dir) =>
        write(
          join(dir, 'zone-plus14.warc'),
          await warcOf(policyRecords(undefined, undefined, '2020-01-01T00:30:00+14:00'), false),
        ),
      verify: ({ db, results }) => {
        const times = capturedAtOf(db, results);
        return times.includes('2019-12-31T10:30:00Z')
          ? []
          : [`capture time ${times.join(', ')}, not 2019-12-31T10:30:00Z`];
      },
    },
    {
      name: 'WARC-Date with a -12:00 zone at 23:30 on December 31',
      category: 'date',
      expect: { result: 'imported', why: 'converted to UTC, the next day (and year)' },
      build: async (dir) =>
        write(
          join(dir, 'zone-minus12.warc'),
          await warcOf(policyRecords(undefined, undefined, '2019-12-31T23:30:00-12:00'), false),
        ),
      verify: ({ db, results }) => {
        const times = capturedAtOf(db, results);
        return times.includes('2020-01-01T11:30:00Z')
          ? []
          : [`capture time ${times.join(', ')}, not 2020-01-01T11:30:00Z`];
      },
    },
    {
      name: 'WARC-Date 9999-12-31T23:00:00-12:00 (carries into year 10000)',
      category: 'date',
      expect: rejected(/date/i, 'a capture time that leaves four-digit years is refused'),
      build: async (dir) =>
        write(
          join(dir, 'zone-overflow.warc'),
          await warcOf(policyRecords(undefined, undefined, '9999-12-31T23:00:00-12:00'), false),
        ),
    },

    // ── paths ─────────────────────────────────────────────────────────────
    ...oddNames().map((name): HostileCase => ({
      name: `file name: ${JSON.stringify(name).slice(0, 60)}`,
      category: 'path',
      expect: { result: 'imported', why: 'an odd name is still a name: imported, and reported under that exact path' },
      build: (dir) => write(waybackpackPath(join(dir, name)), policyHtml()),
      verify: ({ db }) => policySentencesIntact(db),
    })),

    // ── symlinks ──────────────────────────────────────────────────────────
    {
      name: 'folder symlink pointing at its parent (a loop)',
      category: 'symlink',
      expect: {
        result: 'not-listed',
        why: 'the walk never enters a folder twice: it ends, and nothing is imported twice',
      },
      build: (dir) => {
        const path = join(dir, 'loop');
        symlinkSync(dir, path, 'dir');
        return path;
      },
    },
    {
      name: 'two symlinks pointing at each other',
      category: 'symlink',
      expect: rejected(
        /symbolic link loop/,
        'a link named like a page that never resolves (ELOOP) is reported; the walk ends and the import goes on',
      ),
      build: (dir) => {
        const a = join(dir, 'a.html');
        symlinkSync(join(dir, 'b.html'), a);
        symlinkSync(a, join(dir, 'b.html'));
        return a;
      },
    },
    {
      name: 'dangling symlink named like a page',
      category: 'symlink',
      expect: rejected(
        /symbolic link to .*no-such-file\.html, which does not exist/,
        'a broken link named like a page was probably meant to be imported: reported, the import goes on',
      ),
      build: (dir) => {
        const path = join(dir, 'gone.html');
        symlinkSync(join(dir, 'no-such-file.html'), path);
        return path;
      },
    },
  ];
}

/** Folder names that break naive path handling (each holds a good page). */
function oddNames(): string[] {
  return [
    'name with  spaces ',
    'política de privacidad 🍪 データ',
    'new\nline',
    '-rf --all',
    `${'l'.repeat(240)}`,
    'quote\'s "and" back\\slash',
  ];
}
