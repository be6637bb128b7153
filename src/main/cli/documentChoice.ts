import type { ReferenceEvent } from '../../shared/domain';
import { REFERENCE_EVENTS } from '../../shared/referenceEvents';
import { CliError, ExitCode } from './exitCodes';

/*
 * Choosing a vendor's document and a reference event from command arguments,
 * the same way for `diff --across` and `export`.
 */

/** A reference event by id or label, any case; a usage error lists the known ones. */
export function findEvent(ref: string): ReferenceEvent {
  const wanted = ref.trim().toLowerCase();
  const event = REFERENCE_EVENTS.find(
    (candidate) => candidate.id === wanted || candidate.label.toLowerCase() === wanted,
  );
  if (!event) {
    const known = REFERENCE_EVENTS.map((candidate) => `${candidate.id} (${candidate.date})`).join(', ');
    throw new CliError(ExitCode.usage, `Unknown event "${ref}". Known events: ${known}.`);
  }
  return event;
}

/** The vendor's only document, or the one `--document` names (id, key or title, any case). */
export function pickDocument<D extends { id: number; key: string; title: string }>(
  documents: readonly D[],
  ref: string | undefined,
  vendorName: string,
): D {
  const list = (): string => documents.map((document) => `${document.id} "${document.title}"`).join(', ');
  if (ref === undefined) {
    if (documents.length === 1) return documents[0]!;
    if (documents.length === 0) throw new CliError(ExitCode.notFound, `${vendorName} has no documents.`);
    throw new CliError(ExitCode.usage, `${vendorName} has several documents; choose one with --document: ${list()}.`);
  }
  const wanted = ref.trim().toLowerCase();
  const document = documents.find(
    (candidate) =>
      String(candidate.id) === wanted ||
      candidate.key.toLowerCase() === wanted ||
      candidate.title.toLowerCase() === wanted,
  );
  if (!document) {
    throw new CliError(ExitCode.notFound, `Document "${ref}" of ${vendorName} not found. Its documents: ${list()}.`);
  }
  return document;
}
