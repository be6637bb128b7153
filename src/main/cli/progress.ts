import cliProgress from 'cli-progress';
import type { ImportProgress } from '../../shared/domain';
import { writeLine, type CliIo } from './terminal';

/** Shows an import's progress on stderr, so stdout stays clean for the report (or `--json`). */
export interface ProgressView {
  update(progress: ImportProgress): void;
  /** Remove the bar (if any) before the report is printed. */
  stop(): void;
}

/** A live bar when stderr is a terminal, plain lines otherwise (logs and pipes). */
export function createProgressView(io: CliIo): ProgressView {
  return io.stderrIsTTY ? new BarView(io) : new LineView(io);
}

class BarView implements ProgressView {
  private readonly bar: cliProgress.SingleBar;
  private started = false;

  constructor(io: CliIo) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: io.stderr as NodeJS.WritableStream,
        format: 'Importing [{bar}] {percentage}% | {value}/{total} files | {snapshots} snapshots | {file}',
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update(progress: ImportProgress): void {
    const payload = { snapshots: progress.snapshotsAdded, file: shortName(progress.currentFile) };
    if (!this.started) {
      this.bar.start(Math.max(progress.filesTotal, 1), progress.filesDone, payload);
      this.started = true;
    }
    if (progress.filesTotal > 0) this.bar.setTotal(progress.filesTotal);
    this.bar.update(progress.filesDone, payload);
  }

  stop(): void {
    if (this.started) this.bar.stop();
  }
}

class LineView implements ProgressView {
  private lastLine = '';

  constructor(private readonly io: CliIo) {}

  update(progress: ImportProgress): void {
    const line =
      progress.phase === 'scanning'
        ? 'Scanning…'
        : progress.phase === 'importing'
          ? `Importing: ${progress.filesDone}/${progress.filesTotal} files, ${progress.snapshotsAdded} snapshots`
          : `Import ${progress.phase}: ${progress.filesDone}/${progress.filesTotal} files`;
    // The pipeline reports several times per file; one line per step is enough for a log.
    if (line === this.lastLine) return;
    this.lastLine = line;
    writeLine(this.io.stderr, line);
  }

  stop(): void {}
}

/** The last part of a path, so the bar fits on one line. */
function shortName(path: string | null): string {
  if (!path) return '';
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.length > 40 ? `…${name.slice(-39)}` : name;
}
