import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffBlocks, type DiffOptions } from '../../../src/shared/diff';
import type { Block, DiffBlock, DiffStats } from '../../../src/shared/domain';
import { changes, heading, listItem, newTexts, paragraph, recordedVersions, versionPairArb } from './helpers';

function expectNoChange(blocks: DiffBlock[], stats: DiffStats, b: readonly Block[]): void {
  expect(changes(blocks)).toEqual([]);
  expect(stats.wordsAdded + stats.wordsRemoved + stats.wordsMoved).toBe(0);
  expect(stats.sectionsTouched).toEqual([]);
  expect(stats.changeRatio).toBe(0);
  // The options never change the text shown: it is the newer version's.
  expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
}

describe('ignore options change what counts as a change, never the text shown', () => {
  describe.each<{ option: keyof DiffOptions; a: Block[]; b: Block[] }>([
    {
      option: 'ignoreCase',
      a: [paragraph('Contact Us by E-mail.'), paragraph('STRASSE')],
      b: [paragraph('contact us by e-mail.'), paragraph('Straße')],
    },
    {
      option: 'ignoreWhitespace',
      a: [paragraph('We sell nothing , ever.'), paragraph('Line one\nline two')],
      b: [paragraph('We  sell nothing, ever.'), paragraph('Line one line two')],
    },
    {
      option: 'ignorePunctuation',
      a: [
        paragraph('“Personal data” means any information – about you.'),
        paragraph('We don’t sell it; we never have!'),
        paragraph('Cookies, pixels and SDKs'),
      ],
      b: [
        paragraph('"Personal data" means any information - about you'),
        paragraph("We don't sell it, we never have."),
        paragraph('Cookies pixels and SDKs:'),
      ],
    },
    {
      option: 'ignoreFormatting',
      a: [
        heading('How we use cookies', 2),
        paragraph('We use *cookies* and <b>pixels</b> &amp; similar tools.'),
        listItem('Analytics'),
        heading('Your rights', 3),
        paragraph('## Contact'),
        paragraph('Name | Email | Phone'),
      ],
      b: [
        paragraph('**How we use cookies**'),
        paragraph('We use cookies and pixels & similar tools.'),
        paragraph('Analytics'),
        heading('Your rights', 2),
        heading('Contact', 2),
        listItem('Name Email Phone'),
      ],
    },
  ])('$option', ({ option, a, b }) => {
    it('counts the differences without the option', () => {
      const { blocks, stats } = diffBlocks(a, b);
      expect(changes(blocks).length).toBeGreaterThan(0);
      expect(stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted).toBeGreaterThan(0);
    });

    it('shows no change with the option, and the newer text', () => {
      const { blocks, stats } = diffBlocks(a, b, { [option]: true });
      expectNoChange(blocks, stats, b);
      expect(blocks.map((block) => block.kind)).toEqual(b.map((block) => block.kind));
    });
  });

  it('still reports real edits inside a block, word by word, showing the newer spelling', () => {
    const { blocks, stats } = diffBlocks(
      [paragraph('We Store Your Data in “Ireland”.')],
      [paragraph('we store your data in the "United States"')],
      { ignoreCase: true, ignorePunctuation: true },
    );
    expect(stats.blocksChanged).toBe(1);
    expect(blocks[0]!.spans.filter((span) => span.op !== 'equal')).toEqual([
      { op: 'delete', text: '“Ireland' },
      { op: 'insert', text: 'the "United States' },
    ]);
    expect(newTexts(blocks)).toEqual(['we store your data in the "United States"']);
    expect(stats.wordsRemoved).toBe(1);
    expect(stats.wordsAdded).toBe(3);
  });

  it('does not treat a different currency or a changed number as punctuation', () => {
    const { stats } = diffBlocks([paragraph('The fee is $5 (or 10%).')], [paragraph('The fee is €5, or 12%')], {
      ignorePunctuation: true,
    });
    expect(stats.wordsRemoved).toBe(1);
    expect(stats.wordsAdded).toBe(1);
    expect(stats.blocksChanged).toBe(1);
  });

  describe('properties: text differing only in the ignored respect shows no change', () => {
    type Noise = (text: string, random: () => number) => string;
    const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

    const caseNoise: Noise = (text, random) =>
      text.replace(/\p{L}+/gu, (word) => {
        const roll = random();
        if (roll < 0.3) return word.toUpperCase();
        if (roll < 0.6) return word.toLowerCase();
        return word;
      });
    const whitespaceNoise: Noise = (text, random) =>
      text
        .replace(/\s+/gu, () => pick(random, [' ', '  ', '\n', ' \t', '\u00a0']))
        .replace(/(?<=\p{L})(?=[,;:.!?])/gu, () => (random() < 0.3 ? ' ' : ''));
    const QUOTES: Record<string, string[]> = {
      '“': ['"', '„', '«', "'"],
      '”': ['"', '»', '’'],
      '"': ['“', '”', '«'],
      '«': ['"', '“'],
      '»': ['"', '”'],
      '’': ["'", '‘'],
      "'": ['’'],
      '–': ['-', '—'],
      '—': ['-', '–'],
      '-': ['–', '—'],
    };
    const punctuationNoise: Noise = (text, random) =>
      text
        // Swap quote and dash styles.
        .replace(/[“”"«»’'–—-]/gu, (mark) => (random() < 0.6 ? pick(random, QUOTES[mark]!) : mark))
        // Drop punctuation next to whitespace or the text's edge, or add some after a word.
        .replace(/[,;:.!?…]+(?=\s|$)/gu, (marks) => (random() < 0.4 ? '' : marks))
        .replace(/(?<=\p{L})(?=\s)/gu, () => (random() < 0.15 ? pick(random, [',', ';', ' —', ':']) : ''));
    const formattingNoise: Noise = (text, random) => {
      const emphasised = text.replace(/[\p{L}\p{N}]+/gu, (word) => {
        const roll = random();
        if (roll < 0.1) return `**${word}**`;
        if (roll < 0.15) return `_${word}_`;
        if (roll < 0.2) return `<em>${word}</em>`;
        return word;
      });
      return random() < 0.2 ? `<p>${emphasised}</p>` : emphasised;
    };
    const formattingBlockNoise = (block: Block, random: () => number): Block => {
      const text = formattingNoise(block.text, random);
      const roll = random();
      if (block.kind === 'heading' && roll < 0.3) return paragraph(`**${text}**`);
      if (block.kind === 'heading' && roll < 0.5) return heading(text, 1 + ((block.level + 1) % 6));
      if (block.kind === 'heading' && roll < 0.6) return paragraph(`${'#'.repeat(block.level)} ${text}`);
      if (block.kind === 'list-item' && roll < 0.4) return paragraph(text);
      if (block.kind === 'paragraph' && roll < 0.2) return listItem(text);
      if (block.kind === 'paragraph' && roll < 0.3) return { kind: 'quote', level: 0, text: `> ${text}` };
      return { ...block, text };
    };

    const cases: Array<{ option: keyof DiffOptions; noise: (block: Block, random: () => number) => Block }> = [
      { option: 'ignoreCase', noise: (block, random) => ({ ...block, text: caseNoise(block.text, random) }) },
      {
        option: 'ignoreWhitespace',
        noise: (block, random) => ({ ...block, text: whitespaceNoise(block.text, random) }),
      },
      {
        option: 'ignorePunctuation',
        noise: (block, random) => ({ ...block, text: punctuationNoise(block.text, random) }),
      },
      { option: 'ignoreFormatting', noise: formattingBlockNoise },
    ];

    const seededRandom = (seed: number): (() => number) => {
      let state = seed >>> 0 || 1;
      return () => {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 2 ** 32;
      };
    };

    for (const { option, noise } of cases) {
      it(`${option}: random versions with random ${option.slice(6).toLowerCase()} noise`, () => {
        fc.assert(
          fc.property(versionPairArb, fc.integer(), ([a], seed) => {
            const random = seededRandom(seed);
            const b = a.map((block) => noise(block, random));
            const withOption = diffBlocks(a, b, { [option]: true });
            expectNoChange(withOption.blocks, withOption.stats, b);
            const differs = b.some((block, index) => JSON.stringify(block) !== JSON.stringify(a[index]));
            const without = diffBlocks(a, b);
            expect(changes(without.blocks).length > 0).toBe(differs);
          }),
          { numRuns: 250 },
        );
      });

      it(`${option}: a real policy with ${option.slice(6).toLowerCase()} noise throughout`, () => {
        const versions = recordedVersions('Claude.ai');
        const a = versions[versions.length - 1]!.blocks;
        const random = seededRandom(20260704);
        const b = a.map((block) => noise(block, random));
        const withOption = diffBlocks(a, b, { [option]: true });
        expectNoChange(withOption.blocks, withOption.stats, b);
        expect(withOption.stats.blocksUnchanged).toBe(a.length);
        const without = diffBlocks(a, b);
        expect(without.stats.blocksChanged).toBeGreaterThan(a.length / 2);
      });
    }

    it('all options together absorb all the kinds of noise at once', () => {
      fc.assert(
        fc.property(versionPairArb, fc.integer(), ([a], seed) => {
          const random = seededRandom(seed);
          const b = a.map((block) => cases.reduce((noisy, { noise }) => noise(noisy, random), block));
          const { blocks, stats } = diffBlocks(a, b, {
            ignoreCase: true,
            ignoreWhitespace: true,
            ignorePunctuation: true,
            ignoreFormatting: true,
          });
          expectNoChange(blocks, stats, b);
        }),
        { numRuns: 250 },
      );
    });
  });
});
