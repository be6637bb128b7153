import { describe, expect, it } from 'vitest';
import { checkTag, hasTag, MAX_TAGS, tagSuggestions, withoutTag } from '../../../src/renderer/src/lib/tagEdits';

describe('checking a typed tag', () => {
  it('cleans spaces and accepts a new tag', () => {
    expect(checkTag('  needs   review ', ['gdpr'])).toEqual({ ok: true, tag: 'needs review' });
  });

  it('says why a tag cannot be added', () => {
    expect(checkTag('   ', [])).toMatchObject({ ok: false, reason: 'Type a tag first.' });
    expect(checkTag('GDPR', ['gdpr'])).toMatchObject({ ok: false, reason: '“GDPR” is already there.' });
    expect(checkTag('x'.repeat(61), [])).toMatchObject({ ok: false });
    expect(checkTag('bell\u0007', [])).toMatchObject({ ok: false, reason: 'Tags cannot hold control characters.' });
    const full = Array.from({ length: MAX_TAGS }, (_, index) => `t${index}`);
    expect(checkTag('one more', full)).toMatchObject({ ok: false, reason: `At most ${MAX_TAGS} tags.` });
  });

  it('compares and removes tags ignoring case', () => {
    expect(hasTag(['GDPR'], 'gdpr')).toBe(true);
    expect(withoutTag(['GDPR', 'ai'], 'gdpr')).toEqual(['ai']);
  });
});

describe('tag suggestions', () => {
  const known = [
    { name: 'ai', vendorCount: 5, snapshotCount: 0 },
    { name: 'gdpr', vendorCount: 2, snapshotCount: 7 },
    { name: 'ccpa', vendorCount: 1, snapshotCount: 0 },
    { name: 'needs review', vendorCount: 0, snapshotCount: 1 },
    { name: 'paid', vendorCount: 0, snapshotCount: 1 },
  ];

  it('offers the most used tags the item does not have yet', () => {
    expect(tagSuggestions(known, ['ai'], '')).toEqual(['gdpr', 'ccpa', 'needs review', 'paid']);
  });

  it('puts tags starting with what was typed before tags containing it', () => {
    expect(tagSuggestions(known, [], 'a')).toEqual(['ai', 'ccpa', 'paid']);
    expect(tagSuggestions(known, [], 'pa')).toEqual(['paid', 'ccpa']);
    expect(tagSuggestions(known, [], 'zzz')).toEqual([]);
  });

  it('offers at most the limit', () => {
    expect(tagSuggestions(known, [], '', 2)).toEqual(['gdpr', 'ai']);
  });
});
