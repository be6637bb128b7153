import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Saved size and place of the main window, restored on the next launch. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A rectangle on screen (Electron's `Rectangle`, restated to keep this file Electron-free). */
export interface ScreenArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_SIZE = { width: 720, height: 480 };

function finiteInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : undefined;
}

/**
 * Read the saved window state; a missing, unreadable or nonsensical file
 * yields null so the window simply opens at its default size.
 */
export function loadWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const record = raw as Record<string, unknown>;
  const width = finiteInt(record.width);
  const height = finiteInt(record.height);
  if (width === undefined || height === undefined) return null;
  const state: WindowState = {
    width: Math.min(Math.max(width, MIN_SIZE.width), 10_000),
    height: Math.min(Math.max(height, MIN_SIZE.height), 10_000),
    maximized: record.maximized === true,
  };
  const x = finiteInt(record.x);
  const y = finiteInt(record.y);
  if (x !== undefined && y !== undefined) {
    state.x = x;
    state.y = y;
  }
  return state;
}

/** Write the window state atomically (temp file + rename) so a crash cannot leave half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/**
 * Drop the saved position when the window's title bar would not land on any
 * current display (a monitor was unplugged), keeping the saved size.
 */
export function placeOnScreen(state: WindowState, workAreas: ScreenArea[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const x = state.x;
  const y = state.y;
  // The top 40 px of the window must overlap a display by at least 100 px wide
  // so the user can grab the title bar.
  const visible = workAreas.some((area) => {
    const overlapWidth = Math.min(x + state.width, area.x + area.width) - Math.max(x, area.x);
    const overlapHeight = Math.min(y + 40, area.y + area.height) - Math.max(y, area.y);
    return overlapWidth >= 100 && overlapHeight > 0;
  });
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}
