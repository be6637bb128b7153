import type { Command } from 'commander';
import type { PhraseHistory, PhraseVersionRef } from '../../../shared/searchDomain';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { formatDuration } from '../formatDates';
import { addScopeOptions, scopeFilters, type ScopeOptions } from '../scopeOptions';
import { formatTable } from '../table';
import { writeJson, writeLine, type Styles } from '../terminal';

/** `history <query…>`: per document, when the query appeared in its policy and when it was dropped. */
export function registerHistory(program: Command, { session }: CommandEnv): void {
  addScopeOptions(
    program
      .command('history')
      .description(
        'when each policy started (and stopped) saying something: the versions that introduced and dropped it',
      )
      .argument('<query...>', 'what to look for, as in `search` (words, "exact phrases", OR, -exclusions)'),
  )
    .option('--json', 'print the history as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Each row is a stretch of versions that contain the query. DIFF is the comparison that shows',
        'the change: run it as `policy-archive diff A B`.',
        '',
        'Examples:',
        `  policy-archive history '"legitimate interest"'`,
        `  policy-archive history '"data protection officer"' --vendor formlabs.com --from 2016`,
      ].join('\n'),
    )
    .action(async (words: string[], options: ScopeOptions & { json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const history = await archive.call('search:history', {
        query: words.join(' '),
        filters: scopeFilters(archive, options),
      });
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, history);
      writeLine(stdout, formatHistory(history, session.styles(global).styles));
    });
}

/** The history as a table: one row per stretch of containing versions. */
export function formatHistory(history: PhraseHistory, styles: Styles): string {
  const lines = [styles.dim(`Interpreted as: ${history.interpretedAs || '(nothing to search for)'}`)];
  const count = history.documents.length;
  if (count === 0) {
    lines.push(`No document contains it (searched in ${formatDuration(history.elapsedMs)}).`);
    return lines.join('\n');
  }
  lines.push(
    `${count} document${count === 1 ? '' : 's'} contained it at some point (searched in ${formatDuration(history.elapsedMs)}).`,
    '',
  );
  const rows: string[][] = [];
  for (const document of history.documents) {
    document.spans.forEach((span, index) => {
      const first = index === 0;
      rows.push([
        first ? document.vendorName : '',
        first ? document.documentTitle : '',
        first ? `${document.containingVersionCount}/${document.versionCount}` : '',
        span.before ? day(span.first) : `${day(span.first)} (first version)`,
        span.before ? diffIds(span.before, span.first) : '—',
        span.after ? day(span.after) : 'still present',
        span.after ? diffIds(span.last, span.after) : '—',
      ]);
    });
  }
  lines.push(
    formatTable(
      [
        { header: 'VENDOR', style: styles.bold },
        { header: 'DOCUMENT' },
        { header: 'VERSIONS', align: 'right' },
        { header: 'INTRODUCED' },
        { header: 'DIFF' },
        { header: 'DROPPED' },
        { header: 'DIFF' },
      ],
      rows,
      styles,
    ),
    '',
    styles.dim('VERSIONS: versions containing it / versions captured. Show a change with: policy-archive diff A B'),
  );
  return lines.join('\n');
}

function day(version: PhraseVersionRef): string {
  return version.capturedAt.slice(0, 10);
}

function diffIds(from: PhraseVersionRef, to: PhraseVersionRef): string {
  return `diff ${from.snapshotId} ${to.snapshotId}`;
}
