/**
 * The effective / last-updated date a policy states about itself
 * ("Updated: June 1, 2016", "Effective Date – Oct. 15, 2015",
 * "last updated. / may 2020."), as precise as the text states it.
 */
import * as chrono from 'chrono-node';
import type { Block, PartialDate } from '../../shared/domain';

/** A date found in the text and the words it was read from. */
export interface EffectiveDate {
  date: PartialDate;
  /** The label and date as they appear, e.g. `Updated: June 1, 2016`. */
  phrase: string;
}

/** Blocks at the top of a policy are always searched; further down only blocks with a label word. */
const LEADING_BLOCKS = 40;
const LABEL = /\b(?:last[\s-]+)?(?:effective|updated?|revised|revision|modified|amended|changed|reviewed)\b/gi;
const HAS_LABEL = /\b(?:effective|updated?|revised|revision|modified|amended|changed|reviewed)\b/i;
/** What may stand between a label and its date: punctuation and a few filler words, nothing else. */
const FILLER =
  /^(?:[\s:;.,()[\]*_"'“”‘’|–—-]|\b(?:date|dated|on|as|of|is|was|from|in|at|the|this|policy|statement|notice|version|privacy|last)\b)*$/i;
const WINDOW_CHARS = 60;
const MAX_GAP_CHARS = 30;
/** A short block that is only a label ("last updated.") may have its date in the next block. */
const MAX_LABEL_BLOCK_WORDS = 6;
const FOUR_DIGIT_YEAR = /\b(1[89]\d{2}|2\d{3})\b/;
// Inline links glue text together ("2025[Previous Version](…)" → "2025Previous Version");
// chrono needs a word boundary after the year to see it.
const YEAR_GLUED_TO_WORD = /(\d{4})(?=\p{L})/gu;
/** A year on its own ("Last updated: 2019."), ending the phrase. */
const BARE_YEAR = /\b((?:19|20)\d{2})(?=\s*(?:[.,;)\]_*]|$))/;
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The first explicit calendar date at the start of `text` (after at most `maxOffset` characters). */
function dateAtStart(text: string, maxOffset: number): { date: PartialDate; end: number } | null {
  const window = text.slice(0, WINDOW_CHARS).replace(YEAR_GLUED_TO_WORD, '$1 ');
  // Every date we accept states a four-digit year; without one, chrono need not run.
  if (!FOUR_DIGIT_YEAR.test(window)) return null;
  for (const result of chrono.casual.parse(window, REFERENCE_DATE)) {
    if (result.index > maxOffset || !FILLER.test(window.slice(0, result.index))) return null;
    // Relative dates ("today", "last week") and dates without a stated year are not statements of a date.
    if (!result.start.isCertain('year') || !FOUR_DIGIT_YEAR.test(result.text)) continue;
    const year = result.start.get('year');
    const month = result.start.get('month');
    const day = result.start.get('day');
    if (year === null || month === null || day === null) continue;
    const end = result.index + result.text.length;
    if (result.start.isCertain('day')) return { date: `${year}-${pad(month)}-${pad(day)}`, end };
    if (result.start.isCertain('month')) return { date: `${year}-${pad(month)}`, end };
    return { date: String(year), end };
  }
  const bare = BARE_YEAR.exec(window);
  if (bare?.[1] && bare.index <= maxOffset && FILLER.test(window.slice(0, bare.index))) {
    return { date: bare[1], end: bare.index + bare[1].length };
  }
  return null;
}

function wordCount(text: string): number {
  return text.split(' ').filter((word) => word !== '').length;
}

/**
 * Find the effective / last-updated date a policy states: a label such as
 * "effective", "updated", "revised", "modified" or "last changed" followed by a
 * date, in the same block or, for a block that is only the label, at the start
 * of the next one. Looks at the first 40 blocks and at every block containing a
 * label word; returns the first match in document order, or null. Dates without
 * a label nearby ("Privacy Shield since 2016") are never taken.
 */
export function findEffectiveDate(blocks: readonly Block[]): EffectiveDate | null {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (!block) continue;
    if (index >= LEADING_BLOCKS && !HAS_LABEL.test(block.text)) continue;
    for (const label of block.text.matchAll(LABEL)) {
      const labelEnd = label.index + label[0].length;
      const rest = block.text.slice(labelEnd);
      const found = dateAtStart(rest, MAX_GAP_CHARS);
      if (found) {
        return { date: found.date, phrase: block.text.slice(label.index, labelEnd + found.end).trim() };
      }
      const next = blocks[index + 1];
      if (next && FILLER.test(rest) && wordCount(block.text) <= MAX_LABEL_BLOCK_WORDS) {
        const following = dateAtStart(next.text, 3);
        if (following) {
          return {
            date: following.date,
            phrase: `${block.text.slice(label.index)} ${next.text.slice(0, following.end)}`.trim(),
          };
        }
      }
    }
  }
  return null;
}
