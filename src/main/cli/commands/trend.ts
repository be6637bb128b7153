import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Trend, TrendBucket } from '../../../shared/searchDomain';
import { trendToCsv } from '../../../shared/trendCsv';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatDuration } from '../formatDates';
import { addScopeOptions, scopeFilters, type ScopeOptions } from '../scopeOptions';
import { formatTable } from '../table';
import { writeLine, type Styles } from '../terminal';

interface TrendOptions extends ScopeOptions {
  by: TrendBucket;
  csv?: boolean;
  json?: boolean;
  output?: string;
}

/** Cells of the share bar in the table. */
const BAR_WIDTH = 20;

/** `trend [query…]`: per year or half-year, the share of vendors whose policy in force says it. */
export function registerTrend(program: Command, { session }: CommandEnv): void {
  addScopeOptions(
    program
      .command('trend')
      .description(
        'per year (or half-year): how many vendors’ policies in force contain the query, ' +
          'and the median length and readability of the policies',
      )
      .argument('[query...]', 'what to look for, as in `search`; leave out for length and readability only')
      .addOption(
        new Option('--by <period>', 'one row per year or per half-year').choices(['year', 'half-year']).default('year'),
      ),
  )
    .option('--csv', 'print CSV (RFC 4180, CRLF line ends) instead of a table')
    .option('--json', 'print the trend as JSON')
    .option('-o, --output <file>', 'write to this file instead of stdout (CSV for *.csv, JSON for *.json)')
    .addHelpText(
      'after',
      [
        '',
        'A vendor counts in a period when one of its documents was captured on or before the',
        'period’s end and again on or after its start; its newest capture by the end is the',
        'version in force (see src/main/search/trend.ts). Readability: Flesch reading ease,',
        'English formula (higher is easier).',
        '',
        'Examples:',
        `  policy-archive trend '"legitimate interest"' --by year`,
        `  policy-archive trend '"sell your personal information"' --by half-year --csv > sell.csv`,
        `  policy-archive trend --type privacy-policy -o lengths.csv`,
      ].join('\n'),
    )
    .action(async (words: string[], options: TrendOptions, command: Command) => {
      if (options.csv && options.json) throw new CliError(ExitCode.usage, 'Choose one of --csv and --json.');
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const trend = await archive.call('search:trend', {
        query: words.join(' '),
        by: options.by,
        filters: scopeFilters(archive, options),
      });

      const format = outputFormat(options);
      if (options.output === undefined) {
        const { styles } = session.styles(global);
        session.io.stdout.write(render(trend, format, styles));
        return;
      }
      // A file never gets colours.
      const { styles } = session.styles({ ...global, color: false });
      try {
        writeFileSync(options.output, render(trend, format, styles));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(ExitCode.archive, `Cannot write ${options.output}: ${reason}`);
      }
      writeLine(
        session.io.stderr,
        `Wrote ${trend.periods.length} period${trend.periods.length === 1 ? '' : 's'} (${format}) to ${options.output}`,
      );
    });
}

type OutputFormat = 'table' | 'csv' | 'json';

function outputFormat(options: TrendOptions): OutputFormat {
  if (options.csv) return 'csv';
  if (options.json) return 'json';
  const file = options.output?.toLowerCase() ?? '';
  if (file.endsWith('.csv')) return 'csv';
  if (file.endsWith('.json')) return 'json';
  return 'table';
}

function render(trend: Trend, format: OutputFormat, styles: Styles): string {
  if (format === 'csv') return trendToCsv(trend);
  if (format === 'json') return `${JSON.stringify(trend, null, 2)}\n`;
  return `${formatTrend(trend, styles)}\n`;
}

/** The trend as a table: one row per period, with a bar for the share. */
export function formatTrend(trend: Trend, styles: Styles): string {
  const hasQuery = trend.interpretedAs !== '';
  const lines = [
    hasQuery
      ? styles.dim(`Interpreted as: ${trend.interpretedAs}`)
      : styles.dim('No query: policy length and readability only.'),
  ];
  if (trend.periods.length === 0) {
    lines.push('No captures in the archive match the filters.');
    return lines.join('\n');
  }
  const rows = trend.periods.map((period) => [
    period.label,
    String(period.vendorsWithPolicy),
    ...(hasQuery
      ? [
          period.vendorsMatching === null ? '—' : String(period.vendorsMatching),
          period.share === null ? '—' : `${(period.share * 100).toFixed(1)}%`,
          shareBar(period.share),
        ]
      : []),
    period.medianWords === null ? '—' : String(Math.round(period.medianWords)),
    period.medianReadability === null ? '—' : period.medianReadability.toFixed(1),
  ]);
  lines.push(
    formatTable(
      [
        { header: trend.by === 'year' ? 'YEAR' : 'HALF-YEAR' },
        { header: 'VENDORS', align: 'right' },
        ...(hasQuery
          ? [
              { header: 'MATCHING', align: 'right' as const },
              { header: 'SHARE', align: 'right' as const },
              { header: '', style: styles.cyan },
            ]
          : []),
        { header: 'MEDIAN WORDS', align: 'right' },
        { header: 'READABILITY', align: 'right' },
      ],
      rows,
      styles,
    ),
    '',
    styles.dim(
      'VENDORS: with a policy in force; READABILITY: median Flesch reading ease (higher is easier). ' +
        `Computed in ${formatDuration(trend.elapsedMs)}.`,
    ),
  );
  return lines.join('\n');
}

function shareBar(share: number | null): string {
  if (share === null) return '';
  const cells = Math.round(share * BAR_WIDTH);
  return '█'.repeat(cells) + '·'.repeat(BAR_WIDTH - cells);
}
