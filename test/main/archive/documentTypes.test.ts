import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDocumentTypes } from '../../../src/main/archive/documentTypes';
import { storeCaptures } from '../search/searchFixture';
import { aCapture, vendor } from './captureBuilder';
import { tempArchive } from './tempArchive';

let archive: ReturnType<typeof tempArchive>;
beforeEach(() => {
  archive = tempArchive();
});
afterEach(() => archive.dispose());

describe('listDocumentTypes', () => {
  it('lists each document key once with its most common title and document count, most common first', () => {
    const privacy = (title: string) => ({ key: 'privacy-policy', title });
    storeCaptures(archive.db, [
      aCapture({ vendor: vendor('A'), document: privacy('Privacy Policy') }),
      aCapture({ vendor: vendor('B'), document: privacy('Privacy Notice') }),
      aCapture({ vendor: vendor('C'), document: privacy('Privacy Policy') }),
      aCapture({ vendor: vendor('A'), document: { key: 'terms-of-service', title: 'Terms of Service' } }),
      aCapture({ vendor: vendor('B'), document: { key: 'terms-of-service', title: 'Terms of Use' } }),
      aCapture({ vendor: vendor('C'), document: { key: 'cookie-policy', title: 'Cookie Policy' } }),
      // A second capture of a document does not count twice.
      aCapture({
        vendor: vendor('C'),
        document: { key: 'cookie-policy', title: 'Cookie Policy' },
        capturedAt: '2020-01-01T00:00:00Z',
      }),
    ]);
    expect(listDocumentTypes(archive.db)).toEqual([
      { key: 'privacy-policy', title: 'Privacy Policy', documentCount: 3 },
      // A tie between titles goes to the alphabetically first.
      { key: 'terms-of-service', title: 'Terms of Service', documentCount: 2 },
      { key: 'cookie-policy', title: 'Cookie Policy', documentCount: 1 },
    ]);
  });

  it('is empty for an empty archive', () => {
    expect(listDocumentTypes(archive.db)).toEqual([]);
  });
});
