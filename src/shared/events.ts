/**
 * Events pushed from main to the renderer: name → payload. Kept apart from the
 * channel schemas so the sandboxed preload can import the names without zod.
 */
import type { ImportProgress, ImportReport } from './domain';
import type { MaintenanceProgress } from './maintenanceDomain';

/** The app's own colour theme choice: follow the operating system, or always light / dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/**
 * A command from the application menu (the window carries it out, as it does
 * for the same keyboard shortcut typed in the page). Menu accelerators take
 * their keys before the page sees them, so the menu sends these instead.
 */
export type AppCommand =
  /** Edit › Find… (Ctrl/Cmd+F): focus the search box. */
  | { command: 'find' }
  /** Go › Go to… (Ctrl/Cmd+K): the quick switcher. */
  | { command: 'go-to' }
  /** Go › Trends (Ctrl/Cmd+T): open or close the trends page. */
  | { command: 'trends' }
  /** Go › Next / Previous Change (F7 / Shift+F7) in the diff view. */
  | { command: 'next-change' }
  | { command: 'previous-change' }
  /** Go › Back: what Escape does (close trends, clear the search, close the comparison). */
  | { command: 'back' }
  /** View › Theme. */
  | { command: 'set-theme'; theme: ThemeChoice }
  /** Help › Keyboard Shortcuts. */
  | { command: 'keyboard-shortcuts' }
  /** Help › Show the Tour: the first-launch hints again. */
  | { command: 'show-tour' }
  /** File › Back Up Archive… / Restore from Backup… / Check Archive…: the maintenance dialog. */
  | { command: 'archive-backup' }
  | { command: 'archive-restore' }
  | { command: 'archive-check' };

export interface EventPayloads {
  'import:progress': ImportProgress;
  'import:finished': ImportReport;
  /** The archive's content changed (import finished); views should reload. */
  'archive:changed': null;
  /** A menu command for the window (see AppCommand). */
  'app:command': AppCommand;
  /** Pages copied by a running backup or restore. */
  'archive:maintenance': MaintenanceProgress;
}
export type EventName = keyof EventPayloads;
export const eventNames: readonly EventName[] = [
  'import:progress',
  'import:finished',
  'archive:changed',
  'app:command',
  'archive:maintenance',
];
