import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block } from '../../../src/shared/domain';
import type { Capture } from '../../../src/main/importers/capture';

/** Test data builders: Capture objects with realistic blocks, without the real parsers. */

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
/** The shared, read-only sample snapshots beside the repository. */
export const samplesRoot = resolve(repoRoot, '..', 'shared', 'samples');

export function heading(text: string, level = 2): Block {
  return { kind: 'heading', level, text };
}

export function paragraph(text: string): Block {
  return { kind: 'paragraph', level: 0, text };
}

export function listItem(text: string, level = 1): Block {
  return { kind: 'list-item', level, text };
}

/** A capture with sensible defaults; pass only what the test is about. */
export function aCapture(overrides: Partial<Capture> = {}): Capture {
  return {
    vendor: { key: 'example.com', displayName: 'example.com' },
    document: { key: 'privacy-policy', title: 'Privacy Policy' },
    capturedAt: '2018-08-13T14:21:16Z',
    capturedAtSource: 'wayback-url',
    originalUrl: 'https://example.com/privacy',
    waybackUrl: 'https://web.archive.org/web/20180813142116id_/https://example.com/privacy',
    effectiveDate: '2018-05-25',
    sourcePath: '/imports/example.com/2018-08-13.md',
    sourceFormat: 'princeton-markdown',
    origin: 'file',
    inferred: [],
    blocks: [heading('Privacy Policy', 1), paragraph('We collect the data you give us.')],
    ...overrides,
  };
}

/** Vendor fields for a capture: key = lower-cased name. */
export function vendor(displayName: string): Capture['vendor'] {
  return { key: displayName.toLowerCase(), displayName };
}

/**
 * Blocks of a Markdown policy, split the simple way: chunks separated by blank
 * lines; `#` and underlined (setext) headings; one list item per `*`/`-`/`1.`
 * line; link targets and backslash escapes dropped; whitespace collapsed.
 */
export function blocksFromMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    const underline = lines[1]?.trim();
    if (lines.length === 2 && underline && /^(=+|-+)$/.test(underline)) {
      pushBlock(blocks, 'heading', underline.startsWith('=') ? 1 : 2, lines[0]!);
      continue;
    }
    const atx = /^(#{1,6})\s+(.*)$/.exec(lines[0]!.trim());
    if (atx && lines.length === 1) {
      pushBlock(blocks, 'heading', atx[1]!.length, atx[2]!);
      continue;
    }
    if (lines.every((line) => /^\s*([*+-]|\d+\.)\s+/.test(line))) {
      for (const line of lines) {
        const depth = Math.floor((/^\s*/.exec(line)?.[0].length ?? 0) / 4) + 1;
        pushBlock(blocks, 'list-item', depth, line.replace(/^\s*([*+-]|\d+\.)\s+/, ''));
      }
      continue;
    }
    pushBlock(blocks, 'paragraph', 0, lines.join(' '));
  }
  return blocks;
}

function pushBlock(blocks: Block[], kind: Block['kind'], level: number, raw: string): void {
  const text = raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/[*_]{2,}/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (text) blocks.push({ kind, level, text });
}

/** The Open Terms Archive sample versions of one service, oldest first. */
export function openTermsVersions(service: string): Array<{ capturedAt: string; path: string; blocks: Block[] }> {
  const folder = join(samplesRoot, 'open-terms-archive', service, 'Privacy Policy');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const path = join(folder, name);
      // File name = record time in UTC with '-' for ':' in the time.
      const capturedAt = name.replace(/\.md$/, '').replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z');
      return { capturedAt, path, blocks: blocksFromMarkdown(readFileSync(path, 'utf8')) };
    });
}

/** Captures of one Open Terms Archive service's sample history. */
export function openTermsCaptures(service: string): Capture[] {
  return openTermsVersions(service).map((version) =>
    aCapture({
      vendor: vendor(service),
      document: { key: 'privacy-policy', title: 'Privacy Policy' },
      capturedAt: version.capturedAt,
      originalUrl: null,
      waybackUrl: null,
      effectiveDate: null,
      sourcePath: version.path,
      sourceFormat: 'open-terms-archive',
      blocks: version.blocks,
    }),
  );
}
