import { describe, expect, it } from 'vitest';
import {
  joinedWords,
  MAX_QUERY_TOKENS,
  MAX_TOKEN_LENGTH,
  queryTokens,
  searchableText,
} from '../../../src/shared/quickSwitcher/switcherText';

describe('searchableText', () => {
  it('keeps letters and digits, folds case and accents, and breaks words at everything else', () => {
    expect(searchableText('formlabs.com')).toBe('formlabs com');
    expect(searchableText('  2.1. Données personnelles — “EEA”  ')).toBe('2 1 donnees personnelles eea');
    expect(searchableText('xAI’s Europe Privacy Policy Addendum')).toBe('xai s europe privacy policy addendum');
    expect(searchableText('*~^:+-')).toBe('');
  });
});

describe('queryTokens', () => {
  it('turns lunr syntax into plain words', () => {
    expect(queryTokens('title:formlab* -cookies~2 ^10')).toEqual(['title', 'formlab', 'cookies', '2', '10']);
  });

  it('drops repeats and caps the number and length of words', () => {
    expect(queryTokens('data Data DATA')).toEqual(['data']);
    expect(queryTokens('a b c d e f g h i j k')).toHaveLength(MAX_QUERY_TOKENS);
    expect(queryTokens('x'.repeat(100))[0]).toHaveLength(MAX_TOKEN_LENGTH);
  });
});

describe('joinedWords', () => {
  it('writes a multi-word name as one word, and leaves one-word names to the index', () => {
    expect(joinedWords('Le Chat')).toBe('lechat');
    expect(joinedWords('formlabs.com')).toBe('formlabscom');
    expect(joinedWords('Perplexity')).toBe('');
  });
});
