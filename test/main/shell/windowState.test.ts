import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, placeOnScreen, saveWindowState } from '../../../src/main/shell/windowState';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pae-window-state-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('window state file', () => {
  it('reopens at the size, place and maximized state it was saved with', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 1300, height: 900, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1300, height: 900, maximized: true });
  });

  it('falls back to the default window for a missing, corrupt or meaningless file', () => {
    expect(loadWindowState(join(dir, 'missing.json'))).toBeNull();
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"width": 12');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, '{"width": "wide", "height": 600}');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, 'null');
    expect(loadWindowState(file)).toBeNull();
  });

  it('never restores a window too small to use', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, JSON.stringify({ width: 3, height: -50, maximized: false }));
    const state = loadWindowState(file);
    expect(state?.width).toBeGreaterThanOrEqual(720);
    expect(state?.height).toBeGreaterThanOrEqual(480);
  });
});

describe('placeOnScreen', () => {
  const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];
  const twoScreens = [...laptop, { x: 1440, y: 0, width: 1920, height: 1080 }];

  it('keeps a place whose title bar is on a display', () => {
    const state = { x: 2000, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeOnScreen(state, twoScreens)).toEqual(state);
  });

  it('forgets the place (not the size) when that display is gone', () => {
    const state = { x: 2000, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeOnScreen(state, laptop)).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
