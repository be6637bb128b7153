import { runCli, type CliIo } from '../../../src/main/cli/runCli';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Pretend stdout is a terminal (colours). */
  isTTY?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Receives the interrupt handler the CLI registers (to simulate Ctrl+C). */
  onInterrupt?: CliIo['onInterrupt'];
  /** Called with every chunk written to stderr. */
  onStderr?: (chunk: string) => void;
}

/** Run the CLI in-process with captured output. The environment is empty unless given (no NO_COLOR, no real archive). */
export async function cli(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        options.onStderr?.(chunk);
      },
    },
    isTTY: options.isTTY ?? false,
    stderrIsTTY: false,
    env: options.env ?? {},
    onInterrupt: options.onInterrupt ?? (() => () => {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Parse the stdout of a `--json` run. */
export function json<T>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}
