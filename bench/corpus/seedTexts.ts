import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A real policy text the corpus starts from, split into Markdown chunks (blank-line separated). */
export interface SeedText {
  name: string;
  chunks: string[];
}

/** Material borrowed across seeds: whole sentences and whole sections. */
export interface SeedPool {
  seeds: SeedText[];
  sentences: string[];
  sections: string[][];
  words: string[];
}

const PRINCETON_HEADER = /^>?\s*\*?The following text is extracted and transformed from .*$/m;
/** A seed's own date line ("Effective Date – Oct. 15, 2015", "> Last Update: Feb 10, 2026"): the corpus writes its own. */
const DATE_LINE = /^(>\s*)?[_*]*\s*(last\s+(updated?|modified|revised)|updated|effective(\s+date)?)\b/i;

/**
 * Read the seed texts from the samples folder: every Princeton Markdown
 * snapshot (header removed) and the first and last recorded version of each
 * Open Terms Archive service. Sorted, so the pool is the same everywhere.
 */
export function loadSeedPool(samplesDir: string): SeedPool {
  const seeds: SeedText[] = [];
  const princeton = join(samplesDir, 'princeton-history');
  for (const domain of sortedDirs(princeton)) {
    for (const file of sortedFiles(join(princeton, domain), '.md')) {
      const text = readFileSync(join(princeton, domain, file), 'utf8').replace(PRINCETON_HEADER, '');
      seeds.push({ name: `${domain}/${file}`, chunks: splitChunks(text) });
    }
  }
  const ota = join(samplesDir, 'open-terms-archive');
  for (const service of sortedDirs(ota)) {
    for (const terms of sortedDirs(join(ota, service))) {
      const files = sortedFiles(join(ota, service, terms), '.md');
      for (const file of new Set([files[0], files[files.length - 1]])) {
        if (!file) continue;
        const text = readFileSync(join(ota, service, terms, file), 'utf8');
        seeds.push({ name: `${service}/${terms}/${file}`, chunks: splitChunks(text) });
      }
    }
  }
  if (seeds.length === 0)
    throw new Error(`No seed texts found in ${samplesDir} (expected princeton-history/ and open-terms-archive/).`);

  const sentences: string[] = [];
  const sections: string[][] = [];
  const words = new Set<string>();
  for (const seed of seeds) {
    seed.chunks.forEach((chunk, index) => {
      if (isProse(chunk)) {
        for (const sentence of splitSentences(chunk))
          if (sentence.length >= 30 && sentence.length <= 300) sentences.push(sentence);
        for (const word of chunk.split(/\s+/)) if (/^[a-z]{4,12}$/.test(word)) words.add(word);
      }
      if (isHeading(chunk)) {
        const section = [chunk];
        for (
          let next = index + 1;
          next < seed.chunks.length && !isHeading(seed.chunks[next]!) && section.length < 6;
          next++
        ) {
          section.push(seed.chunks[next]!);
        }
        if (section.length > 1) sections.push(section);
      }
    });
  }
  return { seeds, sentences, sections, words: [...words].sort() };
}

/** Blank-line separated chunks, trimmed, without empty ones. */
export function splitChunks(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0 && !(chunk.length < 200 && DATE_LINE.test(chunk)));
}

/** A Markdown heading: ATX (`## Title`) or setext (`Title` over `===`/`---`). */
export function isHeading(chunk: string): boolean {
  if (/^#{1,6}\s/.test(chunk)) return true;
  const lines = chunk.split('\n');
  return lines.length === 2 && /^(=+|-+)\s*$/.test(lines[1]!);
}

/** A paragraph of running text (not a heading, list, table, quote or code). */
export function isProse(chunk: string): boolean {
  return (
    !isHeading(chunk) &&
    !/^(\s*[*+-]\s|\s*\d+[.)]\s|\||>|```|\s{4})/.test(chunk) &&
    !chunk.includes('\n') &&
    chunk.length >= 40 &&
    /[.!?]["”’)]?$/.test(chunk)
  );
}

/** Sentences of a prose chunk; joining them with single spaces gives the chunk back when it had single spaces. */
export function splitSentences(chunk: string): string[] {
  return chunk.split(/(?<=[.!?]["”’)]?)\s+(?=["“(]?[A-Z])/);
}

function sortedDirs(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => statSync(join(dir, name)).isDirectory()).sort();
}

function sortedFiles(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort();
}
