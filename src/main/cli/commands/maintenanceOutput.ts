import type { MaintenanceProgress } from '../../../shared/maintenanceDomain';
import type { CliIo } from '../terminal';

/**
 * Progress of a backup or restore on stderr: an updating percentage on a
 * terminal, nothing otherwise (logs and pipes get the final message only).
 * Returns the progress callback and a function that clears the line.
 */
export function pageProgress(
  io: CliIo,
  label: string,
): { update: (progress: MaintenanceProgress) => void; done: () => void } {
  let shown = false;
  return {
    update: ({ done, total }) => {
      if (!io.stderrIsTTY || total === 0) return;
      shown = true;
      io.stderr.write(`\r${label}: ${Math.floor((done / total) * 100)}%`);
    },
    done: () => {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/** A size for people: bytes, KB or MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
