import type { Command } from 'commander';
import { findVendor } from '../../archive/queries';
import { globalOptions, positiveInt, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt, formatDuration } from '../formatDates';
import { formatHeadingPath, renderHighlights } from '../formatText';
import { writeJson, writeLine } from '../terminal';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

/** `search <query…>`: ranked documents with the best-matching passage of each. */
export function registerSearch(program: Command, { session }: CommandEnv): void {
  program
    .command('search')
    .description('search all policies; words, "exact phrases", OR, -exclusions')
    .argument('<query...>', 'what to look for (several words are all required)')
    .option('--vendor <vendor>', 'only this vendor (id, key or name)')
    .option('--limit <n>', `at most this many documents (1–${MAX_LIMIT})`, positiveInt(MAX_LIMIT), DEFAULT_LIMIT)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  policy-archive search data retention',
        `  policy-archive search '"data retention"' --vendor formlabs.com   (quotes inside quotes: a phrase)`,
        '  policy-archive search --limit 5 -- cookies -analytics          (after --, -word excludes a word)',
      ].join('\n'),
    )
    .action(async (words: string[], options: { vendor?: string; limit: number; json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      let vendorId: number | undefined;
      if (options.vendor !== undefined) {
        const vendor = findVendor(archive.db, options.vendor);
        if (!vendor) {
          throw new CliError(
            ExitCode.notFound,
            `Vendor "${options.vendor}" not found. List the vendors with: policy-archive vendors`,
          );
        }
        vendorId = vendor.id;
      }
      const query = words.join(' ');
      const result = await archive.call('search:query', {
        query,
        limit: options.limit,
        ...(vendorId !== undefined ? { vendorId } : {}),
      });
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, result);

      const { styles, useColor } = session.styles(global);
      writeLine(stdout, styles.dim(`Interpreted as: ${result.interpretedAs || '(nothing to search for)'}`));
      const shown = result.hits.length < result.totalDocuments ? ` (showing ${result.hits.length})` : '';
      writeLine(
        stdout,
        `${result.totalDocuments} document${result.totalDocuments === 1 ? '' : 's'} found${shown} in ${formatDuration(result.elapsedMs)}`,
      );
      result.hits.forEach((hit, index) => {
        writeLine(stdout);
        writeLine(
          stdout,
          `${index + 1}. ${styles.bold(hit.vendorName)} — ${hit.documentTitle}  ` +
            styles.dim(
              `snapshot #${hit.snapshot.id}, captured ${formatCapturedAt(hit.snapshot.capturedAt)}; ` +
                `matches in ${hit.matchingSnapshotCount} snapshot${hit.matchingSnapshotCount === 1 ? '' : 's'}`,
            ),
        );
        const section = formatHeadingPath(hit.headingPath);
        if (section) writeLine(stdout, `   ${styles.dim(`§ ${section}`)}`);
        writeLine(stdout, `   ${renderHighlights(hit.snippet, styles, useColor)}`);
      });
    });
}
