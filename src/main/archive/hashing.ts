import { createHash } from 'node:crypto';
import type { Block } from '../../shared/domain';

/**
 * Content addresses used by the archive.
 *
 * A block's key is the first 16 bytes of SHA-256 over its kind, level and text:
 * there may be tens of millions of distinct blocks, the key is stored twice
 * (row and unique index), and 128 bits keep the chance of any collision far
 * below that of a disk error. A text's key is the full SHA-256 over its
 * ordered block keys, so equal block sequences give equal texts without
 * hashing the words again, and the hex form is what users see as contentHash.
 */
export const BLOCK_HASH_BYTES = 16;

/** Content address of one block (kind + level + text). */
export function blockHash(block: Block): Buffer {
  // NUL cannot occur in kind or level, and the text comes last, so the encoding is unambiguous.
  return createHash('sha256')
    .update(`${block.kind}\u0000${block.level}\u0000${block.text}`, 'utf8')
    .digest()
    .subarray(0, BLOCK_HASH_BYTES);
}

/** Content address of a text: SHA-256 over its blocks' addresses, in order. */
export function textHash(blockHashes: readonly Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const key of blockHashes) hash.update(key);
  return hash.digest();
}

/**
 * A text's address with formatting ignored: the words of all its blocks with
 * every whitespace removed and compatibility forms folded (NFKC), so two
 * captures that differ only in whitespace, line breaks, block structure or
 * markup (a heading that became bold text, a list that became paragraphs)
 * share it. Equal loose hashes with different text hashes mark a version that
 * changed only its formatting; the timeline folds it into its neighbour.
 */
export function looseTextHash(blockTexts: readonly string[]): Buffer {
  const hash = createHash('sha256');
  for (const text of blockTexts) hash.update(text.normalize('NFKC').replace(/\s+/gu, ''), 'utf8');
  return hash.digest().subarray(0, BLOCK_HASH_BYTES);
}

/** Hex SHA-256 of raw bytes (e.g. a source file, for resumable imports). */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Parse a hex SHA-256 as given by callers; throws a message naming the bad value. */
export function sha256FromHex(hex: string): Buffer {
  if (!HEX_SHA256.test(hex)) throw new Error(`Expected a hex SHA-256 (64 hex digits), got "${hex.slice(0, 80)}"`);
  return Buffer.from(hex, 'hex');
}
