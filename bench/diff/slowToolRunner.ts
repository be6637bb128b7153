import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunOutcome } from './runOutcome';
import type { SlowTool, WorkerReply, WorkerRequest } from './slowToolProtocol';

const WORKER = fileURLToPath(new URL('./slowToolWorker.ts', import.meta.url));
/** Starting the child compiles TypeScript through tsx: generous, and not part of any measured time. */
const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Runs jsdiff / diff-match-patch in a child process with a hard time budget
 * per run: a run still going when the budget ends is killed (SIGKILL) and
 * reported as `killed`; the next run starts a fresh child. The time reported
 * is measured in the child around the diff call, so process start and IPC
 * are not counted.
 */
export class SlowToolRunner {
  private child: ChildProcess | null = null;
  private starting: Promise<ChildProcess> | null = null;

  async run(tool: SlowTool, a: string, b: string, budgetMs: number): Promise<RunOutcome> {
    let child: ChildProcess;
    try {
      child = await this.ensureChild();
    } catch (error) {
      return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
    return new Promise<RunOutcome>((resolve) => {
      const finish = (outcome: RunOutcome): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: WorkerReply): void => {
        if (message.type === 'done') finish({ kind: 'ok', ms: message.ms });
        else if (message.type === 'error') finish({ kind: 'failed', reason: `${tool}: ${message.message}` });
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.child = null;
        finish({ kind: 'failed', reason: `${tool}: worker exited (${signal ?? `code ${code}`}), out of memory?` });
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        this.stop(child);
        finish({ kind: 'killed', budgetMs });
      }, budgetMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      const request: WorkerRequest = { tool, a, b };
      child.send(request);
    });
  }

  /** Stop the child, if any. */
  close(): void {
    if (this.child) this.stop(this.child);
  }

  private stop(child: ChildProcess): void {
    if (this.child === child) this.child = null;
    child.kill('SIGKILL');
  }

  private ensureChild(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= new Promise<ChildProcess>((resolve, reject) => {
      // Inherit tsx's loader flags so the child can run the TypeScript worker.
      const child = fork(WORKER, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${WORKER}: did not start within ${STARTUP_TIMEOUT_MS / 1000} s`));
      }, STARTUP_TIMEOUT_MS);
      child.once('message', (message: WorkerReply) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve(child);
        else reject(new Error(`${WORKER}: unexpected first message ${JSON.stringify(message)}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${WORKER}: exited with code ${code} while starting`));
      });
    }).then(
      (child) => {
        this.child = child;
        this.starting = null;
        return child;
      },
      (error: unknown) => {
        this.starting = null;
        throw error;
      },
    );
    return this.starting;
  }
}
