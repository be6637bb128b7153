import { describe, expect, it } from 'vitest';
import {
  backupSummary,
  canRepair,
  checkHeadline,
  progressLabel,
  progressPercent,
  restoreSummary,
} from '../../../../src/renderer/src/lib/maintenance/maintenanceText';
import type { ArchiveCheck, ArchiveCheckReport } from '../../../../src/shared/maintenanceDomain';

function check(id: ArchiveCheck['id'], ok: boolean, extra: Partial<ArchiveCheck> = {}): ArchiveCheck {
  return {
    id,
    name: id,
    ok,
    detail: ok ? 'ok' : 'broken',
    repaired: false,
    repairable: id === 'full-text-index',
    ...extra,
  };
}
function report(checks: ArchiveCheck[]): ArchiveCheckReport {
  return {
    archivePath: '/a.sqlite',
    checkedAt: '2026-01-01T00:00:00Z',
    ok: checks.every((c) => c.ok),
    checks,
    advice: null,
  };
}

describe('maintenance dialog text', () => {
  it('shows progress as whole percent, 0 while the total is unknown, never above 100', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ operation: 'backup', done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ operation: 'backup', done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ operation: 'restore', done: 5, total: 4 })).toBe(100);
  });

  it('names the step a restore is at, with a percentage where it copies pages', () => {
    expect(progressLabel({ operation: 'backup', done: 1, total: 4 })).toBe('Copying… 25%');
    expect(progressLabel({ operation: 'restore', step: 'reading-backup', done: 1, total: 2 })).toBe(
      'Reading the backup… 50%',
    );
    expect(progressLabel({ operation: 'restore', step: 'checking-backup', done: 0, total: 0 })).toBe(
      'Checking the backup…',
    );
    expect(progressLabel({ operation: 'restore', step: 'keeping-current', done: 3, total: 4 })).toBe(
      'Keeping a copy of the current archive… 75%',
    );
    expect(progressLabel({ operation: 'restore', step: 'writing', done: 4, total: 4 })).toBe('Restoring… 100%');
  });

  it('says where a backup went and how big it is', () => {
    expect(backupSummary({ path: '/b/x.sqlite', bytes: 3 * 1024 * 1024, schemaVersion: 7, snapshots: 1 })).toBe(
      'Backed up 1 snapshot (3.0 MB) to /b/x.sqlite.',
    );
  });

  it('says where the previous archive was kept after a restore, and what was rebuilt', () => {
    const lines = restoreSummary({
      archivePath: '/a.sqlite',
      restoredFrom: '/b/x.sqlite',
      previousKeptAt: '/a.before-restore-2026-01-01T00-00-00Z.sqlite',
      backupSchemaVersion: 6,
      snapshots: 12,
      rebuilt: ['Search index'],
    });
    expect(lines).toEqual([
      'Restored 12 snapshots from /b/x.sqlite.',
      'The archive as it was before is kept at /a.before-restore-2026-01-01T00-00-00Z.sqlite.',
      'Rebuilt while restoring: Search index.',
    ]);
  });

  it('offers Repair only for rebuildable problems in a sound file', () => {
    const sound = report([check('integrity', true), check('full-text-index', true)]);
    expect(checkHeadline(sound)).toMatch(/sound/);
    expect(canRepair(sound)).toBe(false);
    const index = report([check('integrity', true), check('full-text-index', false)]);
    expect(checkHeadline(index)).toBe('1 check found problems.');
    expect(canRepair(index)).toBe(true);
    const damaged = report([check('integrity', false), check('full-text-index', false)]);
    expect(canRepair(damaged)).toBe(false);
    const links = report([check('integrity', true), check('snapshot-links', false)]);
    expect(canRepair(links)).toBe(false);
    const repaired = report([check('integrity', true), check('full-text-index', true, { repaired: true })]);
    expect(checkHeadline(repaired)).toMatch(/^Repaired/);
  });
});
