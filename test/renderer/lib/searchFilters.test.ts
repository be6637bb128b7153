import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  cleanFilters,
  filterChips,
  sameFilters,
  todayIso,
  toggled,
  versionScopeOf,
  withoutChip,
  withVersionScope,
} from '../../../src/renderer/src/lib/searchFilters';

const names = {
  vendorName: (id: number) => ({ 1: 'formlabs.com', 2: 'ChatGPT' })[id],
  typeTitle: (key: string) => ({ 'privacy-policy': 'Privacy Policy' })[key],
};

describe('cleanFilters', () => {
  it('sends nothing for an untouched panel: empty lists, blank dates and unticked boxes are dropped', () => {
    expect(
      cleanFilters({ vendorIds: [], documentKeys: [], capturedFrom: '', capturedTo: ' ', latestOnly: false }),
    ).toEqual({});
    expect(activeFilterCount({ vendorIds: [] })).toBe(0);
  });

  it('keeps every filter that restricts something', () => {
    const filters = {
      vendorIds: [1, 2],
      documentKeys: ['terms'],
      capturedFrom: '2018-01-01',
      capturedTo: '2019-12-31',
    };
    expect(cleanFilters(filters)).toEqual(filters);
    expect(activeFilterCount(filters)).toBe(4);
  });

  it('never sends "latest only" together with "in force on"', () => {
    expect(cleanFilters({ latestOnly: true, inForceOn: '2020-01-01' })).toEqual({ inForceOn: '2020-01-01' });
  });
});

describe('version scope', () => {
  it('"latest version only" and "in force on" exclude each other, and "every version" clears both', () => {
    const latest = withVersionScope({ vendorIds: [1] }, 'latest', '2024-05-01');
    expect(latest).toEqual({ vendorIds: [1], latestOnly: true });
    expect(versionScopeOf(latest)).toBe('latest');

    const inForce = withVersionScope(latest, 'in-force', '2024-05-01');
    expect(inForce).toEqual({ vendorIds: [1], inForceOn: '2024-05-01' });
    expect(versionScopeOf(inForce)).toBe('in-force');

    expect(withVersionScope(inForce, 'all', '2024-05-01')).toEqual({ vendorIds: [1] });
  });

  it('keeps an in-force date already chosen', () => {
    expect(withVersionScope({ inForceOn: '2019-03-01' }, 'in-force', '2024-05-01').inForceOn).toBe('2019-03-01');
  });
});

describe('filter chips', () => {
  it('names each active filter the way the panel does', () => {
    const chips = filterChips(
      {
        vendorIds: [2, 1],
        documentKeys: ['privacy-policy'],
        capturedFrom: '2018-05-25',
        capturedTo: '2020-01-01',
        latestOnly: true,
      },
      names,
    );
    expect(chips.map((chip) => chip.label)).toEqual([
      'ChatGPT',
      'formlabs.com',
      'Privacy Policy',
      'Captured from 2018-05-25',
      'Captured to 2020-01-01',
      'Latest version only',
    ]);
    expect(new Set(chips.map((chip) => chip.id)).size).toBe(chips.length);
  });

  it('falls back to something readable for a vendor or type no longer in the archive', () => {
    expect(filterChips({ vendorIds: [99], documentKeys: ['cookie-policy'] }, names).map((chip) => chip.label)).toEqual([
      'Vendor 99',
      'cookie-policy',
    ]);
  });

  it('removing a chip removes exactly its filter', () => {
    const filters = { vendorIds: [1, 2], capturedFrom: '2018-01-01', inForceOn: '2019-06-30' };
    const chips = filterChips(filters, names);
    const byLabel = (label: string) => chips.find((chip) => chip.label === label)!.id;

    expect(withoutChip(filters, byLabel('formlabs.com'))).toEqual({
      vendorIds: [2],
      capturedFrom: '2018-01-01',
      inForceOn: '2019-06-30',
    });
    expect(withoutChip(filters, byLabel('Captured from 2018-01-01'))).toEqual({
      vendorIds: [1, 2],
      inForceOn: '2019-06-30',
    });
    expect(withoutChip(filters, byLabel('In force on 2019-06-30'))).toEqual({
      vendorIds: [1, 2],
      capturedFrom: '2018-01-01',
    });
    // The last vendor removed leaves no vendor filter at all.
    expect(withoutChip({ vendorIds: [1] }, 'vendor:1')).toEqual({});
  });
});

describe('helpers', () => {
  it('toggles an entry of a list filter without duplicates', () => {
    expect(toggled(undefined, 'terms', true)).toEqual(['terms']);
    expect(toggled(['terms'], 'terms', true)).toEqual(['terms']);
    expect(toggled(['terms', 'privacy-policy'], 'terms', false)).toEqual(['privacy-policy']);
  });

  it('treats the same filters in another order as the same search', () => {
    expect(sameFilters({ vendorIds: [2, 1], latestOnly: false }, { vendorIds: [1, 2] })).toBe(true);
    expect(sameFilters({ vendorIds: [1] }, { vendorIds: [1], latestOnly: true })).toBe(false);
  });

  it('formats today in the local calendar for the date field', () => {
    expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });
});
