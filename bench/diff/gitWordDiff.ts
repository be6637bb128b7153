import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome } from './runOutcome';

/** `git --version` when git runs here, or why it does not. */
export function probeGit(): { available: true; version: string } | { available: false; reason: string } {
  const result = spawnSync('git', ['--version'], { encoding: 'utf8' });
  if (result.error) return { available: false, reason: `git not found (${result.error.message})` };
  if (result.status !== 0) return { available: false, reason: `git --version exited with ${result.status}` };
  return { available: true, version: result.stdout.trim() };
}

/** Write the pair once as `a.md` / `b.md` in `dir`; returns their paths for `gitWordDiff`. */
export function writePairFiles(dir: string, a: string, b: string): { fileA: string; fileB: string } {
  const fileA = join(dir, 'a.md');
  const fileB = join(dir, 'b.md');
  writeFileSync(fileA, a);
  writeFileSync(fileB, b);
  return { fileA, fileB };
}

/**
 * `git diff --no-index --word-diff=porcelain` on two files, timed as the
 * wall time of the whole process (start, read, diff, write to a pipe): that
 * is what a user running it waits for. Killed past `budgetMs`.
 */
export function gitWordDiff(fileA: string, fileB: string, budgetMs: number): RunOutcome {
  const started = performance.now();
  const result = spawnSync(
    'git',
    ['diff', '--no-index', '--no-color', '--no-ext-diff', '--word-diff=porcelain', fileA, fileB],
    { timeout: budgetMs, killSignal: 'SIGKILL', maxBuffer: 1 << 28, encoding: 'buffer' },
  );
  const ms = performance.now() - started;
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { kind: 'killed', budgetMs };
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT')
      return { kind: 'unavailable', reason: 'git not found' };
    return { kind: 'failed', reason: `git diff: ${result.error.message}` };
  }
  // --no-index exits 1 when the files differ, 0 when they do not.
  if (result.status !== 0 && result.status !== 1)
    return { kind: 'failed', reason: `git diff exited with ${result.status}: ${result.stderr.toString().trim()}` };
  return { kind: 'ok', ms };
}
