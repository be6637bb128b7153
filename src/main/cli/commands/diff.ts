import { Option, type Command } from 'commander';
import type { AcrossEvent, DiffIgnoreOptions, DiffResult, TimelineVersion } from '../../../shared/domain';
import { REFERENCE_EVENTS } from '../../../shared/referenceEvents';
import { findVendor } from '../../archive/queries';
import { globalOptions, parseSnapshotId, type CommandEnv } from '../commandEnv';
import { findEvent, pickDocument } from '../documentChoice';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt } from '../formatDates';
import {
  formatDiffBlocks,
  formatDiffHtml,
  formatDiffSide,
  formatDiffStats,
  formatNoticeHtml,
  hasChanges,
} from '../formatDiff';
import type { CliSession, GlobalOptions } from '../session';
import { writeJson, writeLine } from '../terminal';

const FORMATS = ['text', 'json', 'html'] as const;
type DiffFormat = (typeof FORMATS)[number];

interface DiffCommandOptions {
  ignoreWhitespace?: boolean;
  ignoreCase?: boolean;
  ignorePunctuation?: boolean;
  ignoreFormatting?: boolean;
  onlyChanges?: boolean;
  format?: DiffFormat;
  json?: boolean;
  across?: string;
  vendor?: string;
  document?: string;
}

/**
 * `diff <a> <b>`: word-level differences between any two snapshots; and
 * `diff --across <event> --vendor <vendor>`: what changed across a reference
 * event (the last version before it against the first version after it).
 */
export function registerDiff(program: Command, { session }: CommandEnv): void {
  program
    .command('diff')
    .description(
      'compare two snapshots word by word (any two, not only neighbours), or, with --across, ' +
        'the versions either side of a reference event',
    )
    .argument('[snapshotA]', 'the older snapshot id', parseSnapshotId)
    .argument('[snapshotB]', 'the newer snapshot id', parseSnapshotId)
    .option('--ignore-whitespace', 'do not count changes of spacing')
    .option('--ignore-case', 'do not count changes of letter case')
    .option('--ignore-punctuation', 'do not count changes of punctuation and quote or dash styles')
    .option(
      '--ignore-formatting',
      'do not count Markdown/HTML formatting artefacts (emphasis, heading vs bold, list vs paragraph)',
    )
    .option('--only-changes', 'collapse unchanged paragraphs to "… n unchanged paragraphs …" (text and html)')
    // The whole text is the default now; `--all` (which asked for it before) is still accepted.
    .addOption(new Option('--all', 'show the whole text (the default)').hideHelp())
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option(
      '--across <event>',
      `what changed across a reference event: ${REFERENCE_EVENTS.map((event) => event.id).join(', ')} (with --vendor)`,
    )
    .option('--vendor <vendor>', 'with --across: the vendor (id, key or name)')
    .option('--document <document>', 'with --across: the document (id, key or title) when the vendor has several')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  policy-archive diff 12 15 --only-changes\n' +
        '  policy-archive diff 12 15 --ignore-case --ignore-punctuation --format html > diff.html\n' +
        '  policy-archive diff --across gdpr --vendor formlabs.com',
    )
    .action(async (idA: number | undefined, idB: number | undefined, options: DiffCommandOptions, command: Command) => {
      const global = globalOptions(command);
      const format = chooseFormat(options);
      const ignore = ignoreOptions(options);
      if (options.across !== undefined) {
        if (idA !== undefined || idB !== undefined) {
          throw new CliError(ExitCode.usage, 'Give either two snapshot ids or --across <event>, not both.');
        }
        return diffAcross(session, global, options, ignore, format);
      }
      if (options.vendor !== undefined || options.document !== undefined) {
        throw new CliError(ExitCode.usage, '--vendor and --document go with --across <event>.');
      }
      if (idA === undefined || idB === undefined) {
        throw new CliError(
          ExitCode.usage,
          'Give two snapshot ids (as listed by `timeline`), or --across <event> --vendor <vendor>.',
        );
      }
      const archive = session.openExisting(global.db);
      const result = await archive.call('diff:compare', idA, idB, ignore);
      printDiff(session, global, result, format, options, {});
    });
}

function chooseFormat(options: DiffCommandOptions): DiffFormat {
  if (options.json && options.format !== undefined && options.format !== 'text' && options.format !== 'json') {
    throw new CliError(ExitCode.usage, `--json contradicts --format ${options.format}.`);
  }
  return options.json ? 'json' : (options.format ?? 'text');
}

function ignoreOptions(options: DiffCommandOptions): DiffIgnoreOptions {
  return {
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    ignoreCase: options.ignoreCase ?? false,
    ignorePunctuation: options.ignorePunctuation ?? false,
    ignoreFormatting: options.ignoreFormatting ?? false,
  };
}

/** `diff --across <event> --vendor <vendor> [--document <document>]`. */
async function diffAcross(
  session: CliSession,
  global: GlobalOptions,
  options: DiffCommandOptions,
  ignore: DiffIgnoreOptions,
  format: DiffFormat,
): Promise<void> {
  const event = findEvent(options.across ?? '');
  if (!options.vendor) throw new CliError(ExitCode.usage, '--across needs --vendor <vendor>.');
  const archive = session.openExisting(global.db);
  const vendor = findVendor(archive.db, options.vendor);
  if (!vendor) {
    throw new CliError(
      ExitCode.notFound,
      `Vendor "${options.vendor}" not found. List the vendors with: policy-archive vendors`,
    );
  }
  const { documents } = await archive.call('vendors:timeline', vendor.id);
  const document = pickDocument(documents, options.document, vendor.displayName);
  const across = await archive.call('timeline:acrossEvent', document.id, event.id, ignore);
  const { stdout } = session.io;
  if (format === 'json') return writeJson(stdout, across);

  const where = `${vendor.displayName} · ${document.title}`;
  const title = `What changed across ${event.label} (${event.date}) — ${where}`;
  if (!across.diff) {
    const message = missingSide(across, where);
    if (format === 'html') {
      stdout.write(formatNoticeHtml(title, [message]));
      return;
    }
    writeLine(stdout, title);
    writeLine(stdout);
    writeLine(stdout, message);
    return;
  }
  const notes = [
    `${event.label}, ${event.date}: ${event.description}`,
    `Before: ${describeVersion(across.before!)}`,
    `After: ${describeVersion(across.after!)}`,
  ];
  printDiff(session, global, across.diff, format, options, { title, notes });
}

/** Why there is no diff across an event: no version on one side of it. */
function missingSide(across: AcrossEvent, where: string): string {
  const { event } = across;
  if (!across.before && !across.after) return `${where} has no captures.`;
  if (!across.before) {
    return (
      `No version of ${where} was captured before ${event.label} (${event.date}); ` +
      `the first one, v${across.after!.number}, was first seen ${day(across.after!.firstSeen)}.`
    );
  }
  return (
    `No new version of ${where} was captured on or after ${event.label} (${event.date}); ` +
    `the last one, v${across.before.number}, was first seen ${day(across.before.firstSeen)}` +
    ` and last seen ${day(across.before.lastSeen)}.`
  );
}

function describeVersion(version: TimelineVersion): string {
  const seen =
    day(version.firstSeen) === day(version.lastSeen)
      ? `seen ${day(version.firstSeen)}`
      : `seen ${day(version.firstSeen)} to ${day(version.lastSeen)}`;
  const effective = version.effectiveDate ? `, effective ${version.effectiveDate}` : '';
  return `v${version.number} (#${version.snapshot.id}), ${seen}${effective}`;
}

/** The UTC day of an ISO capture time. */
function day(iso: string): string {
  return formatCapturedAt(iso).slice(0, 10);
}

/** Print a diff in the chosen format, with an optional title and notes above it. */
function printDiff(
  session: CliSession,
  global: GlobalOptions,
  result: DiffResult,
  format: DiffFormat,
  options: DiffCommandOptions,
  context: { title?: string; notes?: string[] },
): void {
  const { stdout } = session.io;
  const onlyChanges = options.onlyChanges ?? false;
  if (format === 'json') return writeJson(stdout, result);
  if (format === 'html') {
    stdout.write(formatDiffHtml(result, { onlyChanges, ...context }));
    return;
  }

  const { styles, useColor } = session.styles(global);
  if (context.title) {
    writeLine(stdout, styles.bold(context.title));
    for (const note of context.notes ?? []) writeLine(stdout, styles.dim(note));
    writeLine(stdout);
  }
  writeLine(stdout, styles.red(formatDiffSide('---', result.a)));
  writeLine(stdout, styles.green(formatDiffSide('+++', result.b)));
  writeLine(stdout);
  if (!hasChanges(result.stats)) {
    writeLine(stdout, 'No differences.');
  } else {
    writeLine(stdout, formatDiffBlocks(result.blocks, styles, { onlyChanges, useColor }));
  }
  writeLine(stdout);
  writeLine(stdout, formatDiffStats(result.stats, styles));
}
