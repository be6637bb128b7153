import type { DiffIgnoreOptions, DiffResult, ReferenceEvent, TimelineVersion } from '../../../shared/domain';
import { SvelteSet } from 'svelte/reactivity';
import { api } from './api';
import { changeHunks, stepChange, type ChangeHunk } from './changeNavigation';
import { allShown, collapseUnchanged } from './collapseUnchanged';
import { inlineRows, sideBySideRows } from './diffRows';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';
import { moveEnds, otherEndOf } from './moveLinks';
import { sectionOutline } from './sectionOutline';

export type DiffLayout = 'inline' | 'side-by-side';
export type IgnoreOption = keyof DiffIgnoreOptions;

/** What to compare: two snapshots, or a document across a reference event. */
export type DiffRequest =
  { kind: 'pair'; olderId: number; newerId: number } | { kind: 'event'; documentId: number; eventId: string };

/** Why the comparison was opened and what the two sides are, for the header. */
export interface DiffContext {
  purpose: 'compare' | 'previous-version' | 'event' | 'since-last-viewed';
  before: TimelineVersion | null;
  after: TimelineVersion | null;
  event: ReferenceEvent | null;
  /** For 'since-last-viewed': when the user opened the older version (ISO UTC). */
  viewedAt?: string;
}

/** Whether an `open` showed its diff, was overtaken by a newer request, or failed (see `error`). */
export type OpenOutcome = 'shown' | 'stale' | 'failed';

/** Unchanged blocks kept next to each change when "only changes" folds the rest (section labels give the context). */
const CONTEXT_BLOCKS = 0;

/**
 * One comparison as the diff view shows it: the request and its answer, the
 * ignore options (which re-run the diff), the layout, folding of unchanged
 * text, and the change the user navigated to. The view renders the derived
 * rows and scrolls to `currentHunk`.
 */
export class DiffState {
  request = $state.raw<DiffRequest | null>(null);
  context = $state.raw<DiffContext | null>(null);
  result = $state.raw<DiffResult | null>(null);
  options = $state.raw<DiffIgnoreOptions>({});
  layout = $state<DiffLayout>('inline');
  onlyChanges = $state(false);
  /** Folded runs of unchanged text the user opened, by their first block. */
  readonly expanded = new SvelteSet<number>();
  /** Index of the hunk navigated to; -1 before the first step. */
  current = $state(-1);
  loading = $state(false);
  error = $state<string | null>(null);

  blocks = $derived(this.result?.blocks ?? []);
  changes = $derived(changeHunks(this.blocks));
  segments = $derived(
    this.onlyChanges
      ? collapseUnchanged(this.blocks, { context: CONTEXT_BLOCKS, expanded: this.expanded })
      : allShown(this.blocks),
  );
  inlineRows = $derived(this.layout === 'inline' ? inlineRows(this.blocks, this.segments, this.onlyChanges) : []);
  sideBySideRows = $derived(
    this.layout === 'side-by-side' ? sideBySideRows(this.blocks, this.segments, this.onlyChanges) : [],
  );
  outline = $derived(sectionOutline(this.blocks, this.changes));
  moves = $derived(moveEnds(this.blocks));
  identical = $derived(this.result !== null && this.changes.hunks.length === 0);
  currentHunk = $derived<ChangeHunk | null>(this.changes.hunks[this.current] ?? null);
  ignoring = $derived(Object.values(this.options).some(Boolean));

  #request = new LatestRequest();

  /** Compare something new: forget the previous answer, keep the layout and ignore options. */
  async open(request: DiffRequest, context: DiffContext): Promise<OpenOutcome> {
    this.request = request;
    this.context = context;
    this.result = null;
    this.current = -1;
    this.expanded.clear();
    return this.#load();
  }

  /** Change what counts as a change and compare again; the text shown stays the same. */
  async setIgnore(option: IgnoreOption, value: boolean): Promise<void> {
    this.options = { ...this.options, [option]: value };
    if (this.request) await this.#load();
  }

  /** Go one change forwards or backwards; returns the hunk to reveal. */
  step(step: 1 | -1): ChangeHunk | null {
    this.current = stepChange(this.current, this.changes.hunks.length, step);
    return this.currentHunk;
  }

  /** Make a hunk the current change (from the outline or a move link). */
  goTo(hunk: number): void {
    if (hunk >= 0 && hunk < this.changes.hunks.length) this.current = hunk;
  }

  /** The block at the other end of a move, made the current change. */
  followMove(blockIndex: number): number | null {
    const other = otherEndOf(this.blocks, this.moves, blockIndex);
    if (other !== null) this.goTo(this.changes.hunkOfBlock[other] ?? -1);
    return other;
  }

  /** Unfold a run of unchanged text. */
  expand(start: number): void {
    this.expanded.add(start);
  }

  /** Stop loading (the view closed); the last answer stays for when it reopens. */
  cancel(): void {
    this.#request.invalidate();
    this.loading = false;
  }

  async #load(): Promise<OpenOutcome> {
    const request = this.request;
    if (!request) return 'stale';
    const isLatest = this.#request.begin();
    const options = { ...this.options };
    this.loading = true;
    this.error = null;
    try {
      let result: DiffResult | null;
      if (request.kind === 'pair') {
        result = await api.diff.compare(request.olderId, request.newerId, options);
      } else {
        const across = await api.timeline.acrossEvent(request.documentId, request.eventId, options);
        if (!isLatest()) return 'stale';
        this.context = { purpose: 'event', before: across.before, after: across.after, event: across.event };
        result = across.diff;
      }
      if (!isLatest()) return 'stale';
      const previousHunks = this.changes.hunks.length;
      const previousBlocks = this.blocks.length;
      this.result = result;
      // Other options give other blocks and hunks: positions only survive if they still line up.
      if (this.blocks.length !== previousBlocks) this.expanded.clear();
      if (this.changes.hunks.length !== previousHunks) this.current = -1;
      return 'shown';
    } catch (error) {
      if (!isLatest()) return 'stale';
      this.error = errorMessage(error);
      return 'failed';
    } finally {
      if (isLatest()) this.loading = false;
    }
  }
}
