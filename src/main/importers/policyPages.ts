/**
 * Which pages of a crawled site are privacy policies or terms: a WARC or WACZ
 * of a whole site holds thousands of pages, and users import it for a few.
 * Judged from what a crawl always knows, the page's URL and title, in the
 * languages policies are commonly published in. Deliberately generous: a
 * missed policy is worse than a refund policy imported by mistake.
 */

/** A crawled page as the heuristic sees it. */
export interface PageIdentity {
  url: string;
  title?: string | null;
}

/** Whole words (after folding case and accents) that name a policy or terms page. */
const WORDS = new Set([
  'tos',
  'terms',
  'legal',
  'legales',
  'policy',
  'policies',
  'cookie',
  'cookies',
  'gdpr',
  'ccpa',
  'cpra',
  'dsgvo',
  'agb',
  'cgu',
  'cgv',
  'eula',
  'condiciones',
  'condizioni',
  'conditions',
  'condicoes',
  'informativa',
  'privee',
  'kvkk',
  'regulamin',
  'voorwaarden',
  'villkor',
]);

/** Word beginnings: compounds and inflections (`privacypolicy`, `datenschutzerklarung`, `termsofuse`). */
const STEMS = [
  'privacy',
  'privacidad',
  'privacidade',
  'privatsphare',
  'privatliv',
  'datenschutz',
  'dataprotection',
  'dataprivacy',
  'confidentialit',
  'riservatezza',
  'termsof',
  'termsand',
  'termsconditions',
  'terminos',
  'termos',
  'nutzungsbedingung',
  'geschaftsbedingung',
  'gebruiksvoorwaarden',
  'algemenevoorwaarden',
  'privacybeleid',
  'integritet',
  'anvandarvillkor',
  'prywatnosc',
  'prywatnosci',
  'tietosuoja',
  'personvern',
  'adatvedelem',
  'gizlilik',
  'cookiepolic',
  'rechtlich',
  'legalnotice',
  'useragreement',
  'konfidencialn',
  'конфиденциальн',
  'персональн',
  'соглашени',
  'απορρητ',
];

/** Consecutive words that together name one (`data protection`, `vie privée`, `aviso legal`). */
const PHRASES = [
  ['data', 'protection'],
  ['user', 'agreement'],
  ['acceptable', 'use'],
  ['donnees', 'personnelles'],
  ['proteccion', 'de', 'datos'],
  ['protezione', 'dei', 'dati'],
  ['note', 'legali'],
];

/** Scripts written without spaces: matched as substrings. */
const SUBSTRINGS = ['プライバシー', '個人情報', '利用規約', '規約', '隐私', '隱私', '条款', '條款', '개인정보', '약관'];

/** Lower-case, without accents (`Datenschutzerklärung` → `datenschutzerklarung`). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

// Folded like the text they are looked for in (folding splits kana from their sound marks).
const FOLDED_SUBSTRINGS = SUBSTRINGS.map(fold);

function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The parts of a URL that name a page: subdomains (`privacy.example.com`), path and query. */
function urlText(url: string): string {
  try {
    const parsed = new URL(url);
    const labels = parsed.hostname.split('.');
    // The registrable domain names the site, not the page: `privacyinternational.org` is not itself a policy.
    const subdomains = labels.slice(0, Math.max(0, labels.length - 2)).join(' ');
    return `${subdomains} ${safeDecode(parsed.pathname)} ${safeDecode(parsed.search)}`;
  } catch {
    return safeDecode(url);
  }
}

/** The keyword that marks `text` as naming a policy or terms page, or null. */
function keywordIn(text: string): string | null {
  const list = words(text);
  for (const word of list) {
    if (WORDS.has(word)) return word;
    const stem = STEMS.find((candidate) => word.startsWith(candidate));
    if (stem !== undefined) return stem;
  }
  for (const phrase of PHRASES) {
    for (let i = 0; i + phrase.length <= list.length; i++) {
      if (phrase.every((word, j) => list[i + j] === word)) return phrase.join(' ');
    }
  }
  const folded = fold(text);
  return FOLDED_SUBSTRINGS.find((substring) => folded.includes(substring)) ?? null;
}

/**
 * The keyword that makes a page look like a privacy policy or terms page
 * (`privacy`, `datenschutz`, `terms`…), from its URL first, then its title;
 * null when neither names one.
 */
export function policyKeywordOf(page: PageIdentity): string | null {
  return keywordIn(urlText(page.url)) ?? (page.title ? keywordIn(page.title) : null);
}

/** Whether a crawled page looks like a privacy policy, cookie policy or terms page. */
export function looksLikePolicyPage(page: PageIdentity): boolean {
  return policyKeywordOf(page) !== null;
}
