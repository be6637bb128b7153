import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { downloadLayoutHints } from './downloadLayouts';
import { expandGitRepository } from './gitHistory';
import type { ExpandOptions, ImportEntry, ImportUnit } from './importUnit';
import { expandWacz } from './wacz';
import { expandWarc } from './warc';

/** A plain file as one unit; download tools' folder layouts lend it their metadata. */
export function fileUnit(path: string, size: number): ImportUnit {
  return {
    key: resolve(path),
    label: path,
    size,
    hints: downloadLayoutHints(path) ?? { origin: 'file' },
    read: () => readFile(path),
  };
}

/**
 * The units an entry holds, in order: a plain file is one unit; a WARC, a WACZ
 * or a git repository streams one unit per record or version. Every format
 * meets the rest of the pipeline only as units.
 */
export async function* expandEntry(entry: ImportEntry, options: ExpandOptions): AsyncIterable<ImportUnit> {
  switch (entry.kind) {
    case 'file':
      yield fileUnit(entry.path, entry.size);
      return;
    case 'warc':
      yield* expandWarc(entry, options);
      return;
    case 'wacz':
      yield* expandWacz(entry, options);
      return;
    case 'git':
      yield* expandGitRepository(entry, options);
      return;
  }
}
