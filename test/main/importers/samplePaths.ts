/**
 * Where the shared sample snapshots live (read-only): the folder `shared`
 * beside the repository root.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const samplesDir = resolve(repoRoot, '..', 'shared', 'samples');
export const fixturesDir = resolve(repoRoot, 'test', 'fixtures');

/** Path of a file under the samples folder. */
export function samplePath(...parts: string[]): string {
  return resolve(samplesDir, ...parts);
}

/** Bytes of a file under the samples folder. */
export function sampleBytes(...parts: string[]): Buffer {
  return readFileSync(samplePath(...parts));
}

/** One row of princeton-history/MANIFEST.tsv. */
export interface ManifestRow {
  domain: string;
  kind: 'md' | 'html';
  archiveDate: string;
  waybackUrl: string;
  commit: string;
  path: string;
}

/** The rows of princeton-history/MANIFEST.tsv: the truth about each history file. */
export function princetonManifest(): ManifestRow[] {
  const lines = readFileSync(samplePath('princeton-history', 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    const [domain = '', kind = '', archiveDate = '', waybackUrl = '', commit = ''] = line.split('\t');
    return {
      domain,
      kind: kind as 'md' | 'html',
      archiveDate,
      waybackUrl,
      commit,
      path: samplePath('princeton-history', domain, `${archiveDate}.${kind}`),
    };
  });
}
