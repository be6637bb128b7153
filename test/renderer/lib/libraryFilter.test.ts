import { describe, expect, it } from 'vitest';
import {
  filterHasTag,
  isEmptyFilter,
  matchesLibraryFilter,
  parseLibraryFilter,
  tagTerm,
  toggleTagInFilter,
} from '../../../src/renderer/src/lib/libraryFilter';
import { libraryVendor } from './libraryBuilders';

const formlabs = libraryVendor('formlabs.com', undefined, { key: 'formlabs.com', tags: ['GDPR', '3d printing'] });
const chatgpt = libraryVendor('ChatGPT', undefined, { key: 'openai.com', tags: ['ai'] });
const perplexity = libraryVendor('Perplexity', undefined, { key: 'perplexity.ai', tags: ['ai', 'needs review'] });
const all = [formlabs, chatgpt, perplexity];

function names(text: string): string[] {
  const filter = parseLibraryFilter(text);
  return all.filter((vendor) => matchesLibraryFilter(vendor, filter)).map((vendor) => vendor.displayName);
}

describe('the library filter box', () => {
  it('shows every vendor while empty or blank', () => {
    expect(isEmptyFilter(parseLibraryFilter('   '))).toBe(true);
    expect(names('')).toEqual(['formlabs.com', 'ChatGPT', 'Perplexity']);
  });

  it('finds vendors by part of the name or of the key, ignoring case', () => {
    expect(names('CHAT')).toEqual(['ChatGPT']);
    expect(names('openai')).toEqual(['ChatGPT']);
    expect(names('.ai')).toEqual(['Perplexity']);
  });

  it('needs every word to match', () => {
    expect(names('perplexity ai')).toEqual(['Perplexity']);
    expect(names('chat perplexity')).toEqual([]);
  });

  it('keeps vendors carrying a tag:, ignoring case, combined with words', () => {
    expect(names('tag:ai')).toEqual(['ChatGPT', 'Perplexity']);
    expect(names('tag:gdpr')).toEqual(['formlabs.com']);
    expect(names('tag:ai chat')).toEqual(['ChatGPT']);
    expect(names('tag:ai tag:gdpr')).toEqual([]);
  });

  it('matches tags whole: tag:a is not tag:ai', () => {
    expect(names('tag:a')).toEqual([]);
  });

  it('reads quoted tags with spaces, and ignores a bare tag: still being typed', () => {
    expect(parseLibraryFilter('tag:"needs review" per').tags).toEqual(['needs review']);
    expect(names('tag:"needs review"')).toEqual(['Perplexity']);
    expect(parseLibraryFilter('tag:')).toEqual({ words: [], tags: [] });
    expect(names('tag: chat')).toEqual(['ChatGPT']);
  });
});

describe('tag chips toggle tag: terms in the filter text', () => {
  it('adds a term after what was typed, and removes it again leaving the rest', () => {
    const on = toggleTagInFilter('chat', 'ai');
    expect(on).toBe('chat tag:ai');
    expect(filterHasTag(on, 'AI')).toBe(true);
    expect(toggleTagInFilter(on, 'ai')).toBe('chat');
  });

  it('quotes tags with spaces so the text reads back the same', () => {
    const on = toggleTagInFilter('', 'needs review');
    expect(on).toBe('tag:"needs review"');
    expect(parseLibraryFilter(on).tags).toEqual(['needs review']);
    expect(toggleTagInFilter(`${on} tag:ai`, 'needs review')).toBe('tag:ai');
    expect(tagTerm('gdpr')).toBe('tag:gdpr');
  });

  it('removes a typed term whatever its case', () => {
    expect(toggleTagInFilter('TAG:GDPR formlabs', 'gdpr')).toBe('formlabs');
  });
});
