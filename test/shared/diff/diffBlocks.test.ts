import { describe, expect, it } from 'vitest';
import { diffBlocks } from '../../../src/shared/diff';
import { heading, newTexts, oldTexts, paragraph } from './helpers';

describe('diffBlocks', () => {
  it('reports no change for identical versions', () => {
    const blocks = [
      heading('Privacy Policy', 1),
      paragraph('We collect your email address.'),
      paragraph('We never sell it.'),
    ];
    const { blocks: diff, stats } = diffBlocks(blocks, structuredClone(blocks));
    expect(diff.every((block) => block.change === 'equal')).toBe(true);
    expect(stats).toEqual({
      wordsAdded: 0,
      wordsRemoved: 0,
      wordsMoved: 0,
      blocksInserted: 0,
      blocksDeleted: 0,
      blocksChanged: 0,
      blocksMoved: 0,
      blocksUnchanged: 3,
      sectionsTouched: [],
      changeRatio: 0,
      coarse: false,
    });
  });

  it('shows a one-word edit as one changed block with one deletion and one insertion', () => {
    const a = [
      paragraph('Intro.'),
      paragraph('We keep your data for two years after you close your account.'),
      paragraph('Outro.'),
    ];
    const b = [
      paragraph('Intro.'),
      paragraph('We keep your data for five years after you close your account.'),
      paragraph('Outro.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    const changed = blocks.filter((block) => block.change !== 'equal');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.change).toBe('replace');
    const edits = changed[0]!.spans.filter((span) => span.op !== 'equal');
    expect(edits).toEqual([
      { op: 'delete', text: 'two' },
      { op: 'insert', text: 'five' },
    ]);
    expect(stats.wordsAdded).toBe(1);
    expect(stats.wordsRemoved).toBe(1);
    expect(stats.blocksChanged).toBe(1);
    expect(stats.blocksUnchanged).toBe(2);
  });

  it('shows an inserted section as inserted blocks under their new heading', () => {
    const a = [heading('Data we collect'), paragraph('Your name.'), heading('Contact'), paragraph('Write to us.')];
    const b = [
      heading('Data we collect'),
      paragraph('Your name.'),
      heading('Cookies'),
      paragraph('We use cookies to remember your settings.'),
      paragraph('You can turn them off in your browser.'),
      heading('Contact'),
      paragraph('Write to us.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    const inserted = blocks.filter((block) => block.change === 'insert');
    expect(inserted.map((block) => block.spans.map((span) => span.text).join(''))).toEqual([
      'Cookies',
      'We use cookies to remember your settings.',
      'You can turn them off in your browser.',
    ]);
    expect(inserted[1]!.headingPath).toEqual(['Cookies']);
    expect(blocks.filter((block) => block.change === 'equal')).toHaveLength(4);
    expect(stats.blocksInserted).toBe(3);
    expect(stats.wordsAdded).toBe(1 + 7 + 8);
    expect(stats.wordsRemoved).toBe(0);
  });

  it('shows a removed paragraph as a deleted block in its old section', () => {
    const a = [
      heading('Sharing'),
      paragraph('We share data with advertisers.'),
      paragraph('We share data with processors.'),
    ];
    const b = [heading('Sharing'), paragraph('We share data with processors.')];
    const { blocks } = diffBlocks(a, b);
    const deleted = blocks.filter((block) => block.change === 'delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.spans).toEqual([{ op: 'delete', text: 'We share data with advertisers.' }]);
    expect(deleted[0]!.headingPath).toEqual(['Sharing']);
  });

  it('gives every block the heading path of its section, outermost first', () => {
    const b = [
      heading('Policy', 1),
      heading('Your rights', 2),
      heading('Access', 3),
      paragraph('Ask us for a copy.'),
      heading('Contact', 2),
      paragraph('Write to us.'),
    ];
    const { blocks } = diffBlocks([], b);
    expect(blocks.map((block) => block.headingPath)).toEqual([
      [],
      ['Policy'],
      ['Policy', 'Your rights'],
      ['Policy', 'Your rights', 'Access'],
      ['Policy'],
      ['Policy', 'Contact'],
    ]);
  });

  it('diffs words in scripts other than Latin word by word', () => {
    const { blocks } = diffBlocks(
      [paragraph('Мы храним ваши данные два года.')],
      [paragraph('Мы храним ваши данные пять лет.')],
    );
    expect(blocks[0]!.change).toBe('replace');
    expect(blocks[0]!.spans.filter((span) => span.op !== 'equal')).toEqual([
      { op: 'delete', text: 'два года' },
      { op: 'insert', text: 'пять лет' },
    ]);
  });

  it('reads a rewritten phrase as one deletion and one insertion, not word by word', () => {
    const a = [paragraph('You may contact the data protection officer by post at any time.')];
    const b = [paragraph('You may contact our privacy team by email at any time.')];
    const { blocks } = diffBlocks(a, b);
    const ops = blocks[0]!.spans.map((span) => span.op);
    expect(ops).toEqual(['equal', 'delete', 'insert', 'equal', 'delete', 'insert', 'equal']);
    expect(blocks[0]!.spans[1]).toEqual({ op: 'delete', text: 'the data protection officer' });
    expect(blocks[0]!.spans[2]).toEqual({ op: 'insert', text: 'our privacy team' });
  });

  it('shows a heading that changed level as a changed block with the same words', () => {
    const { blocks, stats } = diffBlocks([heading('Your rights', 2)], [heading('Your rights', 3)]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ change: 'replace', kind: 'heading', level: 3 });
    expect(blocks[0]!.spans).toEqual([{ op: 'equal', text: 'Your rights' }]);
    expect(stats.blocksChanged).toBe(1);
    expect(stats.wordsAdded + stats.wordsRemoved).toBe(0);
  });

  it('shows a heading that became a paragraph with the same words as one changed block, not a deletion and an insertion', () => {
    const { blocks } = diffBlocks(
      [heading('How we use cookies'), paragraph('Details.')],
      [paragraph('How we use cookies'), paragraph('Details.')],
    );
    expect(blocks.map((block) => block.change)).toEqual(['replace', 'equal']);
    expect(blocks[0]!.kind).toBe('paragraph');
  });

  it('keeps unrelated blocks at the same place apart: a deletion and an insertion', () => {
    const { blocks } = diffBlocks(
      [paragraph('Intro.'), paragraph('We store logs for thirty days.'), paragraph('Outro.')],
      [paragraph('Intro.'), paragraph('Children under thirteen may not register.'), paragraph('Outro.')],
    );
    expect(blocks.map((block) => block.change)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(newTexts(blocks)).toEqual(['Intro.', 'Children under thirteen may not register.', 'Outro.']);
    expect(oldTexts(blocks)).toEqual(['Intro.', 'We store logs for thirty days.', 'Outro.']);
  });
});
