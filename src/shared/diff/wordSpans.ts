import type { DiffOp, DiffSpan } from '../domain';
import { gapKey, joinTokens, textUnits, unitKeys, type TextUnits } from './comparisonKeys';
import { resolveOptions, type ResolvedDiffOptions } from './options';
import { diffSequences } from './sequenceDiff';

/** The word diff of two texts, in the three forms the block diff needs. */
export interface WordDiff {
  /** Both texts interleaved: non-delete spans give the newer text, non-insert spans the older one (up to what the options ignore). */
  spans: DiffSpan[];
  /** The older text exactly: unchanged spans in the older spelling, and deletions. */
  oldSpans: DiffSpan[];
  /** The newer text exactly: unchanged spans and insertions. */
  newSpans: DiffSpan[];
  /** True when some stretch was too long to diff word by word and is shown deleted and inserted whole. */
  coarse: boolean;
}

/** A span that remembers, when unchanged, how the older text spelled it. */
interface AlignedSpan {
  op: DiffOp;
  text: string;
  oldText: string;
}

/**
 * Word-level diff between two texts (or their units, already split under the same options).
 * `unitIds` may give the units as ids already (equal ids for equal keys,
 * numbered from 0 in order of first appearance, older text first).
 *
 * Only units (words, symbols, punctuation unless ignored) are aligned, with
 * the bounded, patience-anchored `diffSequences`; whitespace, ignored
 * punctuation and ignored markup ride along in the gaps between them. A gap
 * between two kept units is unchanged when its `gapKey` is (so under
 * ignorePunctuation "data, and" keeps "data and"), else it is a change.
 * Aligning whitespace too would let the diff keep the spaces and delete and
 * re-insert the words between them.
 *
 * Unchanged spans show the newer text; `oldSpans` keeps the older spelling.
 */
export function wordDiff(
  oldText: string | TextUnits,
  newText: string | TextUnits,
  options: ResolvedDiffOptions,
  unitIds?: readonly [Int32Array, Int32Array],
): WordDiff {
  const older = typeof oldText === 'string' ? textUnits(oldText, options) : oldText;
  const newer = typeof newText === 'string' ? textUnits(newText, options) : newText;
  const [oldIds, newIds] = unitIds ?? internKeys(unitKeys(older), unitKeys(newer));
  // Strong anchors: in a long, heavily edited text a word occurring once on each side can be a coincidence.
  const { runs, coarse } = diffSequences(oldIds, newIds, {
    maxEditLength: options.maxEditLength,
    deadline: options.deadline,
    strongAnchors: true,
  });

  const out = new SpanBuilder();
  const gap = new GapWriter(out, older, newer, options);
  let oldPos = 0; // next unconsumed token index of the older text
  let newPos = 0;
  let oldUnit = 0; // next unconsumed index into older.units
  let newUnit = 0;
  for (const run of runs) {
    if (run.op === 'delete') {
      const last = older.units[oldUnit + run.count - 1]!;
      out.push('delete', joinTokens(older, oldPos, last + 1));
      oldPos = last + 1;
      oldUnit += run.count;
    } else if (run.op === 'insert') {
      const last = newer.units[newUnit + run.count - 1]!;
      out.push('insert', joinTokens(newer, newPos, last + 1));
      newPos = last + 1;
      newUnit += run.count;
    } else {
      for (let k = 0; k < run.count; k++) {
        const oldIndex = older.units[oldUnit]!;
        const newIndex = newer.units[newUnit]!;
        gap.write(oldPos, oldIndex, newPos, newIndex);
        // Equal under the options; show the newer spelling.
        out.push('equal', unitText(newer, newUnit, newIndex), unitText(older, oldUnit, oldIndex));
        oldPos = oldIndex + 1;
        newPos = newIndex + 1;
        oldUnit += 1;
        newUnit += 1;
      }
    }
  }
  gap.write(oldPos, older.kinds.length, newPos, newer.kinds.length);

  const aligned = out.finish();
  return {
    spans: aligned.filter((span) => span.text.length > 0).map(({ op, text }) => ({ op, text })),
    oldSpans: side(aligned, 'insert', (span) => span.oldText),
    newSpans: side(aligned, 'delete', (span) => span.text),
    coarse,
  };
}

/** Unit keys as small ids, numbered in order of first appearance (older text first). */
function internKeys(oldKeys: readonly string[], newKeys: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const intern = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  return [Int32Array.from(oldKeys, intern), Int32Array.from(newKeys, intern)];
}

/** One text's spans: everything but `skip`, unchanged spans spelled by `textOf`, neighbours merged. */
function side(aligned: readonly AlignedSpan[], skip: DiffOp, textOf: (span: AlignedSpan) => string): DiffSpan[] {
  const spans: DiffSpan[] = [];
  for (const span of aligned) {
    if (span.op === skip) continue;
    const text = span.op === 'equal' ? textOf(span) : span.text;
    if (!text) continue;
    const previous = spans[spans.length - 1];
    if (previous && previous.op === span.op) previous.text += text;
    else spans.push({ op: span.op, text });
  }
  return spans;
}

/** Writes the gap between two aligned positions: unchanged when the gap keys agree, else a change. */
class GapWriter {
  constructor(
    private readonly out: SpanBuilder,
    private readonly older: TextUnits,
    private readonly newer: TextUnits,
    private readonly options: ResolvedDiffOptions,
  ) {}

  write(oldFrom: number, oldTo: number, newFrom: number, newTo: number): void {
    const oldGap = joinTokens(this.older, oldFrom, oldTo);
    const newGap = joinTokens(this.newer, newFrom, newTo);
    if (
      oldGap === newGap ||
      gapKey(this.older, oldFrom, oldTo, this.options) === gapKey(this.newer, newFrom, newTo, this.options)
    ) {
      this.out.push('equal', newGap, oldGap);
    } else {
      this.out.push('delete', oldGap);
      this.out.push('insert', newGap);
    }
  }
}

/** The text of unit `unit` (token `index`). */
function unitText(units: TextUnits, unit: number, index: number): string {
  return units.keysAreTexts && units.keys ? units.keys[unit]! : joinTokens(units, index, index + 1);
}

/**
 * Collects spans and tidies them for reading without changing either text:
 * - within a run of changes, all deletions come before all insertions, and a
 *   run of whitespace standing alone between two changes joins them, so
 *   "the quick fox" → "a slow fox" reads as one deletion and one insertion
 *   rather than word-by-word alternation;
 * - whitespace that both sides of a change start or end with stays unchanged;
 * - a lone insertion or deletion starts at its first word, not at the space
 *   before it ("your {+full +}name" rather than "your{+ full+} name").
 * Unchanged spans carry both spellings throughout.
 */
class SpanBuilder {
  private readonly raw: AlignedSpan[] = [];

  push(op: DiffOp, text: string, oldText: string = text): void {
    if (text.length === 0 && oldText.length === 0) return;
    this.raw.push({ op, text, oldText });
  }

  finish(): AlignedSpan[] {
    const spans: AlignedSpan[] = [];
    const equal = (text: string, oldText: string = text): void => {
      if (!text && !oldText) return;
      const previous = spans[spans.length - 1];
      if (previous && previous.op === 'equal') {
        previous.text += text;
        previous.oldText += oldText;
      } else {
        spans.push({ op: 'equal', text, oldText });
      }
    };
    const change = (op: 'delete' | 'insert', text: string): void => {
      if (text) spans.push({ op, text, oldText: text });
    };
    let deleted = '';
    let inserted = '';
    const flush = (): void => {
      if (deleted && inserted) {
        const head = commonWhitespace(deleted, inserted, 'head');
        equal(head);
        deleted = deleted.slice(head.length);
        inserted = inserted.slice(head.length);
        const tail = commonWhitespace(deleted, inserted, 'tail');
        change('delete', deleted.slice(0, deleted.length - tail.length));
        change('insert', inserted.slice(0, inserted.length - tail.length));
        equal(tail);
      } else {
        change('delete', deleted);
        change('insert', inserted);
      }
      deleted = '';
      inserted = '';
    };
    for (let index = 0; index < this.raw.length; index++) {
      const span = this.raw[index]!;
      if (span.op === 'delete') deleted += span.text;
      else if (span.op === 'insert') inserted += span.text;
      else if (this.isBridge(index) && (deleted || inserted)) {
        deleted += span.oldText;
        inserted += span.text;
      } else {
        flush();
        equal(span.text, span.oldText);
      }
    }
    flush();
    return shiftLoneChanges(spans);
  }

  /** An unchanged span of pure whitespace, spelled the same in both texts, with changes on both sides. */
  private isBridge(index: number): boolean {
    const span = this.raw[index]!;
    if (!/^\s+$/u.test(span.text) || span.text !== span.oldText) return false;
    const next = this.raw[index + 1];
    return next !== undefined && next.op !== 'equal';
  }
}

/** The longest whitespace both strings start (or end) with. */
function commonWhitespace(x: string, y: string, end: 'head' | 'tail'): string {
  let length = 0;
  const limit = Math.min(x.length, y.length);
  while (length < limit) {
    const cx = end === 'head' ? x[length]! : x[x.length - 1 - length]!;
    const cy = end === 'head' ? y[length]! : y[y.length - 1 - length]!;
    if (cx !== cy || !/\s/u.test(cx)) break;
    length++;
  }
  // Never swallow a whole side: a change must keep some text of its own.
  if (length === x.length || length === y.length) length = Math.max(0, length - 1);
  return end === 'head' ? x.slice(0, length) : x.slice(x.length - length);
}

/**
 * Slide a lone change that starts with whitespace over that same whitespace
 * starting the following unchanged span (in both spellings), so it begins at a
 * word. Both texts read the same before and after the slide.
 */
function shiftLoneChanges(spans: AlignedSpan[]): AlignedSpan[] {
  for (let index = 1; index < spans.length - 1; index++) {
    const before = spans[index - 1]!;
    const change = spans[index]!;
    const after = spans[index + 1]!;
    if (before.op !== 'equal' || after.op !== 'equal' || change.op === 'equal') continue;
    const lead = /^\s+/u.exec(change.text)?.[0];
    if (!lead || lead.length === change.text.length) continue;
    if (!after.text.startsWith(lead) || !after.oldText.startsWith(lead)) continue;
    before.text += lead;
    before.oldText += lead;
    change.text = change.text.slice(lead.length) + lead;
    change.oldText = change.text;
    after.text = after.text.slice(lead.length);
    after.oldText = after.oldText.slice(lead.length);
    if (after.text.length === 0 && after.oldText.length === 0) spans.splice(index + 1, 1);
  }
  return spans;
}

// Long-lived instances keep these classes' object shapes alive between diffs (see README).
const keptSpanBuilder = new SpanBuilder();
const keptUnits = textUnits('', {
  ignoreCase: false,
  ignoreWhitespace: false,
  ignorePunctuation: false,
  ignoreFormatting: false,
});
/**
 * Long-lived instances: they keep these classes' object shapes alive between diffs, so a full
 * garbage collection does not throw away the optimized code that relies on them.
 */
export const keptWordDiffShapes: unknown = [
  keptSpanBuilder,
  new GapWriter(keptSpanBuilder, keptUnits, keptUnits, resolveOptions()),
];
