/**
 * The packed form of a text's block ids (schema v7, `text_block_lists`):
 * Int32 little-endian, in position order. Part of the file format.
 */

/** Block ids → the stored BLOB. */
export function packBlockIds(blockIds: readonly number[]): Buffer {
  const buffer = Buffer.allocUnsafe(blockIds.length * 4);
  blockIds.forEach((id, index) => buffer.writeInt32LE(id, index * 4));
  return buffer;
}

/** The stored BLOB → block ids. Throws on a BLOB whose length is not a multiple of 4. */
export function unpackBlockIds(blob: Uint8Array): Int32Array {
  if (blob.byteLength % 4 !== 0)
    throw new Error(`A packed block list of ${blob.byteLength} bytes is not whole Int32s.`);
  const ids = new Int32Array(blob.byteLength / 4);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let index = 0; index < ids.length; index++) ids[index] = view.getInt32(index * 4, true);
  return ids;
}
