import type { PartialDate, TimelineVersion } from '../../shared/domain';
import type { DocumentCapture } from '../archive/versionChanges';

/** A version before its change against the previous one is known. */
export interface FoldedVersion {
  version: Omit<TimelineVersion, 'change'>;
  /** Stored text of the version's first capture: what its change is computed from. */
  textId: number;
}

/**
 * Fold a document's captures (in capture order) into versions: every capture
 * with the same words (`formattingHash`: identical text, or a change of
 * whitespace, structure or markup only) belongs to one version, numbered in
 * the order the versions were first seen.
 *
 * A text that comes back after another one stays a single version, whose
 * capture ids are then not contiguous and whose "seen from … to …" range
 * overlaps its neighbours'. Real histories do this: a service alternating
 * between two renderings of one policy (Claude.ai's dates written "January 12,
 * 2026" or "12 January 2026") would otherwise become dozens of versions
 * differing back and forth by one line.
 *
 * The effective date is the one stated by the version's first capture, or,
 * when that capture has none (its date was not recognised), the first one
 * stated by a later capture of the version: the words are the same, so a
 * stated date belongs to the whole version.
 */
export function foldVersions(captures: readonly DocumentCapture[]): FoldedVersion[] {
  const byWords = new Map<string, { captures: DocumentCapture[] }>();
  for (const capture of captures) {
    const key = capture.snapshot.formattingHash;
    const group = byWords.get(key);
    if (group) group.captures.push(capture);
    else byWords.set(key, { captures: [capture] });
  }
  // A Map iterates in insertion order: versions come out ordered by first capture.
  return [...byWords.values()].map(({ captures: run }, index) => {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    return {
      textId: first.textId,
      version: {
        number: index + 1,
        snapshot: first.snapshot,
        snapshotIds: run.map((capture) => capture.snapshot.id),
        firstSeen: first.snapshot.capturedAt,
        lastSeen: last.snapshot.capturedAt,
        effectiveDate: statedDate(run),
        // The user's tags and note on the version's first capture: documentTimeline fills them in.
        tags: [],
        hasNote: false,
      },
    };
  });
}

function statedDate(run: readonly DocumentCapture[]): PartialDate | null {
  for (const capture of run) if (capture.snapshot.effectiveDate) return capture.snapshot.effectiveDate;
  return null;
}
