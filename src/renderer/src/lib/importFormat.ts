/** How the import panel writes sizes, speeds and time left (decimal units, as file managers show sizes). */

const UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/** 532 bytes, 12.4 kB, 3.1 MB, 1.2 GB: one decimal below 100, none above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} bytes`;
  let value = bytes / 1000;
  let index = 0;
  // 999.5 kB would print as "1000 kB": move up a unit before rounding gets there.
  while (value >= 999.5 && index < UNITS.length - 1) {
    value /= 1000;
    index += 1;
  }
  return `${value < 99.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[index]}`;
}

/** "2.40 MB/s", "12.5 MB/s"; below 0.1 MB/s in kB/s ("35 kB/s") so a slow import does not read "0.00". */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '0 MB/s';
  if (bytesPerSecond < 100_000) return `${Math.max(1, Math.round(bytesPerSecond / 1000))} kB/s`;
  const mb = bytesPerSecond / 1_000_000;
  return `${mb >= 100 ? Math.round(mb) : mb >= 10 ? mb.toFixed(1) : mb.toFixed(2)} MB/s`;
}

/** "12 files/s", "3.4 files/s", "0.25 files/s". */
export function formatFilesPerSecond(filesPerSecond: number): string {
  const value =
    filesPerSecond >= 10
      ? String(Math.round(filesPerSecond))
      : filesPerSecond >= 1
        ? filesPerSecond.toFixed(1)
        : filesPerSecond.toFixed(2);
  return `${value} files/s`;
}

/**
 * Time left in words a person reads at a glance, rounded so it does not
 * flicker: "a few seconds left", "about 40 s left", "about 3 min left",
 * "about 1 h 20 min left".
 */
export function formatTimeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest > 0 ? ` ${rest} min` : ''} left`;
}

/** How long an import took, from its report's ISO times ("in 12 s", "in 3 min"); '' when unknown. */
export function formatTook(startedAt: string, finishedAt: string): string {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = ms / 1000;
  if (seconds < 1) return 'in under a second';
  if (seconds < 60) return `in ${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  return `in ${minutes} min${rest > 0 ? ` ${rest} s` : ''}`;
}
