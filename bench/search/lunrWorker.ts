/**
 * Child process that builds a lunr index of policy texts and times term
 * queries on it, so the parent can cap its memory (--max-old-space-size) and
 * kill it when it overruns its time budget: lunr's build is synchronous.
 * Started by lunrRunner.ts with `fork`; talks over the IPC channel.
 */
import { readFileSync } from 'node:fs';
import lunr from 'lunr';
import type { LunrReply, LunrRequest } from './lunrProtocol';

function reply(message: LunrReply): void {
  process.send?.(message);
}

/** Full GC when the child runs with --expose-gc (the runner passes it), so heap figures are live memory. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function handle(request: LunrRequest): void {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  let texts: string[] | null = request.files.map((file) => readFileSync(file, 'utf8'));
  reply({ type: 'building', bytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) });
  const started = performance.now();
  const documents = texts;
  const index = lunr(function () {
    this.ref('id');
    this.field('body');
    documents.forEach((body, id) => this.add({ id: String(id), body }));
  });
  const buildMs = performance.now() - started;
  reply({ type: 'built', buildMs });
  texts = null;
  documents.length = 0;
  collect();
  const indexHeapBytes = process.memoryUsage().heapUsed - heapBefore;

  const queries = request.queries.map((query) => {
    const hits = index.search(query).length;
    const ms: number[] = [];
    for (let run = 0; run < request.runs; run++) {
      const runStart = performance.now();
      index.search(query);
      ms.push(performance.now() - runStart);
    }
    return { query, ms, hits };
  });
  reply({ type: 'done', buildMs, indexHeapBytes, rssBytes: process.memoryUsage().rss, queries });
}

process.on('message', (request: LunrRequest) => {
  try {
    handle(request);
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
reply({ type: 'ready' });
