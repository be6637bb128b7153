/**
 * Child process that runs one of the slow whole-text diffs (jsdiff `diffWords`,
 * diff-match-patch word mode) on request, so the parent can kill it when it
 * overruns its budget: a synchronous diff cannot be interrupted from inside.
 * Started by `slowToolRunner.ts` with `fork`; talks over the IPC channel.
 */
import { diffWords } from 'diff';
import { dmpWordDiff } from './dmpWordDiff';
import type { SlowTool, WorkerReply, WorkerRequest } from './slowToolProtocol';

const TOOLS: Record<SlowTool, (a: string, b: string) => number> = {
  jsdiff: (a, b) => diffWords(a, b).length,
  dmp: (a, b) => dmpWordDiff(a, b).length,
};

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', (message: WorkerRequest) => {
  try {
    const run = TOOLS[message.tool];
    const started = performance.now();
    const parts = run(message.a, message.b);
    reply({ type: 'done', ms: performance.now() - started, parts });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

// Warm both libraries up (load and JIT their hot paths) before the first timed run.
for (const run of Object.values(TOOLS))
  run('We collect your data to provide the services.', 'We process your personal data to provide services.');
reply({ type: 'ready' });
