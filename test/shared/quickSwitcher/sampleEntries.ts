import { join } from 'node:path';
import type { SwitcherEntry } from '../../../src/shared/searchDomain';
import { openArchive } from '../../../src/main/archive/database';
import { switcherEntries } from '../../../src/main/archive/switcherQueries';
import { runImport } from '../../../src/main/importers/pipeline';
import { samplesDir, tempDir } from '../../support/paths';

/** The switcher entries of a real archive of every sample (what the app offers on first launch). */
export async function sampleEntries(): Promise<SwitcherEntry[]> {
  const { dir, cleanup } = tempDir('pae-switcher-samples-');
  const db = openArchive(join(dir, 'archive.sqlite'));
  try {
    await runImport(db, [samplesDir]);
    return switcherEntries(db);
  } finally {
    db.close();
    cleanup();
  }
}

let nextId = 1;

/** A made-up entry: a vendor, a document of a vendor, or a heading of a document. */
export function entry(kind: SwitcherEntry['kind'], label: string, detail = ''): SwitcherEntry {
  const id = nextId++;
  return {
    id: `${kind[0]}:${id}`,
    kind,
    label,
    detail,
    vendorId: id,
    documentId: kind === 'vendor' ? null : id,
    snapshotId: kind === 'vendor' ? null : id,
    position: kind === 'heading' ? id : null,
  };
}
