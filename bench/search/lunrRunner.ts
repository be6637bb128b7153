import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lunr from 'lunr';
import { medianCount, summarizeLatency, type LatencySummary } from './latencySummary';
import type { LunrQueryResult, LunrReply, LunrRequest } from './lunrProtocol';

const WORKER = fileURLToPath(new URL('./lunrWorker.ts', import.meta.url));
/** Starting the child (tsx compiling it) and reading the texts are not part of the budget, but are bounded. */
const STARTUP_TIMEOUT_MS = 120_000;

export type LunrStatus = 'ok' | 'timeout' | 'out-of-memory' | 'failed';

export interface LunrSizeResult {
  snapshots: number;
  status: LunrStatus;
  /** Bytes of text indexed. */
  textBytes: number | null;
  buildMs: number | null;
  indexHeapBytes: number | null;
  rssBytes: number | null;
  latency: LatencySummary | null;
  medianHits: number | null;
  reason?: string;
  perQuery: LunrQueryResult[];
}

export interface LunrBenchResult {
  /** The lunr package's version. */
  version: string;
  /** Time allowed for building the index and running the queries, per size. */
  budgetMs: number;
  /** The child's V8 heap cap (--max-old-space-size). */
  memoryMb: number;
  textsDir: string;
  sizes: LunrSizeResult[];
  /** The first size that did not finish (timeout, out of memory, failure), or null. */
  failedAt: number | null;
}

export interface LunrRunOptions {
  /** Snapshot counts to index, smallest first; the run stops at the first that fails. */
  sizes: number[];
  /** Folder of generated texts (vendor folders of Markdown files). */
  textsDir: string;
  queries: string[];
  runs: number;
  budgetMs: number;
  memoryMb: number;
  log?: (message: string) => void;
}

/** The first `limit` files of a generated texts folder, vendor by vendor, oldest version first. */
export function listTextFiles(textsDir: string, limit: number): string[] {
  const files: string[] = [];
  for (const vendor of readdirSync(textsDir).sort()) {
    if (files.length >= limit) break;
    for (const file of readdirSync(join(textsDir, vendor)).sort()) {
      if (files.length >= limit) break;
      if (file.endsWith('.md')) files.push(join(textsDir, vendor, file));
    }
  }
  return files;
}

/**
 * Index growing numbers of snapshots with lunr, each in a fresh child capped
 * at `memoryMb` of heap and killed after `budgetMs`, and stop at the first
 * size that does not finish: that is the size at which lunr stops being
 * practical.
 */
export async function runLunrSizes(options: LunrRunOptions): Promise<LunrBenchResult> {
  const log = options.log ?? (() => {});
  const sizes: LunrSizeResult[] = [];
  let failedAt: number | null = null;
  for (const size of options.sizes) {
    const files = listTextFiles(options.textsDir, size);
    if (files.length < size) {
      log(`lunr: only ${files.length} texts in ${options.textsDir}; stopping before ${size}`);
      break;
    }
    log(`lunr: indexing ${size} snapshots (budget ${options.budgetMs / 1000} s, heap cap ${options.memoryMb} MB)…`);
    const result = await runOne(size, { files, queries: options.queries, runs: options.runs }, options);
    log(
      `lunr: ${size} → ${result.status}${result.buildMs === null ? '' : `, built in ${(result.buildMs / 1000).toFixed(1)} s`}`,
    );
    sizes.push(result);
    if (result.status !== 'ok') {
      failedAt = size;
      break;
    }
  }
  return {
    version: lunr.version,
    budgetMs: options.budgetMs,
    memoryMb: options.memoryMb,
    textsDir: options.textsDir,
    sizes,
    failedAt,
  };
}

function runOne(snapshots: number, request: LunrRequest, options: LunrRunOptions): Promise<LunrSizeResult> {
  const empty: LunrSizeResult = {
    snapshots,
    status: 'failed',
    textBytes: null,
    buildMs: null,
    indexHeapBytes: null,
    rssBytes: null,
    latency: null,
    medianHits: null,
    perQuery: [],
  };
  return new Promise((resolve) => {
    const child = fork(WORKER, [], {
      execArgv: [...process.execArgv, `--max-old-space-size=${options.memoryMb}`, '--expose-gc'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    let textBytes: number | null = null;
    let builtMs: number | null = null;
    let settled = false;
    const finish = (result: LunrSizeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(result);
    };
    let timer = setTimeout(
      () => finish({ ...empty, reason: `did not start and read its texts within ${STARTUP_TIMEOUT_MS / 1000} s` }),
      STARTUP_TIMEOUT_MS,
    );
    child.on('message', (message: LunrReply) => {
      if (message.type === 'ready') {
        child.send(request);
      } else if (message.type === 'building') {
        textBytes = message.bytes;
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            finish({
              ...empty,
              status: 'timeout',
              textBytes,
              buildMs: builtMs,
              reason:
                builtMs === null
                  ? `could not index ${snapshots} snapshots within ${options.budgetMs / 1000} s`
                  : `indexed ${snapshots} snapshots in ${(builtMs / 1000).toFixed(0)} s but did not finish the queries within ${options.budgetMs / 1000} s`,
            }),
          options.budgetMs,
        );
      } else if (message.type === 'built') {
        builtMs = message.buildMs;
      } else if (message.type === 'done') {
        finish({
          snapshots,
          status: 'ok',
          textBytes,
          buildMs: message.buildMs,
          indexHeapBytes: message.indexHeapBytes,
          rssBytes: message.rssBytes,
          latency: summarizeLatency(message.queries.flatMap((query) => query.ms)),
          medianHits: medianCount(message.queries.map((query) => query.hits)),
          perQuery: message.queries,
        });
      } else {
        finish({ ...empty, textBytes, reason: message.message });
      }
    });
    child.on('exit', (code, signal) => {
      const outOfMemory = /heap out of memory|Allocation failed/i.test(stderr);
      finish({
        ...empty,
        status: outOfMemory ? 'out-of-memory' : 'failed',
        textBytes,
        reason: outOfMemory
          ? `could not index ${snapshots} snapshots within ${options.memoryMb} MB of heap`
          : `lunr child exited (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
      });
    });
  });
}
