/**
 * Guards against out-of-order answers: when the user clicks quickly, only the
 * answer to the most recent request of a kind may update the view.
 */
export class LatestRequest {
  #counter = 0;

  /** Start a request; the returned function says whether it is still the latest. */
  begin(): () => boolean {
    const id = ++this.#counter;
    return () => id === this.#counter;
  }

  /** Make every request in flight stale. */
  invalidate(): void {
    this.#counter += 1;
  }
}
