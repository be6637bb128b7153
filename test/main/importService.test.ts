import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/shared/domain';
import { openArchive } from '../../src/main/archive/database';
import { listVendors } from '../../src/main/archive/queries';
import { createWorkerImportService, type ImportEvent } from '../../src/main/importService';
import { repoRoot, samplesDir, tempDir } from '../support/paths';

// The app imports in a worker thread running the built bundle, so this test uses
// the real build output (`npm test` builds before running the tests).
const workerScript = join(repoRoot, 'out', 'main', 'importWorker.js');

describe('worker import service', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  function finishedReport(events: ImportEvent[]): ImportReport {
    const finished = events.find((event) => event.name === 'import:finished');
    if (!finished) throw new Error('no import:finished event');
    return finished.payload as ImportReport;
  }

  it('imports in a worker while the main thread reads the same archive', async () => {
    expect(existsSync(workerScript), `${workerScript} is missing: run npm run build`).toBe(true);
    const dbPath = join(dir, 'archive.sqlite');
    const reader = openArchive(dbPath);
    const service = createWorkerImportService({ dbPath, workerScript });
    const events: ImportEvent[] = [];
    service.onEvent((event) => events.push(event));
    const { importId } = service.start({ paths: [join(samplesDir, 'princeton-history')] });
    await service.idle();
    const report = finishedReport(events);
    expect(report.importId).toBe(importId);
    expect(report.imported + report.duplicates).toBe(14);
    expect(events.filter((event) => event.name === 'import:progress').length).toBeGreaterThan(0);
    expect(listVendors(reader)).toHaveLength(5);
    reader.close();
  });

  it('cancels a running import in the worker and leaves the archive empty', async () => {
    const dbPath = join(dir, 'archive.sqlite');
    const service = createWorkerImportService({ dbPath, workerScript });
    const events: ImportEvent[] = [];
    let importId = '';
    service.onEvent((event) => {
      events.push(event);
      if (event.name === 'import:progress' && event.payload.filesDone >= 5) service.cancel(importId);
    });
    importId = service.start({ paths: [join(samplesDir, 'open-terms-archive')] }).importId;
    await service.idle();
    const report = finishedReport(events);
    expect(report.cancelled).toBe(true);
    const reader = openArchive(dbPath);
    expect(listVendors(reader)).toHaveLength(0);
    reader.close();
  });

  it('reports a failed import when the archive cannot be opened', async () => {
    const service = createWorkerImportService({ dbPath: join(dir, 'no', '\0bad'), workerScript });
    const events: ImportEvent[] = [];
    service.onEvent((event) => events.push(event));
    service.start({ paths: [join(samplesDir, 'princeton')] });
    await service.idle();
    const report = finishedReport(events);
    expect(report.failed).toBe(1);
    expect(report.files[0]?.reason).toMatch(/import failed/);
  });
});
