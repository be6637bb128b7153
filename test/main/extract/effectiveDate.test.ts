import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/shared/domain';
import { findEffectiveDate } from '../../../src/main/extract/effectiveDate';

const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const blocksOf = (...texts: string[]): Block[] => texts.map(paragraph);

describe('findEffectiveDate', () => {
  it.each([
    ['Updated: June 1, 2016', '2016-06-01'],
    ['Effective Date – May 25, 2018', '2018-05-25'],
    ['Effective Date – Oct. 15, 2015', '2015-10-15'],
    ['Last updated: November 4, 2024', '2024-11-04'],
    ['Last modified on 3 March 2019', '2019-03-03'],
    ['Last updated: November 8th 2013', '2013-11-08'],
    ['Effective Date: 25 May 2018', '2018-05-25'],
    ['This Statement was last updated on April 12, 2019', '2019-04-12'],
    ['This Privacy Policy was last revised on May 20, 2008.', '2008-05-20'],
    ['Last Update: Feb 10, 2026', '2026-02-10'],
    ['Effective:November 28, 2025', '2025-11-28'],
    ['Revised May 2018', '2018-05'],
    ['last updated. may 2020.', '2020-05'],
    ['Last changed: 2019-07-01', '2019-07-01'],
    ['Last updated: 2019', '2019'],
  ])('reads "%s" as %s', (text, date) => {
    expect(findEffectiveDate(blocksOf('Privacy Policy', text, 'We respect your privacy.'))?.date).toBe(date);
  });

  it('reads a date glued to the link text that follows it ("2025[Previous Version](…)")', () => {
    expect(findEffectiveDate(blocksOf('Effective October 8, 2025Previous Version'))).toEqual({
      date: '2025-10-08',
      phrase: 'Effective October 8, 2025',
    });
  });

  it('takes the date from the next block when a short block is only the label', () => {
    expect(findEffectiveDate(blocksOf('privacy policy.', 'last updated.', 'may 2020.', 'general.'))).toEqual({
      date: '2020-05',
      phrase: 'last updated. may 2020',
    });
  });

  it('does not take the next block when it does not start with a date', () => {
    expect(findEffectiveDate(blocksOf('last updated.', 'we moved offices in May 2020.'))).toBeNull();
  });

  it('ignores dates without an effective/updated label nearby', () => {
    const blocks = blocksOf(
      'We have been certified under the Privacy Shield since 2016.',
      'On May 25, 2018 the GDPR came into force.',
      'This Privacy Policy was posted in September, 2015',
    );
    expect(findEffectiveDate(blocks)).toBeNull();
  });

  it('ignores labels whose date is far away or missing', () => {
    expect(
      findEffectiveDate(
        blocksOf(
          'We may update this policy from time to time and will tell you about the changes we make to it by e-mail on June 1, 2016.',
        ),
      ),
    ).toBeNull();
    expect(findEffectiveDate(blocksOf('These changes will be effective immediately.'))).toBeNull();
    expect(findEffectiveDate(blocksOf('Updated: today'))).toBeNull();
    expect(findEffectiveDate(blocksOf('Updated: June 1'))).toBeNull();
  });

  it('returns the first labelled date in document order', () => {
    const blocks = blocksOf('Updated: November 4, 2024', 'Europe privacy policy', 'Updated: April 28, 2025');
    expect(findEffectiveDate(blocks)?.date).toBe('2024-11-04');
  });

  it('searches blocks beyond the first 40 only when they contain a label word', () => {
    const body = Array.from({ length: 60 }, (_, i) => `Section ${i} of the policy.`);
    const late = [...body, 'This policy was last revised on January 5, 2017.'];
    expect(findEffectiveDate(blocksOf(...late))?.date).toBe('2017-01-05');
  });

  it('returns null for no blocks', () => {
    expect(findEffectiveDate([])).toBeNull();
  });
});
