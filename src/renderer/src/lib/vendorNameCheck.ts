import type { VendorSummary } from '../../../shared/domain';

/** Longest vendor name the archive accepts (see `vendorNameSchema` in src/shared/contract.ts). */
export const MAX_VENDOR_NAME_LENGTH = 200;

/**
 * Why a new name cannot be saved, or null when it can: it must not be empty
 * or too long, must differ from the current name, and must not be another
 * vendor's name or key, ignoring case (imports and the command line find
 * vendors by either; two vendors of one name are one vendor: merge them instead).
 */
export function vendorNameProblem(
  name: string,
  vendor: Pick<VendorSummary, 'id' | 'displayName'>,
  vendors: ReadonlyArray<Pick<VendorSummary, 'id' | 'displayName' | 'key'>>,
): string | null {
  const wanted = name.trim();
  if (wanted.length === 0) return 'Type a name.';
  if (wanted.length > MAX_VENDOR_NAME_LENGTH) return `Names are at most ${MAX_VENDOR_NAME_LENGTH} characters.`;
  if (wanted === vendor.displayName) return 'That is its name already.';
  const lower = wanted.toLowerCase();
  const other = vendors.find(
    (candidate) =>
      candidate.id !== vendor.id &&
      (candidate.displayName.toLowerCase() === lower || candidate.key.toLowerCase() === lower),
  );
  if (other) return `Another vendor is called “${other.displayName}”. To make them one vendor, merge them instead.`;
  return null;
}
