/**
 * The legitimate-looking content hostile inputs are wrapped around: a short
 * privacy policy page, where it sits in a waybackpack folder (so it has a URL
 * and a capture time without any user option), and WARC records carrying it.
 */
import { join } from 'node:path';
import { warcBytes, type RecordSpec } from '../fixtures/warc/warcBuilder';

/** Sentences every hostile page carries, so a page that is imported can be recognised. */
export const POLICY_SENTENCES = [
  'This Privacy Policy explains how Hostile Example Inc. collects, uses and shares personal information when you use our website and services.',
  'We collect the information you give us, such as your name and email address, and information collected automatically, such as cookies and usage data.',
  'We use personal information to provide and improve our services, to communicate with you, and to comply with our legal obligations.',
  'You may request access to, correction of, or deletion of your personal information by writing to privacy@hostile.example at any time.',
  'We keep personal information only as long as necessary for the purposes described in this policy, and then delete it.',
];

/** A word of the policy that survives any extraction, to find the page in the archive. */
export const POLICY_MARKER = 'Hostile Example Inc.';

/** A privacy policy page; `extraBody` goes inside <main> after the policy paragraphs. */
export function policyHtml(extraBody = '', head = '<meta charset="utf-8">'): string {
  const paragraphs = POLICY_SENTENCES.map((sentence) => `<p>${sentence}</p>`).join('\n');
  return `<!DOCTYPE html>\n<html><head>${head}<title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>\n${paragraphs}\n${extraBody}</main></body></html>\n`;
}

/**
 * Where waybackpack would save `https://<host>/privacy` captured at `timestamp`
 * (14 digits): `<dir>/<timestamp>/<host>/privacy/index.html`. The folder names
 * give the page its URL and capture time.
 */
export function waybackpackPath(dir: string, timestamp = '20190301120000', host = 'hostile.example'): string {
  return join(dir, timestamp, host, 'privacy', 'index.html');
}

/** The records of a crawl whose only page is the policy (served as `body`, with `httpHeaders`). */
export function policyRecords(
  body: Buffer | string = policyHtml(),
  httpHeaders: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' },
  date = '2019-03-01T12:00:00Z',
): RecordSpec[] {
  return [
    { type: 'warcinfo', date },
    { type: 'response', url: 'https://hostile.example/privacy', date, httpHeaders, body },
  ];
}

/** Serialized WARC records (each its own gzip member when `gzip`). */
export function warcOf(records: RecordSpec[], gzip: boolean): Promise<Buffer> {
  return warcBytes(records, { gzip, version: 'WARC/1.1' });
}
