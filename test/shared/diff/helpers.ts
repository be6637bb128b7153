import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { markdownBlocks } from '../../../src/main/extract/markdownBlocks';
import type { Block, DiffBlock } from '../../../src/shared/domain';

export const samples = resolve(__dirname, '../../../..', 'shared', 'samples');

export const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
export const heading = (text: string, level = 2): Block => ({ kind: 'heading', level, text });
export const listItem = (text: string, level = 1): Block => ({ kind: 'list-item', level, text });

/**
 * The newer version as a reader of the diff sees it: every block but
 * deletions and move sources, each read as its non-delete spans.
 */
export function newTexts(blocks: readonly DiffBlock[]): string[] {
  return blocks
    .filter((block) => block.change !== 'delete' && block.moveRole !== 'from')
    .map((block) =>
      block.spans
        .filter((span) => span.op !== 'delete')
        .map((span) => span.text)
        .join(''),
    );
}

/** The older version: every block but insertions and move destinations, each read as its non-insert spans. */
export function oldTexts(blocks: readonly DiffBlock[]): string[] {
  return blocks
    .filter((block) => block.change !== 'insert' && block.moveRole !== 'to')
    .map((block) =>
      block.spans
        .filter((span) => span.op !== 'insert')
        .map((span) => span.text)
        .join(''),
    );
}

/** Blocks that count as a change of any kind. */
export const changes = (blocks: readonly DiffBlock[]): DiffBlock[] =>
  blocks.filter((block) => block.change !== 'equal');

/** The recorded versions of one service's privacy policy in the Open Terms Archive samples, oldest first. */
export function recordedVersions(service: string): Array<{ file: string; blocks: Block[] }> {
  const folder = resolve(samples, 'open-terms-archive', service, 'Privacy Policy');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ file: name, blocks: markdownBlocks(readFileSync(resolve(folder, name), 'utf8')) }));
}

/** Consecutive versions whose blocks differ (the archive records identical captures too). */
export function consecutiveDistinctPairs(service: string): Array<{ label: string; a: Block[]; b: Block[] }> {
  const versions = recordedVersions(service);
  const pairs: Array<{ label: string; a: Block[]; b: Block[] }> = [];
  for (let index = 1; index < versions.length; index++) {
    const before = versions[index - 1]!;
    const after = versions[index]!;
    if (JSON.stringify(before.blocks) === JSON.stringify(after.blocks)) continue;
    pairs.push({ label: `${service} ${before.file} → ${after.file}`, a: before.blocks, b: after.blocks });
  }
  return pairs;
}

const latin = ['we', 'your', 'data', 'collect', 'share', 'Cookies', 'privacy', 'policy', 'may', 'not', 'GDPR', '2018'];
const other = ['данные', 'Datenschutz', 'données', 'προσωπικά', '個人情報', 'خصوصية', 'naïve', 'e-mail'];
const marks = ['', '', '', '.', ',', ';', ':', '!', '?', ' –', ' —', ' -', '…'];

/** A word, maybe with punctuation after it or quotes around it, in any script. */
export const wordArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...latin) }, fc.constantFrom(...other)),
    fc.constantFrom(...marks),
    fc.constantFrom(['', ''], ['', ''], ['“', '”'], ['"', '"'], ['(', ')'], ['«', '»']),
  )
  .map(([word, mark, [open, close]]) => `${open}${word}${close}${mark}`);

export const textArb: fc.Arbitrary<string> = fc
  .array(wordArb, { minLength: 1, maxLength: 10 })
  .map((words) => words.join(' '));

export const blockArb: fc.Arbitrary<Block> = fc.oneof(
  { weight: 3, arbitrary: textArb.map((text) => paragraph(text)) },
  fc.tuple(fc.integer({ min: 1, max: 3 }), textArb).map(([level, text]) => heading(text, level)),
  fc.tuple(fc.integer({ min: 1, max: 2 }), textArb).map(([level, text]) => listItem(text, level)),
);

type Edit = ['delete' | 'insert' | 'rewrite' | 'move', number, number, Block];

/** Apply random edits to a block list, as policies change: delete, insert, reword or move blocks. */
export function applyEdits(a: readonly Block[], edits: readonly Edit[]): Block[] {
  const b = [...a];
  for (const [edit, at, to, block] of edits) {
    const index = b.length === 0 ? 0 : at % b.length;
    if (edit === 'delete') b.splice(index, 1);
    else if (edit === 'insert') b.splice(index, 0, block);
    else if (edit === 'rewrite' && b[index]) b[index] = { ...b[index]!, text: `${b[index]!.text} ${block.text}` };
    else if (edit === 'move' && b[index]) {
      const [moved] = b.splice(index, 1);
      b.splice(b.length === 0 ? 0 : to % (b.length + 1), 0, moved!);
    }
  }
  return b;
}

/** An older version and a newer one made from it by random edits (or two unrelated versions). */
export const versionPairArb: fc.Arbitrary<readonly [Block[], Block[]]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.array(blockArb, { maxLength: 15 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('delete' as const, 'insert' as const, 'rewrite' as const, 'move' as const),
            fc.nat(),
            fc.nat(),
            blockArb,
          ),
          { maxLength: 6 },
        ),
      )
      .map(([a, edits]) => [a, applyEdits(a, edits)] as const),
  },
  fc.tuple(fc.array(blockArb, { maxLength: 12 }), fc.array(blockArb, { maxLength: 12 })),
);
