import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Channel, ChannelArgs, ChannelResult } from '../../shared/contract';
import { isBusyError } from '../archive/busy';
import { openArchive } from '../archive/database';
import { createHandlers, invokeHandler, type Handlers } from '../handlers';
import { createInProcessImportService } from '../importService';
import { PdfPrinterUnavailableError } from '../report/pdf/pdfPrinter';
import { version } from '../../../package.json';
import { CliError, ExitCode } from './exitCodes';
import { stylesFor, type CliIo, type Styles } from './terminal';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  db: string;
  color: boolean;
}

/** An open archive and the handler table over it. */
export interface OpenedArchive {
  db: Database.Database;
  /** Call a contract channel through the shared handler table (arguments validated like IPC). */
  call<C extends Channel>(channel: C, ...args: ChannelArgs<C>): Promise<ChannelResult<C>>;
}

/**
 * What a command needs: the streams, styles, and the archive, opened on
 * demand and closed when the CLI run ends.
 */
export class CliSession {
  private readonly opened: Database.Database[] = [];

  constructor(readonly io: CliIo) {}

  /** Styles and whether colours are on, for these global options. */
  styles(options: GlobalOptions): { styles: Styles; useColor: boolean } {
    const styles = stylesFor(this.io, options.color);
    return { styles, useColor: styles.isColorSupported };
  }

  /** Open an archive that must already exist (read commands): a typo in `--db` must not create a file. */
  openExisting(path: string): OpenedArchive {
    if (!existsSync(path)) {
      throw new CliError(
        ExitCode.archive,
        `No archive at ${path}. Import snapshots first (policy-archive import <files…>) or choose another file with --db.`,
      );
    }
    return this.withHandlers(this.openDatabase(path), path);
  }

  /** Open the archive, creating it if needed (import). */
  openForImport(path: string): Database.Database {
    return this.openDatabase(path);
  }

  /** Close everything this run opened (checkpointing the WAL). */
  close(): void {
    for (const db of this.opened.splice(0)) {
      try {
        if (db.open) db.close();
      } catch {
        // Closing can only fail if the file vanished; nothing left to save.
      }
    }
  }

  private openDatabase(path: string): Database.Database {
    let db: Database.Database;
    try {
      db = openArchive(path);
    } catch (error) {
      // Busy while migrating (another process holds the write lock): exit 5 like a busy import, not 4.
      const code = isBusyError(error) ? ExitCode.busy : ExitCode.archive;
      throw new CliError(code, error instanceof Error ? error.message : String(error));
    }
    this.opened.push(db);
    return db;
  }

  private withHandlers(db: Database.Database, path: string): OpenedArchive {
    const unavailable = (what: string) => () => Promise.reject(new Error(`${what} is not available in the CLI`));
    const handlers: Handlers = createHandlers({
      db,
      archivePath: path,
      imports: createInProcessImportService(db),
      chooseImportPaths: unavailable('Choosing files in a dialog'),
      openExternal: unavailable('Opening links'),
      saveText: unavailable('Saving through a dialog'),
      appVersion: version,
      pdfPrinter: () => {
        throw new PdfPrinterUnavailableError(
          'Exporting reports through a dialog is not available in the CLI: use the export command',
        );
      },
      saveReport: unavailable('Saving through a dialog'),
    });
    return {
      db,
      call: async (channel, ...args) => (await invokeHandler(handlers, channel, args)) as never,
    };
  }
}
