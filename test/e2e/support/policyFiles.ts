import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Write a policy in the Princeton dataset's Markdown form (the header names the
 * vendor's site and the archive date) and return its path: the smallest file
 * the importers read with a known vendor and capture time.
 */
export function writePrincetonMarkdown(dir: string, site: string, date: string, markdown: string): string {
  const stamp = `${date.replaceAll('-', '')}120000`;
  const file = join(dir, `${site}-${date}.md`);
  writeFileSync(
    file,
    `> *The following text is extracted and transformed from the ${site} privacy policy that was archived on ${date}. ` +
      `Please check the [original snapshot on the Wayback Machine](https://web.archive.org/web/${stamp}id_/https%3A//${site}/privacy) ` +
      `for the most accurate reproduction.*\n\n${markdown.trim()}\n`,
  );
  return file;
}
