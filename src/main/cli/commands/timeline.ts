import type { Command } from 'commander';
import type {
  DocumentTimeline,
  ReferenceEvent,
  SnapshotSummary,
  TimelineVersion,
  VendorSummary,
} from '../../../shared/domain';
import { findVendor } from '../../archive/queries';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt, formatPartialDate } from '../formatDates';
import { formatRatio, listSections } from '../formatDiff';
import type { OpenedArchive } from '../session';
import { formatTable } from '../table';
import { writeJson, writeLine, type Styles } from '../terminal';

/** How a capture's text compares with the capture before it. */
export type TextChange = 'first' | 'changed' | 'formatting' | 'same';

/** A snapshot in a timeline, with how its text differs from the capture before it. */
export type TimelineEntry = SnapshotSummary & {
  /** 'formatting': only whitespace, structure or markup changed (an unchanged version for folding). */
  textChange: TextChange;
};

/** What `timeline <vendor> --json` prints: each document's folded versions, and the reference events. */
export interface VendorVersionsJson {
  vendor: VendorSummary;
  documents: DocumentTimeline[];
  events: ReferenceEvent[];
}

/** How many sections a version's line names before summing up the rest. */
const SECTIONS_LISTED = 3;
/** Longest section name on a version's line. */
const SECTION_NAME_LENGTH = 40;
/** Cells of the magnitude bar. */
const BAR_WIDTH = 10;

/** `timeline <vendor>`: a vendor's documents as versions over time, with how much each changed. */
export function registerTimeline(program: Command, { session }: CommandEnv): void {
  program
    .command('timeline')
    .description(
      'show the versions of one vendor’s documents over time: when each was seen, how much it changed, ' +
        'and the reference events (GDPR, CCPA, CPRA) between them',
    )
    .argument('<vendor>', 'vendor id, key (e.g. formlabs.com) or name, as listed by `vendors`')
    .option('--all-captures', 'list every capture instead of folding identical ones into versions')
    .option('--json', 'print the timeline as JSON')
    .action(async (ref: string, options: { json?: boolean; allCaptures?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const vendor = findVendor(archive.db, ref);
      if (!vendor) {
        throw new CliError(
          ExitCode.notFound,
          `Vendor "${ref}" not found. List the vendors with: policy-archive vendors`,
        );
      }
      const { styles } = session.styles(global);
      const { stdout } = session.io;
      if (options.allCaptures) {
        const captures = await allCaptures(archive, vendor.id);
        if (options.json) return writeJson(stdout, captures);
        writeLine(stdout, formatAllCaptures(captures, styles));
        return;
      }

      const { vendor: summary, documents } = await archive.call('vendors:timeline', vendor.id);
      const timelines: DocumentTimeline[] = [];
      for (const document of documents) timelines.push(await archive.call('timeline:document', document.id));
      const events = await archive.call('timeline:events');
      if (options.json)
        return writeJson(stdout, { vendor: summary, documents: timelines, events } satisfies VendorVersionsJson);
      writeLine(stdout, formatVersions(summary, timelines, events, styles));
    });
}

/* ---- folded versions (the default) ---- */

function formatVersions(
  vendor: VendorSummary,
  timelines: readonly DocumentTimeline[],
  events: readonly ReferenceEvent[],
  styles: Styles,
): string {
  const versionCount = timelines.reduce((sum, timeline) => sum + timeline.versions.length, 0);
  const lines = [
    `${styles.bold(vendor.displayName)} (${vendor.key}) — ${plural(vendor.snapshotCount, 'capture')}, ` +
      `${plural(versionCount, 'version')}`,
  ];
  for (const timeline of timelines) {
    lines.push('', formatDocument(vendor, timeline, events, styles));
  }
  return lines.join('\n');
}

function formatDocument(
  vendor: VendorSummary,
  { document, versions }: DocumentTimeline,
  events: readonly ReferenceEvent[],
  styles: Styles,
): string {
  const heading =
    `${styles.bold(document.title)} ` +
    styles.dim(`(${plural(document.snapshotCount, 'capture')}, ${plural(versions.length, 'version')})`);
  if (versions.length === 0) return `${heading}\n${styles.dim('No captures.')}`;

  const rows = versions.map((version) => [
    `v${version.number}`,
    `#${version.snapshot.id}`,
    seenRange(version),
    String(version.snapshotIds.length),
    formatPartialDate(version.effectiveDate),
    version.change
      ? `+${version.change.wordsAdded} −${version.change.wordsRemoved} ~${version.change.wordsMoved}`
      : 'first version',
    version.change ? `${magnitudeBar(version.change.changeRatio)} ${formatRatio(version.change.changeRatio)}` : '',
  ]);
  const table = formatTable(
    [
      { header: 'VERSION' },
      { header: 'SNAPSHOT', align: 'right' },
      { header: 'SEEN (UTC)' },
      { header: 'CAPTURES', align: 'right' },
      { header: 'EFFECTIVE' },
      { header: 'WORDS +ADDED −REMOVED ~MOVED', style: (text) => (text.startsWith('first') ? styles.dim(text) : text) },
      { header: 'CHANGE', style: styles.yellow },
    ],
    rows,
    styles,
  ).split('\n');

  const placed = placeEvents(versions, events);
  const alternations = alternatingVersions(versions);
  const lines = [heading, table[0]!];
  versions.forEach((version, index) => {
    lines.push(table[index + 1]!);
    const indent = ' '.repeat(4);
    if (version.change && version.change.sectionsTouched.length > 0) {
      lines.push(
        styles.dim(`${indent}§ ${listSections(sectionNames(version.change.sectionsTouched), SECTIONS_LISTED)}`),
      );
    }
    const others = alternations.get(index);
    if (others && others.length > 0) {
      lines.push(
        styles.dim(`${indent}↺ captures alternate with ${others.map((other) => `v${other.number}`).join(', ')}`),
      );
    }
    for (const event of placed.get(index) ?? []) {
      const next = versions[index + 1];
      const hint = next
        ? ` · what changed: policy-archive diff --across ${event.id} --vendor ${shellWord(vendor.key)}` +
          (vendor.documentCount > 1 ? ` --document ${document.id}` : '')
        : ' · no new version captured after it';
      lines.push(styles.magenta(`── ${event.label} ${event.date} — ${event.description}`) + styles.dim(hint));
    }
  });
  return lines.join('\n');
}

function seenRange(version: TimelineVersion): string {
  const first = day(version.firstSeen);
  const last = day(version.lastSeen);
  return first === last ? first : `${first} → ${last}`;
}

/**
 * A bar for a change ratio on a square-root scale, so a one-sentence edit
 * still shows while a rewrite fills it: 1% → 1 cell, 25% → 5, 100% → 10.
 */
export function magnitudeBar(ratio: number, width = BAR_WIDTH): string {
  const clamped = Math.min(1, Math.max(0, ratio));
  const filled = clamped === 0 ? 0 : Math.min(width, Math.max(1, Math.round(Math.sqrt(clamped) * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * Events drawn after the version they follow: an event goes after the last
 * version first seen before its date when a later version follows it, or
 * when the document was still captured on or after the date (the version
 * lived through it unchanged). Events before the first capture or after the
 * last one are left out: nothing was observed around them.
 */
export function placeEvents(
  versions: readonly TimelineVersion[],
  events: readonly ReferenceEvent[],
): Map<number, ReferenceEvent[]> {
  const placed = new Map<number, ReferenceEvent[]>();
  const lastCapture = versions.reduce((latest, version) => (version.lastSeen > latest ? version.lastSeen : latest), '');
  for (const event of [...events].sort((x, y) => x.date.localeCompare(y.date))) {
    const firstAfter = versions.findIndex((version) => day(version.firstSeen) >= event.date);
    const before = firstAfter === -1 ? versions.length - 1 : firstAfter - 1;
    if (before < 0) continue;
    if (firstAfter === -1 && day(lastCapture) < event.date) continue;
    placed.set(before, [...(placed.get(before) ?? []), event]);
  }
  return placed;
}

/**
 * Versions whose captures interleave (seen ranges overlap): the service
 * alternated between them, or went back to an earlier text.
 */
function alternatingVersions(versions: readonly TimelineVersion[]): Map<number, TimelineVersion[]> {
  const result = new Map<number, TimelineVersion[]>();
  versions.forEach((version, index) => {
    const others = versions.filter(
      (other, otherIndex) =>
        otherIndex !== index && other.firstSeen < version.lastSeen && version.firstSeen < other.lastSeen,
    );
    if (others.length > 0) result.set(index, others);
  });
  return result;
}

/**
 * Short names of the sections touched, for one line: the innermost heading of
 * each path (the outer ones, often just the policy's title, repeat on every
 * path), each once, cut to a readable length. `--json` keeps the full paths.
 */
function sectionNames(paths: readonly string[]): string[] {
  const names = paths.map((path) => {
    const leaf = path.split(' › ').at(-1) ?? '';
    return leaf.length > SECTION_NAME_LENGTH ? `${leaf.slice(0, SECTION_NAME_LENGTH - 1).trimEnd()}…` : leaf;
  });
  return [...new Set(names)];
}

/** The UTC day of an ISO capture time. */
function day(iso: string): string {
  return formatCapturedAt(iso).slice(0, 10);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A vendor key as a shell word (quoted when it holds anything but safe characters). */
function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/* ---- every capture (--all-captures) ---- */

interface AllCapturesJson {
  vendor: VendorSummary;
  documents: Array<{ id: number; title: string; snapshots: TimelineEntry[] }>;
}

async function allCaptures(archive: OpenedArchive, vendorId: number): Promise<AllCapturesJson> {
  const timeline = await archive.call('vendors:timeline', vendorId);
  return {
    vendor: timeline.vendor,
    documents: timeline.documents.map(({ snapshots, ...document }) => ({
      ...document,
      snapshots: markChanges(snapshots),
    })),
  };
}

function formatAllCaptures({ vendor, documents }: AllCapturesJson, styles: Styles): string {
  const lines = [
    `${styles.bold(vendor.displayName)} (${vendor.key}) — ` +
      `${vendor.snapshotCount} snapshots, ${vendor.versionCount} versions`,
  ];
  for (const document of documents) {
    lines.push('', `${styles.bold(document.title)} ${styles.dim(`(${document.snapshots.length} snapshots)`)}`);
    const rows = document.snapshots.map((snapshot) => [
      `#${snapshot.id}`,
      formatCapturedAt(snapshot.capturedAt),
      formatPartialDate(snapshot.effectiveDate),
      snapshot.sourceFormat,
      String(snapshot.wordCount),
      snapshot.textChange === 'changed' ? '* changed' : snapshot.textChange,
      snapshot.inferred.length > 0 ? snapshot.inferred.join(', ') : '',
    ]);
    lines.push(
      formatTable(
        [
          { header: 'SNAPSHOT', align: 'right' },
          { header: 'CAPTURED (UTC)' },
          { header: 'EFFECTIVE' },
          { header: 'FORMAT' },
          { header: 'WORDS', align: 'right' },
          { header: 'TEXT', style: (text) => (text.startsWith('*') ? styles.yellow(text) : styles.dim(text)) },
          { header: 'INFERRED', style: styles.dim },
        ],
        rows,
        styles,
      ),
    );
  }
  return lines.join('\n');
}

/** Sort by capture time and compare each text with the one captured before it. */
function markChanges(snapshots: SnapshotSummary[]): TimelineEntry[] {
  const sorted = [...snapshots].sort((x, y) => x.capturedAt.localeCompare(y.capturedAt) || x.id - y.id);
  return sorted.map((snapshot, index) => ({ ...snapshot, textChange: textChange(snapshot, sorted[index - 1]) }));
}

function textChange(snapshot: SnapshotSummary, previous: SnapshotSummary | undefined): TextChange {
  if (!previous) return 'first';
  if (snapshot.contentHash === previous.contentHash) return 'same';
  return snapshot.formattingHash === previous.formattingHash ? 'formatting' : 'changed';
}
