import { describe, expect, it } from 'vitest';
import { libraryRows, rowIndexAfterKey, vendorRowIndex } from '../../../src/renderer/src/lib/libraryRows';
import { libraryDocument, libraryVendor } from './libraryBuilders';

const artec = libraryVendor('artec3d.com', [libraryDocument('privacy-policy'), libraryDocument('terms')]);
const hubs = libraryVendor('3D Hubs');
const ultimaker = libraryVendor('ultimaker.com');

describe('the library as rows', () => {
  it('lists vendors only while none is expanded', () => {
    const rows = libraryRows([hubs, artec, ultimaker], new Set());
    expect(rows.map((row) => row.kind)).toEqual(['vendor', 'vendor', 'vendor']);
    expect(rows.every((row) => row.kind === 'vendor' && !row.expanded)).toBe(true);
  });

  it('puts an expanded vendor’s documents right under it', () => {
    const rows = libraryRows([hubs, artec, ultimaker], new Set([artec.id]));
    expect(rows.map((row) => (row.kind === 'vendor' ? row.vendor.displayName : `  ${row.document.title}`))).toEqual([
      '3D Hubs',
      'artec3d.com',
      '  Privacy policy',
      '  Terms',
      'ultimaker.com',
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    expect(vendorRowIndex(rows, ultimaker.id)).toBe(4);
    expect(vendorRowIndex(rows, 999_999)).toBe(-1);
  });
});

describe('moving through the rows with the keyboard', () => {
  it('steps, jumps to the ends and pages, never past the ends (no wrapping)', () => {
    expect(rowIndexAfterKey('ArrowDown', 0, 5)).toBe(1);
    expect(rowIndexAfterKey('ArrowDown', 4, 5)).toBe(4);
    expect(rowIndexAfterKey('ArrowUp', 0, 5)).toBe(0);
    expect(rowIndexAfterKey('End', 1, 5)).toBe(4);
    expect(rowIndexAfterKey('Home', 3, 5)).toBe(0);
    expect(rowIndexAfterKey('PageDown', 0, 50)).toBe(10);
    expect(rowIndexAfterKey('PageUp', 3, 50)).toBe(0);
  });

  it('leaves other keys (Enter opens, letters type) to the row', () => {
    expect(rowIndexAfterKey('Enter', 0, 5)).toBeNull();
    expect(rowIndexAfterKey('a', 0, 5)).toBeNull();
    expect(rowIndexAfterKey('ArrowDown', 0, 0)).toBeNull();
  });
});
