import { describe, expect, it } from 'vitest';
import { diffBlocks } from '../../../src/shared/diff';
import { heading, paragraph } from './helpers';

const policy = [
  paragraph('Effective 1 May 2024.'),
  heading('Privacy Policy', 1),
  heading('Data we collect'),
  paragraph('Your name and email address.'),
  heading('Cookies', 3),
  paragraph('We use cookies to remember you.'),
  heading('Sharing'),
  paragraph('We never share your data.'),
];

describe('diff statistics', () => {
  it('lists the sections holding a change in document order, each once', () => {
    const b = [
      paragraph('Effective 1 June 2025.'),
      heading('Privacy Policy', 1),
      heading('Data we collect'),
      paragraph('Your name, email address and phone number.'),
      heading('Cookies', 3),
      paragraph('We use cookies and pixels to remember you.'),
      paragraph('You can refuse them.'),
      heading('Sharing'),
      paragraph('We never share your data.'),
      paragraph('We may share data with auditors.'),
    ];
    const { stats } = diffBlocks(policy, b);
    // The effective date sits outside any section, so it is not listed.
    expect(stats.sectionsTouched).toEqual([
      'Privacy Policy › Data we collect',
      'Privacy Policy › Data we collect › Cookies',
      'Privacy Policy › Sharing',
    ]);
  });

  it('lists a renamed section under its new name', () => {
    const b = policy.map((block) => (block.text === 'Sharing' ? heading('Sharing and selling') : block));
    const { stats } = diffBlocks(policy, b);
    expect(stats.sectionsTouched).toEqual(['Privacy Policy › Sharing and selling']);
    expect(stats.blocksChanged).toBe(1);
  });

  it('measures the share of words that changed: 0 for equal, 1 for nothing in common', () => {
    expect(diffBlocks(policy, policy).stats.changeRatio).toBe(0);
    const unrelated = [paragraph('Completely different terms of service apply here.')];
    expect(diffBlocks(policy, unrelated).stats.changeRatio).toBe(1);
    // One word replaced in a six-word paragraph: 2 changed out of 12 words in the two versions.
    const { stats } = diffBlocks(
      [paragraph('We keep data for two years.')],
      [paragraph('We keep data for three years.')],
    );
    expect(stats.changeRatio).toBeCloseTo(2 / 12);
  });

  it('counts each block of both versions once, as unchanged, changed, inserted, deleted or moved', () => {
    const b = [
      heading('Privacy Policy', 1),
      heading('Sharing'),
      paragraph('We never share your data.'),
      heading('Data we collect'),
      paragraph('Your name and postal address.'),
      paragraph('New paragraph.'),
      heading('Cookies', 3),
      paragraph('We use cookies to remember you.'),
    ];
    const { stats } = diffBlocks(policy, b);
    expect(stats).toMatchObject({
      blocksUnchanged: 4,
      blocksChanged: 1,
      blocksInserted: 1,
      blocksDeleted: 1,
      blocksMoved: 2,
      wordsMoved: 1 + 5, // the 'Sharing' heading and its paragraph
      wordsAdded: 1 + 2, // 'postal', 'New paragraph'
      wordsRemoved: 1 + 4, // 'email', 'Effective 1 May 2024'
      sectionsTouched: ['Privacy Policy › Sharing', 'Privacy Policy › Data we collect'],
      coarse: false,
    });
  });
});
