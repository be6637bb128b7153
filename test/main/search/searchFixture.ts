import type Database from 'better-sqlite3';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { sha256Hex } from '../../../src/main/archive/hashing';
import type { Capture } from '../../../src/main/importers/capture';
import { aCapture, heading, paragraph, vendor } from '../archive/captureBuilder';

/** Store captures under one finished import; returns their snapshot ids in order. */
export function storeCaptures(db: Database.Database, captures: Capture[]): number[] {
  const writer = new ArchiveWriter(db);
  const importId = writer.beginImport('search fixture');
  const ids = db.transaction(() =>
    captures.map(
      (capture, index) => writer.addCapture(importId, capture, sha256Hex(`${index}:${capture.sourcePath}`)).snapshotId,
    ),
  )();
  writer.finishImport(importId, 'done');
  return ids;
}

const acme = vendor('Acme');
const cookies = paragraph('We use cookies to remember your preferences.');
const optOut = paragraph('You can opt-out of the sale of personal information at any time.');
const dontSell = paragraph("We don't sell data to advertisers.");

/** A small made-up archive: Acme's policy in three versions, and Globex's. */
export const acmeVersions: Capture[] = [
  aCapture({
    vendor: acme,
    capturedAt: '2018-01-01T00:00:00Z',
    blocks: [
      heading('Privacy Policy', 1),
      heading('Cookies'),
      cookies,
      heading('Your choices'),
      optOut,
      dontSell,
      paragraph('Our 2018 policy mentioned the fax machine.'),
    ],
  }),
  aCapture({
    vendor: acme,
    capturedAt: '2019-01-01T00:00:00Z',
    blocks: [heading('Privacy Policy', 1), heading('Cookies'), cookies, heading('Your choices'), optOut, dontSell],
  }),
  aCapture({
    vendor: acme,
    capturedAt: '2020-01-01T00:00:00Z',
    blocks: [
      heading('Privacy Policy', 1),
      heading('Cookies'),
      cookies,
      heading('Your choices'),
      optOut,
      paragraph('We never sell data to advertisers or data brokers.'),
    ],
  }),
];

export const globex: Capture = aCapture({
  vendor: vendor('Globex'),
  capturedAt: '2019-06-01T00:00:00Z',
  blocks: [
    heading('Globex Privacy Notice', 1),
    heading('Data retention'),
    paragraph('Personal data is kept for as long as needed, and cookies expire after one year.'),
    paragraph('We honour Do Not Track signals from your browser.'),
  ],
});
