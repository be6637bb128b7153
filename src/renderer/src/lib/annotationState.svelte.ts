import type { SnapshotAnnotations } from '../../../shared/libraryDomain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';

/** How long typing must pause before the note is saved. */
export const NOTE_SAVE_DELAY_MS = 600;

/**
 * Where the note stands: `loading` (reading the snapshot's note), `editing`
 * (typed, not saved yet), `saving`, `saved`, `failed` (the error says why), or
 * `idle` (nothing typed since it was read).
 */
export type NoteStatus = 'idle' | 'loading' | 'editing' | 'saving' | 'saved' | 'failed';

/**
 * The user's tags and note on one snapshot (a version's first capture),
 * stored in the archive. The note saves itself a moment after typing stops,
 * and at once when another snapshot is shown or the editor goes away
 * (`flush`), so switching versions never loses what was typed.
 */
export class AnnotationState {
  snapshotId = $state<number | null>(null);
  tags = $state.raw<string[]>([]);
  note = $state('');
  noteUpdatedAt = $state<string | null>(null);
  status = $state<NoteStatus>('idle');
  error = $state<string | null>(null);
  tagsError = $state<string | null>(null);

  readonly #onsaved: (annotations: SnapshotAnnotations) => void;
  readonly #delayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The note text as the archive has it for `snapshotId`. */
  #stored = '';
  /** Saves run one after another, so an older text never lands after a newer one. */
  #queue: Promise<unknown> = Promise.resolve();
  #loadRequest = new LatestRequest();

  constructor(onsaved: (annotations: SnapshotAnnotations) => void, delayMs = NOTE_SAVE_DELAY_MS) {
    this.#onsaved = onsaved;
    this.#delayMs = delayMs;
  }

  /** Whether typed text is waiting to be saved. */
  get dirty(): boolean {
    return this.note !== this.#stored;
  }

  /** Show another snapshot's annotations, saving the note being edited first. */
  async show(snapshotId: number): Promise<void> {
    if (snapshotId === this.snapshotId) return;
    const saved = this.flush();
    const isLatest = this.#loadRequest.begin();
    this.snapshotId = snapshotId;
    this.status = 'loading';
    this.error = null;
    this.tagsError = null;
    try {
      // Read after the pending saves land: coming back to a version must show what was just typed there.
      await saved;
      const annotations = await api.snapshots.annotations(snapshotId);
      if (!isLatest()) return;
      this.#apply(annotations);
      this.status = 'idle';
    } catch (error) {
      if (!isLatest()) return;
      this.status = 'failed';
      this.error = `Could not read the note: ${errorMessage(error)}`;
    }
  }

  /** The user typed: keep the text and save it once typing pauses. */
  edit(text: string): void {
    if (this.snapshotId === null || this.status === 'loading') return;
    this.note = text;
    this.#cancelTimer();
    if (!this.dirty) {
      if (this.status === 'editing') this.status = 'saved';
      return;
    }
    this.status = 'editing';
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Save typed text now (switching snapshots, leaving the field, closing the reader). */
  flush(): Promise<void> {
    this.#cancelTimer();
    const snapshotId = this.snapshotId;
    if (snapshotId === null || !this.dirty || this.status === 'loading') return this.#queue.then(() => undefined);
    const text = this.note;
    const before = this.#stored;
    this.#stored = text;
    this.status = 'saving';
    const saving = this.#queue.then(async () => {
      try {
        const annotations = await api.snapshots.setNote(snapshotId, text);
        this.#onsaved(annotations);
        if (this.snapshotId !== snapshotId) return;
        this.noteUpdatedAt = annotations.noteUpdatedAt;
        if (this.note === text) {
          this.status = 'saved';
          this.error = null;
        }
      } catch (error) {
        if (this.snapshotId !== snapshotId) {
          this.error = `The note on the version you left was not saved: ${errorMessage(error)}`;
          return;
        }
        // Not saved: keep the text and say so; the next edit (or leaving the field) tries again.
        if (this.#stored === text) this.#stored = before;
        this.status = 'failed';
        this.error = `The note was not saved: ${errorMessage(error)}`;
      }
    });
    this.#queue = saving;
    return saving;
  }

  /** Replace the snapshot's tags (the tag editor saves each change at once). */
  async setTags(tags: string[]): Promise<boolean> {
    const snapshotId = this.snapshotId;
    if (snapshotId === null) return false;
    try {
      const annotations = await api.snapshots.setTags(snapshotId, tags);
      this.#onsaved(annotations);
      if (this.snapshotId === snapshotId) {
        this.tags = annotations.tags;
        this.tagsError = null;
      }
      return true;
    } catch (error) {
      if (this.snapshotId === snapshotId) this.tagsError = `Could not save the tags: ${errorMessage(error)}`;
      return false;
    }
  }

  /** The editor goes away: save what was typed. */
  dispose(): void {
    void this.flush();
    this.#loadRequest.invalidate();
  }

  #apply(annotations: SnapshotAnnotations): void {
    this.tags = annotations.tags;
    this.note = annotations.note ?? '';
    this.#stored = this.note;
    this.noteUpdatedAt = annotations.noteUpdatedAt;
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
