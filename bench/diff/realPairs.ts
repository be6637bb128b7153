import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TextPair } from './textPair';

/** The real pairs: every consecutive distinct version pair, and the largest span (first vs last of the biggest history). */
export interface RealPairs {
  consecutive: TextPair[];
  largest: TextPair | null;
}

/**
 * Read `<samples>/open-terms-archive/<Service>/<Terms type>/<timestamp>.md`
 * histories. Consecutive versions that are byte-identical (a service
 * flipping between variants) are skipped: there is nothing to diff. The
 * "largest" pair is the first and last version of the history whose larger
 * side is biggest (Claude.ai in the samples), the closest the samples come to
 * the 150 KB pair that drifted for ten months.
 */
export function loadRealPairs(samplesDir: string): RealPairs {
  const root = join(samplesDir, 'open-terms-archive');
  const consecutive: TextPair[] = [];
  let largest: TextPair | null = null;
  let largestBytes = -1;
  for (const service of sortedEntries(root, true)) {
    for (const terms of sortedEntries(join(root, service), true)) {
      const folder = join(root, service, terms);
      const files = sortedEntries(folder, false).filter((name) => name.endsWith('.md'));
      const texts = files.map((name) => readFileSync(join(folder, name), 'utf8'));
      for (let index = 1; index < texts.length; index++) {
        if (texts[index] === texts[index - 1]) continue;
        consecutive.push({
          group: 'real',
          label: `${service}/${terms} ${stem(files[index - 1]!)} → ${stem(files[index]!)}`,
          a: texts[index - 1]!,
          b: texts[index]!,
        });
      }
      if (texts.length < 2) continue;
      const first = texts[0]!;
      const last = texts[texts.length - 1]!;
      const bytes = Math.max(Buffer.byteLength(first), Buffer.byteLength(last));
      if (first !== last && bytes > largestBytes) {
        largestBytes = bytes;
        largest = {
          group: 'real-largest',
          label: `${service}/${terms} ${stem(files[0]!)} → ${stem(files[files.length - 1]!)} (first → last)`,
          a: first,
          b: last,
        };
      }
    }
  }
  if (consecutive.length === 0)
    throw new Error(`No version pairs found in ${root} (expected <Service>/<Terms type>/*.md).`);
  return { consecutive, largest };
}

function stem(file: string): string {
  return file.replace(/\.md$/, '');
}

function sortedEntries(dir: string, directories: boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new Error(`Cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return names.filter((name) => statSync(join(dir, name)).isDirectory() === directories).sort();
}
