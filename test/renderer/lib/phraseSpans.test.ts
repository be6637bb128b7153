import { describe, expect, it } from 'vitest';
import type { PhraseSpan, PhraseVersionRef } from '../../../src/shared/searchDomain';
import { spanStory, versionsText } from '../../../src/renderer/src/lib/phraseSpans';

const ref = (snapshotId: number, day: string): PhraseVersionRef => ({
  snapshotId,
  capturedAt: `${day}T12:00:00Z`,
  effectiveDate: null,
});

describe('spanStory', () => {
  it('offers the diff that introduced a phrase (before → first) and the one that dropped it (last → after)', () => {
    const span: PhraseSpan = {
      before: ref(1, '2015-03-01'),
      first: ref(2, '2016-05-09'),
      last: ref(3, '2018-08-13'),
      after: ref(4, '2020-01-02'),
    };
    expect(spanStory(span)).toEqual({
      firstDay: '2016-05-09',
      lastDay: '2018-08-13',
      introduced: { olderId: 1, newerId: 2, day: '2016-05-09', fromDay: '2015-03-01' },
      dropped: { olderId: 3, newerId: 4, day: '2020-01-02', fromDay: '2018-08-13' },
    });
  });

  it('has no "introduced" diff when the phrase was there from the first capture, and no "dropped" one while it is still there', () => {
    const story = spanStory({ before: null, first: ref(7, '2019-01-01'), last: ref(7, '2019-01-01'), after: null });
    expect(story.introduced).toBeNull();
    expect(story.dropped).toBeNull();
    expect(story.firstDay).toBe('2019-01-01');
  });

  it('counts versions in words', () => {
    expect(versionsText(1)).toBe('1 version');
    expect(versionsText(4)).toBe('4 versions');
  });
});
