/**
 * Cheap checks on extracted text: is there any, and does it read like a
 * policy? They decide which files are skipped, with a reason users can read.
 */
import type { Block } from '../../shared/domain';
import { countWords } from './normalizeText';

/** Fewer words than this is not a policy in any format (a redirect notice, an error page). */
const MIN_TEXT_WORDS = 10;
/** A header-less text must be at least this long to be taken for a policy. */
const MIN_POLICY_WORDS = 60;
const POLICY_VOCABULARY = /\b(?:privacy|personal (?:data|information)|cookies?|terms|data protection)\b/i;
const REDIRECT_NOTICE = /^(?:redirecting\b|this page has moved\b|moved permanently\b|got an http 30\d response\b)/i;

/** Total words over all blocks. */
export function wordCountOf(blocks: readonly Block[]): number {
  let words = 0;
  for (const block of blocks) words += countWords(block.text);
  return words;
}

/**
 * Why these blocks cannot be a capture at all, or null when they can:
 * a redirect placeholder, or (near-)empty text.
 */
export function missingTextReason(blocks: readonly Block[]): string | null {
  if (wordCountOf(blocks) >= MIN_TEXT_WORDS) return null;
  const first = blocks[0]?.text ?? '';
  return REDIRECT_NOTICE.test(first) ? 'redirect placeholder, not a policy' : 'no policy text found';
}

/**
 * Whether a text without a header reads like a privacy policy or terms: long
 * enough, and using the vocabulary (privacy, personal data/information,
 * cookies, terms, data protection).
 */
export function looksLikePolicy(blocks: readonly Block[]): boolean {
  if (wordCountOf(blocks) < MIN_POLICY_WORDS) return false;
  return blocks.some((block) => POLICY_VOCABULARY.test(block.text));
}
