import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openArchive } from '../../../../src/main/archive/database';
import { runImport } from '../../../../src/main/importers/pipeline';
import { samplesDir, tempDir } from '../../../support/paths';

/** Sample folders small enough for a fast import, with several vendors and versions. */
export const SAMPLE_PATHS = [join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')];

/**
 * One real archive with the Princeton samples imported, built once for the
 * describe block and closed (so it is one self-contained file); `copy(dir)`
 * gives each test its own copy to back up, restore or damage.
 */
export function usePristineArchive(): { copy: (dir: string, name?: string) => string } {
  let pristine = '';
  let cleanup: (() => void) | undefined;
  beforeAll(async () => {
    const temp = tempDir('pae-maint-');
    cleanup = temp.cleanup;
    pristine = join(temp.dir, 'pristine.sqlite');
    const db = openArchive(pristine);
    await runImport(db, SAMPLE_PATHS);
    db.pragma('journal_mode = DELETE');
    db.close();
  });
  afterAll(() => cleanup?.());
  return {
    copy: (dir, name = 'archive.sqlite') => {
      const file = join(dir, name);
      copyFileSync(pristine, file);
      return file;
    },
  };
}

/** Overwrite bytes of a closed database file (page numbers are 1-based, as in dbstat). */
export function writeGarbage(file: string, page: number, pageSize: number, length = pageSize): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
