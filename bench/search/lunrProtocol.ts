/** Messages between the search bench and its lunr child process (lunrWorker.ts). */

/** Parent → child: index these files (one lunr document each), then time these queries. */
export interface LunrRequest {
  files: string[];
  queries: string[];
  /** Timed runs per query, after one warm-up run. */
  runs: number;
}

export interface LunrQueryResult {
  query: string;
  ms: number[];
  hits: number;
}

/** Child → parent. Times are measured inside the child; heap is V8's used heap after a full GC. */
export type LunrReply =
  | { type: 'ready' }
  | { type: 'building'; bytes: number }
  /** The index is built; the queries run next. */
  | { type: 'built'; buildMs: number }
  | {
      type: 'done';
      buildMs: number;
      /** Heap the index holds: used heap after building (texts released, GC run) minus before reading. */
      indexHeapBytes: number;
      rssBytes: number;
      queries: LunrQueryResult[];
    }
  | { type: 'error'; message: string };
