import { diffArrays } from 'diff';
import type { DiffSpan } from '../domain';
import { remainingMs, type ResolvedDiffOptions } from './options';
import { tokenize, type Token } from './tokenize';

/**
 * Word-level spans between two texts, or null when the edit script exceeds
 * `maxEditLength` or the time budget is spent (the caller then shows a
 * whole-block replace).
 *
 * Only words and punctuation are aligned (whitespace tokens riding along):
 * aligning whitespace too lets the diff keep the spaces and delete and
 * re-insert the words between them. Whitespace between two kept tokens is
 * kept when equal; when it differs it is a change, unless `ignoreWhitespace`,
 * in which case the newer whitespace is shown as unchanged.
 *
 * With no ignore option, concatenating the non-delete spans gives `newText`
 * and the non-insert spans `oldText`, exactly. With an ignore option, unchanged
 * spans carry the newer text, so `oldText` is reproduced up to case/whitespace.
 */
export function wordSpans(oldText: string, newText: string, options: ResolvedDiffOptions): DiffSpan[] | null {
  const oldTokens = tokenize(oldText);
  const newTokens = tokenize(newText);
  const oldWords = wordIndexes(oldTokens);
  const newWords = wordIndexes(newTokens);
  const budget = remainingMs(options);
  if (budget <= 0) return null;

  const fold = options.ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text;
  const oldKeys = oldWords.map((index) => fold(oldTokens[index]!.text));
  const newKeys = newWords.map((index) => fold(newTokens[index]!.text));
  const changes = diffArrays(oldKeys, newKeys, { maxEditLength: options.maxEditLength, timeout: budget });
  if (!changes) return null;

  const out = new SpanBuilder();
  let oldPos = 0; // next unconsumed index into oldTokens
  let newPos = 0;
  let oldWord = 0; // next unconsumed index into oldWords
  let newWord = 0;
  for (const change of changes) {
    if (change.removed) {
      const last = oldWords[oldWord + change.count - 1]!;
      out.push('delete', joinTokens(oldTokens, oldPos, last + 1));
      oldPos = last + 1;
      oldWord += change.count;
    } else if (change.added) {
      const last = newWords[newWord + change.count - 1]!;
      out.push('insert', joinTokens(newTokens, newPos, last + 1));
      newPos = last + 1;
      newWord += change.count;
    } else {
      for (let k = 0; k < change.count; k++) {
        const oldIndex = oldWords[oldWord]!;
        const newIndex = newWords[newWord]!;
        pushGap(out, joinTokens(oldTokens, oldPos, oldIndex), joinTokens(newTokens, newPos, newIndex), options);
        // Equal under the options; show the newer spelling.
        out.push('equal', newTokens[newIndex]!.text, oldTokens[oldIndex]!.text);
        oldPos = oldIndex + 1;
        newPos = newIndex + 1;
        oldWord += 1;
        newWord += 1;
      }
    }
  }
  pushGap(
    out,
    joinTokens(oldTokens, oldPos, oldTokens.length),
    joinTokens(newTokens, newPos, newTokens.length),
    options,
  );
  return out.finish();
}

/** Whitespace between aligned tokens (or at the ends): unchanged, changed, or ignored. */
function pushGap(out: SpanBuilder, oldGap: string, newGap: string, options: ResolvedDiffOptions): void {
  if (oldGap === newGap) {
    out.push('equal', newGap);
  } else if (options.ignoreWhitespace) {
    out.push('equal', newGap, oldGap);
  } else {
    out.push('delete', oldGap);
    out.push('insert', newGap);
  }
}

function wordIndexes(tokens: Token[]): number[] {
  const indexes: number[] = [];
  tokens.forEach((token, index) => {
    if (!token.space) indexes.push(index);
  });
  return indexes;
}

function joinTokens(tokens: Token[], from: number, to: number): string {
  let text = '';
  for (let index = from; index < to; index++) text += tokens[index]!.text;
  return text;
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
 */
class SpanBuilder {
  private readonly raw: Array<{ op: DiffSpan['op']; text: string; oldText: string }> = [];

  push(op: DiffSpan['op'], text: string, oldText: string = text): void {
    if (text.length === 0 && oldText.length === 0) return;
    this.raw.push({ op, text, oldText });
  }

  finish(): DiffSpan[] {
    const spans: DiffSpan[] = [];
    const equal = (text: string): void => {
      if (!text) return;
      const previous = spans[spans.length - 1];
      if (previous && previous.op === 'equal') previous.text += text;
      else spans.push({ op: 'equal', text });
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
        if (deleted) spans.push({ op: 'delete', text: deleted.slice(0, deleted.length - tail.length) });
        if (inserted) spans.push({ op: 'insert', text: inserted.slice(0, inserted.length - tail.length) });
        equal(tail);
      } else if (deleted) {
        spans.push({ op: 'delete', text: deleted });
      } else if (inserted) {
        spans.push({ op: 'insert', text: inserted });
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
        equal(span.text);
      }
    }
    flush();
    return shiftLoneChanges(spans.filter((span) => span.text.length > 0));
  }

  /** An unchanged span of pure whitespace with changes on both sides. */
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
 * starting the following unchanged span, so it begins at a word. Both texts
 * read the same before and after the slide.
 */
function shiftLoneChanges(spans: DiffSpan[]): DiffSpan[] {
  for (let index = 1; index < spans.length - 1; index++) {
    const before = spans[index - 1]!;
    const change = spans[index]!;
    const after = spans[index + 1]!;
    if (before.op !== 'equal' || after.op !== 'equal' || change.op === 'equal') continue;
    const lead = /^\s+/u.exec(change.text)?.[0];
    if (!lead || lead.length === change.text.length || !after.text.startsWith(lead)) continue;
    before.text += lead;
    change.text = change.text.slice(lead.length) + lead;
    after.text = after.text.slice(lead.length);
    if (after.text.length === 0) spans.splice(index + 1, 1);
  }
  return spans;
}
