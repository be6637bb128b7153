import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/main/archive/database';
import { parseQuery, type Phrase, type QueryTerm } from '../../src/main/search/queryParser';
import { tempDir } from '../support/paths';
import { runs } from './propertyRuns';

// test/main/search/search.property.test.ts already checks that searching
// never throws and that FTS5 accepts every expression over a real archive.
// These properties add what it does not: the reading is stable (parsing the
// reading again changes nothing), and the expression means exactly what the
// parse says — the blocks FTS5 returns for it are the blocks the parsed
// terms describe, so no input can smuggle other syntax (a column filter, an
// operator, a broken quote) past the MATCH clause.

/** The tokenizer the archive's blocks_fts uses, read from a freshly created archive (never copied by hand). */
function archiveTokenizer(): string {
  const { dir, cleanup } = tempDir('pae-properties-');
  const db = openArchive(`${dir}/archive.sqlite`);
  try {
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'blocks_fts'").pluck().get() as string;
    const tokenize = /tokenize\s*=\s*'([^']*)'/i.exec(sql)?.[1];
    if (!tokenize) throw new Error(`blocks_fts has no tokenize option: ${sql}`);
    return tokenize;
  } finally {
    db.close();
    cleanup();
  }
}

// Words the porter stemmer leaves as they are (checked in beforeAll), so a
// reference evaluation can compare tokens without stemming.
const VOCABULARY = ['data', 'cat', 'dog', 'map', 'tax', 'zip', 'gift', 'bank', 'wolf', 'milk', 'lamp', 'jar'];
const PREFIXES = [...new Set(VOCABULARY.flatMap((word) => [word.slice(0, 1), word.slice(0, 2), word.slice(0, 3)]))];

interface Row {
  heading: string;
  body: string;
}

let db: Database.Database;
let rows: Row[];

const docWords = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 6 });
const rowsArb = fc.array(fc.record({ heading: docWords, body: docWords }), { minLength: 30, maxLength: 30 });

beforeAll(() => {
  db = new Database(':memory:');
  const tokenize = archiveTokenizer();
  db.exec(`CREATE VIRTUAL TABLE blocks_fts USING fts5(heading, body, tokenize = '${tokenize}')`);
  db.exec(`CREATE VIRTUAL TABLE blocks_vocab USING fts5vocab(blocks_fts, 'row')`);
  // A fixed corpus drawn once from the same seed: 30 blocks of 0–6 vocabulary words per column.
  rows = fc
    .sample(rowsArb, { numRuns: 1, seed: 7 })[0]!
    .map((row) => ({ heading: row.heading.join(' '), body: row.body.join(' ') }));
  const insert = db.prepare('INSERT INTO blocks_fts(rowid, heading, body) VALUES (?, ?, ?)');
  rows.forEach((row, index) => insert.run(index + 1, row.heading, row.body));
  const stored = db.prepare('SELECT term FROM blocks_vocab').pluck().all() as string[];
  const unstemmed = stored.filter((term) => !VOCABULARY.includes(term));
  if (unstemmed.length > 0) throw new Error(`vocabulary words stored as stems: ${unstemmed.join(', ')}`);
});
afterAll(() => db.close());

/** Tokens as unicode61 with remove_diacritics makes them: split at non-letters/digits, folded, accents dropped. */
const tokens = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter(Boolean);

function phraseMatches(phrase: Phrase, column: string): boolean {
  const want = tokens(phrase.text);
  const have = tokens(column);
  if (want.length === 0) return false;
  for (let start = 0; start + want.length <= have.length; start++) {
    const ok = want.every((token, i) =>
      phrase.prefix && i === want.length - 1 ? have[start + i]!.startsWith(token) : have[start + i] === token,
    );
    if (ok) return true;
  }
  return false;
}

const termMatches = (term: QueryTerm, row: Row): boolean =>
  term.kind === 'phrase' && [row.heading, row.body].some((column) => phraseMatches(term.phrase, column));

/** The rows the parsed query describes: every group has a matching alternative, no exclusion matches. */
function expectedRows(required: readonly QueryTerm[][], excluded: readonly QueryTerm[]): number[] {
  return rows
    .map((row, index) => ({ row, id: index + 1 }))
    .filter(({ row }) => required.every((group) => group.some((term) => termMatches(term, row))))
    .filter(({ row }) => !excluded.some((term) => termMatches(term, row)))
    .map(({ id }) => id);
}

/** Queries as users type them: vocabulary words and prefixes with every kind of syntax and junk between. */
const queryPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 2, arbitrary: fc.constantFrom(...PREFIXES).map((prefix) => `${prefix}*`) },
  { weight: 1, arbitrary: fc.constantFrom('DATA', 'Cat', 'dÓg', 'Zíp') },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      ' ',
      ' ',
      ' ',
      '"',
      '-',
      '*',
      '(',
      ')',
      'OR',
      ' OR ',
      'AND',
      'NOT ',
      'NEAR(',
      ', 3)',
      ',',
      ':',
      'heading:',
      'body:',
      '{heading}',
      '^',
      '+',
      "'",
      '.',
      '-',
      '\u0000',
      '\n',
      '""',
      'data-cat',
      "dog's",
    ),
  },
);
const queryArb = fc.oneof(
  fc.array(queryPiece, { maxLength: 25 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const count = (fts: string): number =>
  db.prepare('SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?').pluck().get(fts) as number;

describe('parseQuery against a real FTS5 table with the archive’s tokenizer', () => {
  it('never throws, and FTS5 accepts every expression it produces, also restricted to one column', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const { fts } = parseQuery(query);
        if (fts === '') return;
        count(fts);
        // Scoped to a column, the expression is still one well-formed operand.
        count(`heading : (${fts})`);
        count(`{heading body} : (${fts})`);
      }),
      runs(800),
    );
  });

  it('finds exactly the blocks its parsed terms describe: nothing escapes the MATCH clause', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const parsed = parseQuery(query);
        if (parsed.fts === '') return;
        // NEAR is checked for acceptance above; its distance rule is FTS5's own.
        fc.pre([...parsed.required.flat(), ...parsed.excluded].every((term) => term.kind === 'phrase'));
        const found = db
          .prepare('SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ? ORDER BY rowid')
          .pluck()
          .all(parsed.fts) as number[];
        expect(found).toEqual(expectedRows(parsed.required, parsed.excluded));
      }),
      { ...runs(600), maxSkipsPerRun: 1000 },
    );
  });
});

/** A user query that says exactly what the parse read: quoted phrases, OR between alternatives, -exclusions, NEAR(…). */
function render(required: readonly QueryTerm[][], excluded: readonly QueryTerm[]): string {
  const phrase = (p: Phrase): string => `"${p.text}"${p.prefix ? '*' : ''}`;
  const term = (t: QueryTerm): string =>
    t.kind === 'phrase'
      ? phrase(t.phrase)
      : `NEAR(${t.phrases.map(phrase).join(' ')}${t.distance === null ? '' : `, ${t.distance}`})`;
  return [...required.map((group) => group.map(term).join(' OR ')), ...excluded.map((t) => `-${term(t)}`)].join(' ');
}

describe('parseQuery is stable', () => {
  it('reading its own reading back gives the same expression, terms and exclusions', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const parsed = parseQuery(query);
        const again = parseQuery(render(parsed.required, parsed.excluded));
        expect(again.fts).toBe(parsed.fts);
        expect(again.terms).toEqual(parsed.terms);
        const texts = (terms: readonly QueryTerm[]) =>
          terms.map((t) => (t.kind === 'phrase' ? [t.phrase.text] : t.phrases.map((p) => p.text)));
        expect(texts(again.excluded)).toEqual(texts(parsed.excluded));
      }),
      runs(800),
    );
  });

  it('is deterministic, and its terms are exactly the required phrases, each holding a letter or digit', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const parsed = parseQuery(query);
        expect(parseQuery(query)).toEqual(parsed);
        expect(parsed.fts === '').toBe(parsed.terms.length === 0);
        for (const term of parsed.terms) expect(term).toMatch(/[\p{L}\p{N}\p{Co}]/u);
        // eslint-disable-next-line no-control-regex -- control characters must never reach FTS5.
        expect(parsed.fts).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
      runs(500),
    );
  });
});
