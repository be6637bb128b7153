/**
 * Plain text → blocks, for the Princeton plain export and header-less copies
 * that put one paragraph (or one sentence) per line with no Markdown.
 */
import type { Block } from '../../shared/domain';
import { addBlock } from './addBlock';

const LINE_BREAK = /\r\n?|\n/;
const BULLET = /^\s*[•·▪◦‣∙*-]\s+/;
const HAS_LETTER = /\p{L}/u;
const HAS_LOWERCASE = /\p{Ll}/u;
const ENDS_LIKE_SENTENCE = /[.,;:!?]$/;

/** A short line in capitals with no closing punctuation reads as a section title ("CONTACT INFORMATION"). */
function isCapitalisedTitle(line: string): boolean {
  return line.length <= 80 && HAS_LETTER.test(line) && !HAS_LOWERCASE.test(line) && !ENDS_LIKE_SENTENCE.test(line);
}

/**
 * One block per non-empty line. Bulleted lines become list items, short
 * all-capital lines level-2 headings; everything else stays a paragraph.
 */
export function plainTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split(LINE_BREAK)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (BULLET.test(trimmed)) addBlock(blocks, 'list-item', 1, trimmed.replace(BULLET, ''));
    else if (isCapitalisedTitle(trimmed)) addBlock(blocks, 'heading', 2, trimmed);
    else addBlock(blocks, 'paragraph', 0, trimmed);
  }
  return blocks;
}

/**
 * Whether text separates its paragraphs with blank lines (Markdown-like) rather
 * than putting one paragraph per line. Decides which reader a text file gets:
 * Markdown would glue one-sentence-per-line text into a single paragraph.
 */
export function separatesParagraphsWithBlankLines(text: string): boolean {
  let lines = 0;
  let gaps = 0;
  let blankSinceText = false;
  for (const line of text.split(LINE_BREAK)) {
    if (line.trim() === '') {
      blankSinceText = lines > 0;
      continue;
    }
    // Only blank lines between two lines of text separate paragraphs; trailing ones do not.
    if (blankSinceText) gaps++;
    blankSinceText = false;
    lines++;
  }
  return lines > 0 && gaps / lines >= 0.25;
}
