import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root (this file lives in test/support). */
export const repoRoot = resolve(__dirname, '..', '..');
/** The read-only sample snapshots beside the checkout (CI has shared/ there too). */
export const samplesDir = resolve(repoRoot, '..', 'shared', 'samples');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'pae-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
