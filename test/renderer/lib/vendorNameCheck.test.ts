import { describe, expect, it } from 'vitest';
import { vendorNameProblem } from '../../../src/renderer/src/lib/vendorNameCheck';

const formlabs = { id: 1, displayName: 'formlabs.com', key: 'formlabs.com' };
const vendors = [formlabs, { id: 2, displayName: 'ChatGPT', key: 'chatgpt.com' }];

describe('checking a new vendor name', () => {
  it('accepts a new name, and a change of case of its own name', () => {
    expect(vendorNameProblem('Formlabs', formlabs, vendors)).toBeNull();
    expect(vendorNameProblem('  Formlabs Inc.  ', formlabs, vendors)).toBeNull();
    expect(vendorNameProblem('FORMLABS.COM', formlabs, vendors)).toBeNull();
  });

  it('refuses an empty, too long or unchanged name', () => {
    expect(vendorNameProblem('   ', formlabs, vendors)).toBe('Type a name.');
    expect(vendorNameProblem('x'.repeat(201), formlabs, vendors)).toMatch(/at most 200/);
    expect(vendorNameProblem(' formlabs.com ', formlabs, vendors)).toBe('That is its name already.');
  });

  it('points to merging when another vendor has the name', () => {
    expect(vendorNameProblem('chatgpt', formlabs, vendors)).toMatch(/Another vendor is called “ChatGPT”.*merge/);
    // Imports find vendors by key as well: a name equal to another vendor's key would be ambiguous.
    expect(vendorNameProblem('ChatGPT.com', formlabs, vendors)).toMatch(/Another vendor is called “ChatGPT”/);
  });
});
