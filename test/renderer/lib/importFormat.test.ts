import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesPerSecond,
  formatFilesPerSecond,
  formatTimeLeft,
  formatTook,
} from '../../../src/renderer/src/lib/importFormat';

describe('import panel numbers', () => {
  it('writes sizes in decimal units, moving up a unit instead of printing "1000 kB"', () => {
    expect(formatBytes(532)).toBe('532 bytes');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(12_400)).toBe('12.4 kB');
    expect(formatBytes(999_400)).toBe('999 kB');
    expect(formatBytes(999_600)).toBe('1.0 MB');
    expect(formatBytes(3_140_000_000)).toBe('3.1 GB');
  });

  it('writes speeds in MB/s (kB/s when slow) and files/s', () => {
    expect(formatBytesPerSecond(2_400_000)).toBe('2.40 MB/s');
    expect(formatBytesPerSecond(35_000_000)).toBe('35.0 MB/s');
    expect(formatBytesPerSecond(35_000)).toBe('35 kB/s');
    expect(formatBytesPerSecond(0)).toBe('0 MB/s');
    expect(formatFilesPerSecond(42.4)).toBe('42 files/s');
    expect(formatFilesPerSecond(3.44)).toBe('3.4 files/s');
    expect(formatFilesPerSecond(0.25)).toBe('0.25 files/s');
  });

  it('rounds the time left so it reads at a glance and does not flicker', () => {
    expect(formatTimeLeft(3)).toBe('a few seconds left');
    expect(formatTimeLeft(42)).toBe('about 40 s left');
    expect(formatTimeLeft(43)).toBe('about 45 s left');
    expect(formatTimeLeft(150)).toBe('about 3 min left');
    expect(formatTimeLeft(4800)).toBe('about 1 h 20 min left');
    expect(formatTimeLeft(7200)).toBe('about 2 h left');
    expect(formatTimeLeft(Number.NaN)).toBe('');
  });

  it("says how long the import took, from the report's times", () => {
    expect(formatTook('2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.400Z')).toBe('in under a second');
    expect(formatTook('2026-01-01T10:00:00Z', '2026-01-01T10:00:12Z')).toBe('in 12 s');
    expect(formatTook('2026-01-01T10:00:00Z', '2026-01-01T10:03:05Z')).toBe('in 3 min 5 s');
    expect(formatTook('garbage', '2026-01-01T10:00:00Z')).toBe('');
  });
});
