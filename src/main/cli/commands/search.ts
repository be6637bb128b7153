import { InvalidArgumentError, type Command } from 'commander';
import type { SearchHit, SearchResult } from '../../../shared/domain';
import type { SearchFilters, SearchVersionHit } from '../../../shared/searchDomain';
import { captureBounds, FilterDateError } from '../../search/filterDates';
import { isPlainQuery } from '../../search/queryParser';
import { globalOptions, positiveInt, type CommandEnv } from '../commandEnv';
import { formatCapturedAt, formatDuration } from '../formatDates';
import { formatHeadingPath, renderHighlights } from '../formatText';
import { addScopeOptions, scopeFilters, type ScopeOptions } from '../scopeOptions';
import type { OpenedArchive } from '../session';
import { writeJson, writeLine, type Styles } from '../terminal';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const MAX_OFFSET = 1_000_000;

interface SearchOptions extends ScopeOptions {
  latest?: boolean;
  inForce?: string;
  versions?: boolean;
  limit: number;
  offset: number;
  json?: boolean;
}

/** A hit with every matching version of its document (`--versions`). */
type HitWithVersions = SearchHit & { versions?: SearchVersionHit[] };

/** `search <query…>`: ranked documents with the best-matching passage of each. */
export function registerSearch(program: Command, { session }: CommandEnv): void {
  addScopeOptions(
    program
      .command('search')
      .description('search all policies; words, "exact phrases", OR, -exclusions, prefix*, NEAR(a b)')
      .argument('<query...>', 'what to look for (several words are all required, in one paragraph)'),
  )
    .option('--latest', "only each document's newest version")
    .option('--in-force <date>', 'only the version of each document in force on that date', inForceDate)
    .option('--versions', 'list every matching version of each document found')
    .option('--limit <n>', `at most this many documents (1–${MAX_LIMIT})`, positiveInt(MAX_LIMIT), DEFAULT_LIMIT)
    .option('--offset <n>', 'skip this many documents (the next page)', offset, 0)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  policy-archive search data retention',
        `  policy-archive search '"data retention"' --vendor formlabs.com   (quotes inside quotes: a phrase)`,
        `  policy-archive search '"sell your personal information"' --latest --type privacy-policy`,
        '  policy-archive search biometric --in-force 2019-06-30 --versions',
        '  policy-archive search cookies --limit 20 --offset 20              (the second page)',
        '  policy-archive search --limit 5 -- cookies -analytics          (after --, -word excludes a word)',
      ].join('\n'),
    )
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const filters: SearchFilters = {
        ...scopeFilters(archive, options),
        ...(options.latest ? { latestOnly: true } : {}),
        ...(options.inForce !== undefined ? { inForceOn: options.inForce } : {}),
      };
      const query = words.join(' ');
      const result = await archive.call('search:query', {
        query,
        limit: options.limit,
        offset: options.offset,
        ...(Object.keys(filters).length > 0 ? { filters } : {}),
      });
      const hits: HitWithVersions[] = options.versions
        ? await withVersions(archive, query, filters, result.hits)
        : result.hits;
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, { ...result, hits });

      const { styles, useColor } = session.styles(global);
      for (const line of queryReading(query, result)) writeLine(stdout, styles.dim(line));
      const filterLine = describeFilters(options);
      if (filterLine) writeLine(stdout, styles.dim(filterLine));
      writeLine(stdout, countLine(result));
      hits.forEach((hit, index) => {
        writeLine(stdout);
        writeLine(
          stdout,
          `${result.offset + index + 1}. ${styles.bold(hit.vendorName)} — ${hit.documentTitle}  ` +
            styles.dim(
              `snapshot #${hit.snapshot.id}, captured ${formatCapturedAt(hit.snapshot.capturedAt)}; ` +
                `matches in ${plural(hit.matchingSnapshotCount, 'snapshot')}`,
            ),
        );
        const section = formatHeadingPath(hit.headingPath);
        if (section) writeLine(stdout, `   ${styles.dim(`§ ${section}`)}`);
        writeLine(stdout, `   ${renderHighlights(hit.snippet, styles, useColor)}`);
        if (hit.versions) writeVersions(stdout, hit.versions, styles, useColor);
      });
      const next = result.offset + result.hits.length;
      if (result.hits.length === options.limit && (next < result.totalDocuments || !result.totalExact)) {
        writeLine(stdout);
        writeLine(stdout, styles.dim(`More: add --offset ${next}`));
      }
    });
}

/** Each hit with its document's matching versions (one `search:versions` call per hit). */
async function withVersions(
  archive: OpenedArchive,
  query: string,
  filters: SearchFilters,
  hits: readonly SearchHit[],
): Promise<HitWithVersions[]> {
  const expanded: HitWithVersions[] = [];
  for (const hit of hits) {
    const { versions } = await archive.call('search:versions', {
      query,
      documentId: hit.documentId,
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    });
    expanded.push({ ...hit, versions });
  }
  return expanded;
}

function writeVersions(
  stdout: Parameters<typeof writeLine>[0],
  versions: readonly SearchVersionHit[],
  styles: Styles,
  useColor: boolean,
): void {
  writeLine(stdout, `   ${styles.dim(`${plural(versions.length, 'matching version')}, newest first:`)}`);
  for (const version of versions) {
    const first = formatCapturedAt(version.snapshot.capturedAt);
    const last = formatCapturedAt(version.lastCapturedAt);
    const span = first === last ? first : `${first} – ${last}`;
    writeLine(
      stdout,
      `   - #${version.snapshot.id}  ${span}  ${styles.dim(`(${plural(version.captureCount, 'capture')})`)}`,
    );
    writeLine(stdout, `     ${renderHighlights(version.snippet, styles, useColor)}`);
  }
}

/**
 * How the query was read, when that is not simply the words typed: the FTS5
 * expression and the explanation lines (what was ignored, phrases, OR…).
 */
export function queryReading(query: string, result: SearchResult): string[] {
  if (isPlainQuery(query) && result.interpretedAs) return [];
  return [
    `Read as: ${result.interpretedAs || '(nothing to search for)'}`,
    ...result.explanation.map((line) => `  ${line}`),
  ];
}

function describeFilters(options: SearchOptions): string {
  const parts: string[] = [];
  if (options.vendor.length > 0) parts.push(`vendor ${options.vendor.join(', ')}`);
  if (options.type.length > 0) parts.push(`type ${options.type.join(', ')}`);
  if (options.from !== undefined || options.to !== undefined) {
    parts.push(`captured ${options.from ?? '…'} to ${options.to ?? '…'}`);
  }
  if (options.latest) parts.push('latest version only');
  if (options.inForce !== undefined) parts.push(`in force on ${options.inForce}`);
  return parts.length > 0 ? `Filters: ${parts.join('; ')}` : '';
}

function countLine(result: SearchResult): string {
  const total = `${result.totalExact ? '' : 'at least '}${plural(result.totalDocuments, 'document')} found`;
  const shown =
    result.hits.length === 0
      ? ''
      : result.offset > 0 || result.hits.length < result.totalDocuments
        ? ` (showing ${result.offset + 1}–${result.offset + result.hits.length})`
        : '';
  return `${total}${shown} in ${formatDuration(result.elapsedMs)}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `--in-force`: a date that exists (2018, 2018-05, 2018-05-25 or a full time), else a usage error. */
function inForceDate(value: string): string {
  try {
    captureBounds('--in-force', value);
  } catch (error) {
    if (error instanceof FilterDateError) throw new InvalidArgumentError(error.message);
    throw error;
  }
  return value;
}

function offset(value: string): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number > MAX_OFFSET) {
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_OFFSET}.`);
  }
  return number;
}
