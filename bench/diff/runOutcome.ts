/** How one timed run of one tool on one pair ended. */
export type RunOutcome =
  /** Finished; wall time in milliseconds. */
  | { kind: 'ok'; ms: number }
  /** Still running when its budget ran out, and killed: the time is at least `budgetMs`. */
  | { kind: 'killed'; budgetMs: number }
  /** Crashed or reported an error (the reason names the tool and what happened). */
  | { kind: 'failed'; reason: string }
  /** The tool is not installed here (git missing). */
  | { kind: 'unavailable'; reason: string };
