import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/main/archive/wordCount';
import { blockReadingCounts, fleschReadingEase, textReadingCounts } from '../../../src/main/extract/readability';
import { blocksFromMarkdown } from '../archive/captureBuilder';
import { samplesDir } from '../../support/paths';

describe('blockReadingCounts', () => {
  it('counts sentences, words and syllables of plain one-syllable prose', () => {
    // 6 + 3 one-syllable words in two sentences.
    expect(blockReadingCounts('The cat sat on the mat. The dog ran!')).toEqual({
      sentences: 2,
      words: 9,
      syllables: 9,
    });
  });

  it('counts the syllables of longer words', () => {
    // in-for-ma-tion (4) + pri-va-cy (3) + pol-i-cy (3)
    expect(blockReadingCounts('Information privacy policy').syllables).toBe(10);
  });

  it('does not end a sentence at an abbreviation followed by a lower-case word', () => {
    expect(
      blockReadingCounts('We share data with partners, e.g. advertisers, and Formlabs, Inc. is based in the U.S.')
        .sentences,
    ).toBe(1);
    expect(blockReadingCounts('We collect data. We keep it safe? Yes.').sentences).toBe(3);
  });

  it('takes a heading or list item without a final stop as one sentence, and a block without words as none', () => {
    expect(blockReadingCounts('Your rights')).toEqual({ sentences: 1, words: 2, syllables: 2 });
    expect(blockReadingCounts('You can ask us (“access”). You can ask us to delete it')).toMatchObject({
      sentences: 2,
    });
    expect(blockReadingCounts('— • —')).toEqual({ sentences: 0, words: 0, syllables: 0 });
  });

  it('counts numbers and words in other scripts as one syllable each', () => {
    expect(blockReadingCounts('Cat 2018 数据.')).toEqual({ sentences: 1, words: 3, syllables: 3 });
  });

  it('counts words exactly as the stored word count does, on a real policy', () => {
    const markdown = readFileSync(join(samplesDir, 'princeton', '001_670e77c443145c28.txt'), 'utf8');
    const blocks = blocksFromMarkdown(markdown);
    expect(blocks.length).toBeGreaterThan(20);
    const stored = blocks.reduce((sum, block) => sum + countWords(block.text), 0);
    expect(textReadingCounts(blocks).words).toBe(stored);
  });
});

describe('fleschReadingEase', () => {
  it('applies the English Flesch formula', () => {
    // 206.835 − 1.015 × (9 / 2) − 84.6 × (9 / 9)
    const score = fleschReadingEase({ sentences: 2, words: 9, syllables: 9 });
    expect(score).toBeCloseTo(117.6675, 4);
  });

  it('has no score for a text without words', () => {
    expect(fleschReadingEase({ sentences: 0, words: 0, syllables: 0 })).toBeNull();
  });

  it('scores a plain-language notice above a dense legal clause', () => {
    const easy = textReadingCounts([
      { text: 'We do not sell your data.' },
      { text: 'You can ask us to delete it. Just send us an email.' },
    ]);
    const legal = textReadingCounts([
      {
        text:
          'Notwithstanding the foregoing, the processing of personal information pursuant to applicable ' +
          'legislation, including without limitation the General Data Protection Regulation, shall be ' +
          'undertaken exclusively in accordance with the legitimate interests of the controller, ' +
          'except where such interests are overridden by the fundamental rights and freedoms of the data subject.',
      },
    ]);
    const easyScore = fleschReadingEase(easy)!;
    const legalScore = fleschReadingEase(legal)!;
    expect(easyScore).toBeGreaterThan(80);
    expect(legalScore).toBeLessThan(10);
  });

  it('is the same whether a text is counted whole or block by block', () => {
    const blocks = [{ text: 'Cookies.' }, { text: 'We use cookies, which are small files. They help.' }];
    const summed = blocks.map((block) => blockReadingCounts(block.text));
    expect(textReadingCounts(blocks)).toEqual({
      sentences: summed.reduce((n, c) => n + c.sentences, 0),
      words: summed.reduce((n, c) => n + c.words, 0),
      syllables: summed.reduce((n, c) => n + c.syllables, 0),
    });
  });
});
