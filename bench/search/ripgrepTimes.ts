import { spawnSync } from 'node:child_process';
import { medianCount, summarizeLatency, type LatencySummary } from './latencySummary';

/** How ripgrep is run, stated in the report: the fairest equivalent of our term and phrase queries. */
export const RIPGREP_COMMANDS = {
  phrase: 'rg -l -F -i -- "<phrase>" <texts>',
  term: 'rg -l -F -i -w -- <word> <texts>',
} as const;
export const RIPGREP_INSTALL_HINT = 'apt-get install ripgrep (Debian/Ubuntu), brew install ripgrep (macOS)';

export interface RipgrepQueryTiming {
  query: string;
  ms: number;
  /** Files (snapshots) containing it; null when rg failed or ran out of time. */
  files: number | null;
  error?: string;
}

export interface RipgrepClassTiming {
  /** The query class these queries come from (phrase, term-rare, term-common). */
  name: string;
  latency: LatencySummary | null;
  filesMatched: { median: number | null; min: number | null; max: number | null };
  perQuery: RipgrepQueryTiming[];
}

/** `rg --version`'s first line, or null when ripgrep is not installed. */
export function ripgrepVersion(binary = 'rg'): string | null {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  return result.stdout.split('\n')[0]?.trim() ?? null;
}

/** Arguments for one query: a quoted phrase is searched as a fixed string, a word as a whole word. */
export function ripgrepArgs(query: string, textsDir: string): string[] {
  const phrase = /^"(.*)"$/.exec(query.trim());
  return phrase
    ? ['-l', '-F', '-i', '--', phrase[1]!, textsDir]
    : ['-l', '-F', '-i', '-w', '--', query.trim(), textsDir];
}

/**
 * Run ripgrep once per query over the texts folder (after one untimed run
 * that warms the page cache) and time it from the outside: process start
 * included, since that is what a user of rg waits for.
 */
export function timeRipgrep(
  name: string,
  queries: readonly string[],
  textsDir: string,
  options: { timeoutMs: number; binary?: string },
): RipgrepClassTiming {
  const binary = options.binary ?? 'rg';
  const first = queries[0];
  if (first !== undefined) runOnce(binary, first, textsDir, options.timeoutMs);
  const perQuery = queries.map((query) => runOnce(binary, query, textsDir, options.timeoutMs));
  const ok = perQuery.filter((timing) => timing.files !== null);
  const files = ok.map((timing) => timing.files!);
  return {
    name,
    latency: summarizeLatency(ok.map((timing) => timing.ms)),
    filesMatched: {
      median: medianCount(files),
      min: files.length > 0 ? Math.min(...files) : null,
      max: files.length > 0 ? Math.max(...files) : null,
    },
    perQuery,
  };
}

function runOnce(binary: string, query: string, textsDir: string, timeoutMs: number): RipgrepQueryTiming {
  const started = performance.now();
  const result = spawnSync(binary, ripgrepArgs(query, textsDir), {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  // rg exits 1 when nothing matched: that is an answer, not a failure.
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    const error = result.error?.message ?? (result.stderr.trim() || `exit ${result.status ?? result.signal}`);
    return { query, ms, files: null, error };
  }
  const files = result.stdout === '' ? 0 : result.stdout.trimEnd().split('\n').length;
  return { query, ms, files };
}
