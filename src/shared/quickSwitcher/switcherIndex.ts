import lunr from 'lunr';
import type { SwitcherEntry } from '../searchDomain';
import { joinedWords, searchableText } from './switcherText';

/** What one lunr document stands for: a vendor, or every document or heading with the same words. */
export interface SwitcherTarget {
  /** Positions in `SwitcherIndex.entries`. */
  readonly entries: readonly number[];
  /** The label as searchable words. */
  readonly labelWords: string;
  /** A vendor (its documents and headings also match what its name matches). */
  readonly vendorId: number | null;
}

/**
 * The quick switcher's index: a lunr index whose references are positions in
 * `targets`, and what each target stands for.
 *
 * Documents and headings that say the same (`Privacy Policy`, `Cookies`,
 * `Your rights` — repeated by thousands of vendors in a large archive) are one
 * lunr document, so the index and each query's work grow with the distinct
 * wording, not with the number of vendors. A document or heading is told
 * apart by its vendor: words that match a vendor's name also match, more
 * weakly, every document and heading of that vendor (`formlabs cookies` →
 * formlabs.com's Cookies section), through `byVendor`.
 */
export interface SwitcherIndex {
  readonly entries: readonly SwitcherEntry[];
  readonly targets: readonly SwitcherTarget[];
  /** Positions in `entries` of each vendor's documents and headings. */
  readonly byVendor: ReadonlyMap<number, readonly number[]>;
  readonly index: lunr.Index;
}

/**
 * Indexed fields and their weights: a word of the label (vendor name,
 * document title, heading) counts ten times a word of a vendor's detail (its
 * domain), and a name written as one word (`lechat`) three times.
 */
export const FIELD_BOOSTS = { label: 10, terms: 3, detail: 1 } as const;

interface IndexedDocument {
  ref: string;
  label: string;
  terms: string;
  detail: string;
}

interface MutableTarget {
  entries: number[];
  labelWords: string;
  vendorId: number | null;
}

/**
 * Builds the index a few entries at a time, so a caller on the UI thread can
 * spread the work over idle moments (`add` a slice, yield, `add` the next)
 * and only `build` at the end.
 *
 * No stemming, stop words or trimming: labels are short names and headings,
 * and typo tolerance (fuzzy matching in searchSwitcher) compares what the user
 * typed with the words as written. lunr's own trimmer would also strip
 * accented letters at word edges; searchableText has already removed
 * punctuation.
 */
export class SwitcherIndexBuilder {
  readonly #entries: SwitcherEntry[] = [];
  readonly #targets: MutableTarget[] = [];
  readonly #byWording = new Map<string, MutableTarget>();
  readonly #byVendor = new Map<number, number[]>();
  readonly #builder = new lunr.Builder();

  constructor() {
    this.#builder.ref('ref');
    this.#builder.field('label', { boost: FIELD_BOOSTS.label });
    this.#builder.field('terms', { boost: FIELD_BOOSTS.terms });
    this.#builder.field('detail', { boost: FIELD_BOOSTS.detail });
  }

  /** Entries added so far. */
  get size(): number {
    return this.#entries.length;
  }

  add(entries: readonly SwitcherEntry[]): void {
    for (const entry of entries) {
      const position = this.#entries.length;
      this.#entries.push(entry);
      const labelWords = searchableText(entry.label);
      if (entry.kind === 'vendor') {
        this.#addTarget({ entries: [position], labelWords, vendorId: entry.vendorId }, searchableText(entry.detail));
        continue;
      }
      const vendorEntries = this.#byVendor.get(entry.vendorId);
      if (vendorEntries) vendorEntries.push(position);
      else this.#byVendor.set(entry.vendorId, [position]);
      const wording = `${entry.kind}\u0000${labelWords}`;
      const same = this.#byWording.get(wording);
      if (same) {
        same.entries.push(position);
      } else {
        const target = { entries: [position], labelWords, vendorId: null };
        this.#byWording.set(wording, target);
        this.#addTarget(target, '');
      }
    }
  }

  /** The finished index (call once). */
  build(): SwitcherIndex {
    return { entries: this.#entries, targets: this.#targets, byVendor: this.#byVendor, index: this.#builder.build() };
  }

  #addTarget(target: MutableTarget, detail: string): void {
    const document: IndexedDocument = {
      ref: String(this.#targets.length),
      label: target.labelWords,
      // Headings are read as sentences; names and titles are also typed run together.
      terms: this.#entries[target.entries[0] ?? -1]?.kind === 'heading' ? '' : joinedWords(target.labelWords),
      detail,
    };
    this.#targets.push(target);
    this.#builder.add(document);
  }
}

/** The index of `entries`, built in one go (in a worker, or for tests). */
export function buildSwitcherIndex(entries: readonly SwitcherEntry[]): SwitcherIndex {
  const builder = new SwitcherIndexBuilder();
  builder.add(entries);
  return builder.build();
}
