/**
 * Events pushed from main to the renderer: name → payload. Kept apart from the
 * channel schemas so the sandboxed preload can import the names without zod.
 */
import type { ImportProgress, ImportReport } from './domain';

export interface EventPayloads {
  'import:progress': ImportProgress;
  'import:finished': ImportReport;
  /** The archive's content changed (import finished); views should reload. */
  'archive:changed': null;
}
export type EventName = keyof EventPayloads;
export const eventNames: readonly EventName[] = ['import:progress', 'import:finished', 'archive:changed'];
