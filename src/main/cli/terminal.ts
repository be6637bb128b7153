import pc from 'picocolors';

/** A stream the CLI writes to (process.stdout in real use, a buffer in tests). */
export interface OutputStream {
  write(chunk: string): unknown;
}

/** Where the CLI reads its environment from and writes to; injectable for tests. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** stdout is a terminal: colours, bold highlights and coloured diffs. */
  isTTY: boolean;
  /** stderr is a terminal: a live progress bar instead of plain progress lines (default: false). */
  stderrIsTTY?: boolean;
  /** Environment (for `NO_COLOR` and the default archive path); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Subscribe to the user's interrupt (Ctrl+C); returns the unsubscribe function.
   * Default: the process's SIGINT.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

/** Text styles for one run of the CLI: real colours on a terminal, identity functions otherwise. */
export type Styles = ReturnType<typeof pc.createColors>;

/** Colours only when stdout is a terminal and neither `--no-color` nor `NO_COLOR` asks otherwise. */
export function stylesFor(io: CliIo, colorOption: boolean): Styles {
  const env = io.env ?? process.env;
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return pc.createColors(io.isTTY && colorOption && !noColorEnv);
}

/** Write text and a newline. */
export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Pretty-printed JSON, for `--json`. */
export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Default interrupt source: SIGINT, once (a second Ctrl+C then ends the process as usual). */
export function processInterrupt(handler: () => void): () => void {
  process.once('SIGINT', handler);
  return () => {
    process.off('SIGINT', handler);
  };
}
