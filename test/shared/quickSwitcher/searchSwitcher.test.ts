import { beforeAll, describe, expect, it } from 'vitest';
import type { SwitcherEntry } from '../../../src/shared/searchDomain';
import { searchSwitcher } from '../../../src/shared/quickSwitcher/searchSwitcher';
import {
  buildSwitcherIndex,
  SwitcherIndexBuilder,
  type SwitcherIndex,
} from '../../../src/shared/quickSwitcher/switcherIndex';
import { entry, sampleEntries } from './sampleEntries';

/*
 * The quick switcher over the entries a real archive of the samples offers:
 * typos and half-typed words still find the vendor, document or section.
 */

let entries: SwitcherEntry[];
let index: SwitcherIndex;

beforeAll(async () => {
  entries = await sampleEntries();
  index = buildSwitcherIndex(entries);
});

/** `kind: label (detail)` of the first `count` matches. */
function top(query: string, count = 5): string[] {
  return searchSwitcher(index, query, count).map(
    ({ entry }) => `${entry.kind}: ${entry.label}${entry.detail ? ` (${entry.detail})` : ''}`,
  );
}

describe('typos and partial words', () => {
  it('"formlab" offers formlabs.com first', () => {
    const matches = searchSwitcher(index, 'formlab');
    expect(matches[0]?.entry.kind).toBe('vendor');
    expect(matches[0]?.entry.label).toBe('formlabs.com');
    // The vendor's name also finds its document (its title alone, "Privacy Policy", does not say whose it is).
    expect(matches.map(({ entry }) => `${entry.kind}: ${entry.label} (${entry.detail})`)).toContain(
      'document: Privacy Policy (formlabs.com)',
    );
  });

  it('"privcy" finds the Privacy Policy documents', () => {
    const matches = searchSwitcher(index, 'privcy', 12);
    expect(matches).toHaveLength(12);
    for (const { entry } of matches) {
      expect(entry.kind).toBe('document');
      expect(entry.label).toBe('Privacy Policy');
    }
    expect(matches.map(({ entry }) => entry.detail)).toContain('formlabs.com');
  });

  it('a typo and a vendor narrow to that vendor’s entries', () => {
    const matches = searchSwitcher(index, 'formlabs privcy');
    expect(matches.length).toBeGreaterThan(0);
    for (const { entry } of matches) expect(`${entry.label} ${entry.detail}`.toLowerCase()).toContain('formlabs');
    expect(matches.slice(0, 3).map(({ entry }) => entry.kind)).toContain('document');
  });

  it('finds sections by a misspelt or half-typed word', () => {
    expect(top('cookis', 3).every((line) => /cookie/i.test(line))).toBe(true);
    expect(top('retenti', 3).every((line) => /retention/i.test(line))).toBe(true);
    expect(top('legitmate interst', 1)).toEqual([
      'heading: Consent and Legitimate Interests in Processing (formlabs.com · Privacy Policy)',
    ]);
  });

  it('every word must match: a vendor and a section word give that vendor’s section', () => {
    expect(top('formlabs cookies')).toEqual(['heading: Cookies (formlabs.com · Privacy Policy)']);
    expect(top('claude children', 1)).toEqual(['heading: 7. Children (Claude.ai · Privacy Policy)']);
  });

  it('names typed with or without their spaces and dots', () => {
    expect(top('lechat', 1)).toEqual(['vendor: Le Chat']);
    expect(top('le chat', 1)).toEqual(['vendor: Le Chat']);
    expect(top('qwenchat', 1)).toEqual(['vendor: Qwen Chat']);
    expect(top('formlabs.com', 1)).toEqual(['vendor: formlabs.com']);
    expect(top('claude ai', 1)).toEqual(['vendor: Claude.ai']);
  });

  it('ignores case and accents', () => {
    expect(top('CHATGPT', 1)).toEqual(['vendor: ChatGPT']);
    const accents = buildSwitcherIndex([entry('heading', 'Données personnelles', 'Le Chat · Politique')]);
    expect(searchSwitcher(accents, 'donnees')).toHaveLength(1);
    expect(searchSwitcher(accents, 'DONNÉES PERSO')).toHaveLength(1);
  });
});

describe('ranking', () => {
  it('puts the exact word before a longer word it begins, and both before a typo', () => {
    const switcher = buildSwitcherIndex([
      entry('heading', 'Date of this policy', 'Acme · Privacy Policy'),
      entry('heading', 'Database access', 'Acme · Privacy Policy'),
      entry('heading', 'Data we collect', 'Acme · Privacy Policy'),
    ]);
    expect(searchSwitcher(switcher, 'data').map(({ entry }) => entry.label)).toEqual([
      'Data we collect',
      'Database access',
      'Date of this policy',
    ]);
  });

  it('puts a one-typo word before a two-typo word, however rare', () => {
    const switcher = buildSwitcherIndex([
      entry('heading', 'What the process looks like', 'ChatGPT · Privacy Policy'),
      ...['Cookies', 'Analytical cookies', 'Advertising cookies', 'Cookies and similar technologies'].map((label) =>
        entry('heading', label, 'ultimaker.com · Privacy Policy'),
      ),
    ]);
    const labels = searchSwitcher(switcher, 'cookis').map(({ entry }) => entry.label);
    expect(labels.at(-1)).toBe('What the process looks like');
  });

  it('on a tie, vendors come before documents, and documents before headings', () => {
    const switcher = buildSwitcherIndex([
      entry('heading', 'Acme', 'Acme · Acme'),
      entry('document', 'Acme', 'Acme'),
      entry('vendor', 'Acme', 'Acme'),
    ]);
    expect(searchSwitcher(switcher, 'acme').map(({ entry }) => entry.kind)).toEqual(['vendor', 'document', 'heading']);
  });

  it('a name that begins with what was typed beats one that merely contains it', () => {
    expect(top('claude', 1)).toEqual(['vendor: Claude.ai']);
    const [first, second] = searchSwitcher(index, 'perplex');
    expect(first?.entry.label).toBe('Perplexity');
    expect(second?.entry.label).toBe('Perplexity Privacy Notice');
  });

  it('returns at most `limit` matches, best first', () => {
    const matches = searchSwitcher(index, 'data', 7);
    expect(matches).toHaveLength(7);
    const scores = matches.map((match) => match.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(searchSwitcher(index, 'data', 0)).toEqual([]);
  });
});

describe('input without words', () => {
  it('finds nothing for empty, blank or punctuation-only input', () => {
    for (const query of ['', '   ', '***', '-', ':', '~', '^', '+-*~^:', '"', '()']) {
      expect(searchSwitcher(index, query), JSON.stringify(query)).toEqual([]);
    }
  });

  it('reads lunr’s own syntax as plain words', () => {
    expect(top('title:formlabs', 1)).toEqual(['vendor: formlabs.com']);
    // Not "formlab* without cookies": the words formlab and cookies.
    expect(top('+formlab* -cookies~', 1)).toEqual(['heading: Cookies (formlabs.com · Privacy Policy)']);
  });
});

describe('building the index', () => {
  it('built a slice at a time, it answers exactly as when built at once', () => {
    const builder = new SwitcherIndexBuilder();
    for (let start = 0; start < entries.length; start += 17) builder.add(entries.slice(start, start + 17));
    expect(builder.size).toBe(entries.length);
    const sliced = builder.build();
    for (const query of ['formlab', 'privcy', 'your rights', 'cookis', 'c']) {
      expect(searchSwitcher(sliced, query)).toEqual(searchSwitcher(index, query));
    }
  });

  it('an empty index finds nothing', () => {
    expect(searchSwitcher(buildSwitcherIndex([]), 'formlabs')).toEqual([]);
  });
});
