import type { BlockKind } from '../../shared/domain';

/**
 * Block kinds are stored as small integers: `blocks` is the archive's largest
 * table and a one-byte code is a fraction of the text name. The codes are part
 * of the file format: never renumber them, only append.
 */
const CODES: Record<BlockKind, number> = {
  heading: 1,
  paragraph: 2,
  'list-item': 3,
  'table-row': 4,
  preformatted: 5,
  quote: 6,
};

const KINDS = new Map<number, BlockKind>(Object.entries(CODES).map(([kind, code]) => [code, kind as BlockKind]));

/** The code of `heading`, which the schema's generated `heading` column tests for. */
export const HEADING_CODE = CODES.heading;

/** Stored code of a block kind; throws for a kind this version does not know. */
export function kindCode(kind: BlockKind): number {
  const code = CODES[kind];
  if (code === undefined) throw new Error(`Unknown block kind "${String(kind)}"`);
  return code;
}

/** Block kind of a stored code; throws if the archive holds a code this version does not know. */
export function kindOfCode(code: number): BlockKind {
  const kind = KINDS.get(code);
  if (kind === undefined) throw new Error(`The archive holds a block of unknown kind code ${code}`);
  return kind;
}
