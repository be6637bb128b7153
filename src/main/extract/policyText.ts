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
/** Error pages are short; a long text that mentions "not found" is not one. */
const ERROR_PAGE_MAX_WORDS = 400;
/** How many headings from the top (the page title first) may say "error". */
const ERROR_HEADINGS = 4;
const ERROR_PAGE =
  /^(?:error\s*)?(?:400|401|403|404|410|500|502|503)\b|\b(?:error|http)\s*(?:400|401|403|404|410|500|502|503)\b|\b(?:400|401|403|404|410|500|502|503)\s*[-:–]?\s*(?:error|not found|forbidden|gone|unavailable)\b|\b(?:page|file|document|resource)\s+(?:was\s+)?not\s+found\b|^not found\b|\bcould(?:n[o’']t| not) find (?:that|the|this) page\b|\bpage (?:you (?:are|were|'re|’re) looking for|you requested) (?:could not be found|cannot be found|does not exist|doesn[’']t exist|(?:is|was) not found|has (?:been )?moved|may have been moved)|\bpage (?:cannot|can[’']t) be found\b|\binternal server error\b|\bservice (?:temporarily )?unavailable\b|\bbad gateway\b|^(?:access denied|forbidden)\b/i;

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

/**
 * Why an extracted HTML page is an HTTP error page rather than a policy: its
 * title or one of its first headings says "404", "Page not found", "Internal
 * Server Error", "Access denied"… and the page is short. Soft 404s (a site's
 * "Sorry, we couldn't find that page" served with status 200 and archived as
 * a capture) are the common case. Null when the page is not one.
 */
export function errorPageReason(blocks: readonly Block[], title = ''): string | null {
  if (wordCountOf(blocks) > ERROR_PAGE_MAX_WORDS) return null;
  const headings = blocks.filter((block) => block.kind === 'heading').slice(0, ERROR_HEADINGS);
  for (const text of [title, ...headings.map((block) => block.text)]) {
    if (text !== '' && ERROR_PAGE.test(text)) return `error page ("${text}"), not a policy`;
  }
  return null;
}
