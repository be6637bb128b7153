import type { SnapshotSummary, VendorSummary } from '../../shared/domain';
import { findVendor, getSnapshotSummary } from '../archive/queries';
import { CliError, ExitCode } from './exitCodes';
import { formatCapturedAt } from './formatDates';
import type { OpenedArchive } from './session';

/**
 * The vendor a command argument names (id, key, display name, or the key of a
 * vendor merged into it); an unknown one is "not found" (exit 3).
 */
export function resolveVendor(archive: OpenedArchive, ref: string): VendorSummary {
  const vendor = findVendor(archive.db, ref);
  if (!vendor) {
    throw new CliError(ExitCode.notFound, `Vendor "${ref}" not found. List the vendors with: policy-archive vendors`);
  }
  return vendor;
}

/** The snapshot with this id; an unknown one is "not found" (exit 3). */
export function resolveSnapshot(archive: OpenedArchive, snapshotId: number): SnapshotSummary {
  const snapshot = getSnapshotSummary(archive.db, snapshotId);
  if (!snapshot) {
    throw new CliError(
      ExitCode.notFound,
      `Snapshot #${snapshotId} not found. Snapshot ids are listed by: policy-archive timeline <vendor>`,
    );
  }
  return snapshot;
}

/** `#12 (Formlabs, Privacy Policy, captured 2018-08-13 14:21 UTC)`. */
export function describeSnapshot(snapshot: SnapshotSummary): string {
  const captured = formatCapturedAt(snapshot.capturedAt);
  return `#${snapshot.id} (${snapshot.vendorName}, ${snapshot.documentTitle}, captured ${captured} UTC)`;
}
