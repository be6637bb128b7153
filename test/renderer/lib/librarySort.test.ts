import { describe, expect, it } from 'vitest';
import { isLibrarySort, LIBRARY_SORTS, sortVendors } from '../../../src/renderer/src/lib/librarySort';
import { libraryDocument, libraryVendor } from './libraryBuilders';

const vendors = [
  libraryVendor('protolabs.com', [
    libraryDocument('privacy-policy', {
      captures: ['2014-01-01', '2016-01-01', '2019-01-01'],
      versions: 2,
      lastChangedAt: '2016-01-01',
    }),
  ]),
  libraryVendor('3D Hubs', [libraryDocument('privacy-policy', { captures: ['2020-02-02'] })]),
  libraryVendor('ChatGPT', [
    libraryDocument('privacy-policy', {
      captures: ['2025-01-01', '2025-03-01', '2025-06-01', '2025-09-01', '2026-01-01'],
      versions: 4,
      lastChangedAt: '2025-09-01',
    }),
  ]),
  libraryVendor('artec3d.com', [
    libraryDocument('privacy-policy', {
      captures: ['2015-01-01', '2018-06-01'],
      versions: 2,
      lastChangedAt: '2018-06-01',
    }),
    libraryDocument('terms', { captures: ['2015-01-01', '2018-06-01', '2019-01-01', '2020-01-01'], versions: 1 }),
  ]),
  libraryVendor('Claude.ai', [libraryDocument('privacy-policy', { captures: ['2025-05-05'] })]),
];

const order = (sort: Parameters<typeof sortVendors>[1]): string[] =>
  sortVendors(vendors, sort).map((vendor) => vendor.displayName);

describe('sorting the library', () => {
  it('by name: alphabetical ignoring case, digits first', () => {
    expect(order('name')).toEqual(['3D Hubs', 'artec3d.com', 'ChatGPT', 'Claude.ai', 'protolabs.com']);
  });

  it('by last change: the most recent change first, vendors that never changed last (by name)', () => {
    expect(order('last-change')).toEqual(['ChatGPT', 'artec3d.com', 'protolabs.com', '3D Hubs', 'Claude.ai']);
  });

  it('by most versions and by most captures, ties by name', () => {
    expect(order('versions')).toEqual(['ChatGPT', 'artec3d.com', 'protolabs.com', '3D Hubs', 'Claude.ai']);
    expect(order('captures')).toEqual(['artec3d.com', 'ChatGPT', 'protolabs.com', '3D Hubs', 'Claude.ai']);
  });

  it('leaves the list it was given as it was', () => {
    const before = vendors.map((vendor) => vendor.displayName);
    sortVendors(vendors, 'captures');
    expect(vendors.map((vendor) => vendor.displayName)).toEqual(before);
  });

  it('accepts only the sorts the menu offers (a remembered value may be stale)', () => {
    expect(LIBRARY_SORTS.map((sort) => sort.value).every(isLibrarySort)).toBe(true);
    expect(isLibrarySort('size')).toBe(false);
    expect(isLibrarySort(null)).toBe(false);
  });

  it('sorts numbered names in numeric order', () => {
    const numbered = ['vendor 10', 'vendor 9', 'Vendor 100'].map((name) => libraryVendor(name));
    expect(sortVendors(numbered, 'name').map((vendor) => vendor.displayName)).toEqual([
      'vendor 9',
      'vendor 10',
      'Vendor 100',
    ]);
  });
});
