/**
 * What the maintenance handlers (backup, restore, check in handlers.ts) need
 * besides the core: knowing whether an import is running, and the name a
 * backup is offered under. Plain Node.
 */
import type { ImportService } from './importService';

/** An operation refused because another one is running; the message says which and what to do. */
export class MaintenanceBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaintenanceBusyError';
  }
}

/**
 * Whether an import is queued or running. The service's `idle()` promise is
 * already settled when nothing is: its callback then runs before the next
 * macrotask.
 */
export async function importRunning(imports: ImportService): Promise<boolean> {
  let idle = false;
  void imports.idle().then(() => {
    idle = true;
  });
  await new Promise<void>((resolve) => setImmediate(resolve));
  return !idle;
}

/** The file name a backup is offered under: `policy-archive-backup-<local date>.sqlite`. */
export function defaultBackupName(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `policy-archive-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.sqlite`;
}
