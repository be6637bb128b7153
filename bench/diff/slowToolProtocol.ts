/** The whole-text diffs run in a child process (they can take minutes on big pairs). */
export type SlowTool = 'jsdiff' | 'dmp';

/** Parent → child: diff these two texts once and report the time. */
export interface WorkerRequest {
  tool: SlowTool;
  a: string;
  b: string;
}

/** Child → parent. `ms` is measured inside the child, around the diff call only. */
export type WorkerReply =
  { type: 'ready' } | { type: 'done'; ms: number; parts: number } | { type: 'error'; message: string };
