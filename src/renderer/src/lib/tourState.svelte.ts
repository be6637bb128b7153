import { TOUR_STEPS, TOUR_STORAGE_KEY, type TourStep } from './tourSteps';

type TourStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): TourStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The first-launch tour: shown until the user finishes or hides it (then
 * remembered), and again on request from Help. It never takes focus by
 * itself; when asked for from Help, the card takes focus (`requested`).
 */
export class TourState {
  open = $state(false);
  index = $state(0);
  /** Opened from Help (the card takes focus) rather than on its own at first launch. */
  requested = $state(false);
  readonly steps: readonly TourStep[] = TOUR_STEPS;
  step = $derived(this.steps[this.index] ?? this.steps[0]!);
  isLast = $derived(this.index === this.steps.length - 1);
  readonly #storage: TourStorage | null;

  constructor(storage: TourStorage | null = browserStorage()) {
    this.#storage = storage;
    this.open = !this.#seen();
  }

  /** Help › Show the Tour: from the first tip, taking focus. */
  show(): void {
    this.index = 0;
    this.requested = true;
    this.open = true;
  }

  next(): void {
    if (this.isLast) this.finish();
    else this.index += 1;
  }

  back(): void {
    if (this.index > 0) this.index -= 1;
  }

  /** Done or hidden: close and remember, so the next launch starts without it. */
  finish(): void {
    this.open = false;
    this.requested = false;
    this.index = 0;
    try {
      this.#storage?.setItem(TOUR_STORAGE_KEY, 'yes');
    } catch {
      // Blocked storage: the tour shows again next time, which does no harm.
    }
  }

  #seen(): boolean {
    try {
      return this.#storage?.getItem(TOUR_STORAGE_KEY) === 'yes';
    } catch {
      return false;
    }
  }
}
