/**
 * The app's keyboard shortcuts, in one place for the menu's tests, the window
 * (`commandForKey`) and the help dialog (`shortcutGroups`). Plain data and
 * functions: no DOM, no Electron.
 */
import type { AppCommand } from './events';

/** What a shortcut typed in the window asks for: a menu command, or an import (the menu's File items). */
export type WindowCommand = AppCommand | { command: 'import'; mode: 'files' | 'folder' };

/** The parts of a KeyboardEvent the mapping reads (tests pass plain objects). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The window-wide shortcut a key press stands for, or null. These are the
 * menu's accelerators (src/main/shell/menu.ts): in the app the menu takes the
 * keys first and sends the command; in a browser (and the end-to-end tests)
 * the page sees the keys itself, and both end in the same command. Ctrl or
 * Cmd both count on every platform, as before. `typing`: focus is in a text
 * field, where only shortcuts with Ctrl/Cmd/Alt apply (a "?" is text there).
 * Escape is not here: what it closes depends on where focus is.
 */
export function commandForKey(press: KeyPress, options: { mac: boolean; typing: boolean }): WindowCommand | null {
  const key = press.key.toLowerCase();
  const mod = press.ctrlKey || press.metaKey;
  if (mod && !press.altKey) {
    if (!press.shiftKey) {
      if (key === 'f') return { command: 'find' };
      if (key === 'k') return { command: 'go-to' };
      if (key === 't') return { command: 'trends' };
      if (key === 'o') return { command: 'import', mode: 'files' };
      if (key === '/') return { command: 'keyboard-shortcuts' };
      if (options.mac && press.metaKey && key === '[') return { command: 'back' };
    } else if (key === 'o') {
      return { command: 'import', mode: 'folder' };
    }
    return null;
  }
  if (!options.mac && press.altKey && !mod && !press.shiftKey && press.key === 'ArrowLeft') return { command: 'back' };
  if (!options.typing && !mod && !press.altKey && press.key === '?') return { command: 'keyboard-shortcuts' };
  return null;
}

/** One line of the keyboard shortcuts dialog: alternative key combinations (each a list of keys) and what they do. */
export interface Shortcut {
  keys: string[][];
  action: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

/** Every shortcut the app has, grouped by where it works, with the platform's key names. */
export function shortcutGroups(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl';
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        { keys: [[mod, 'F']], action: 'Search all policies' },
        { keys: [[mod, 'K']], action: 'Go to a vendor, document or section' },
        { keys: [[mod, 'T']], action: 'Open or close the trends page' },
        {
          keys: [['Esc'], mac ? ['⌘', '['] : ['Alt', '←']],
          action: 'Back: close the trends page, clear the search, close the comparison',
        },
        { keys: [[mod, 'O']], action: 'Import files…' },
        { keys: [[mod, 'Shift', 'O']], action: 'Import a folder…' },
        { keys: [[mod, '/'], ['?']], action: 'This list of keyboard shortcuts' },
        { keys: [['Tab'], ['Shift', 'Tab']], action: 'Move to the next or previous control' },
      ],
    },
    {
      title: 'Timeline',
      shortcuts: [
        { keys: [['←'], ['→']], action: 'Previous or next version on the time axis' },
        { keys: [['Home'], ['End']], action: 'Oldest or newest version on the time axis' },
        { keys: [['Enter']], action: 'Open the version' },
      ],
    },
    {
      title: 'Comparison (diff)',
      shortcuts: [
        { keys: [['n'], ['j'], ['F7']], action: 'Next change' },
        { keys: [['p'], ['k'], ['Shift', 'F7']], action: 'Previous change' },
        { keys: [['Esc']], action: 'Close the comparison' },
      ],
    },
    {
      title: 'Search',
      shortcuts: [
        { keys: [['Enter']], action: 'Search at once (in the search box)' },
        { keys: [['Esc']], action: 'Clear the search' },
        { keys: [['↑'], ['↓'], ['Home'], ['End']], action: 'Move between results' },
      ],
    },
    {
      title: 'Go to… (quick switcher)',
      shortcuts: [
        { keys: [['↑'], ['↓'], ['Page Up'], ['Page Down']], action: 'Move the highlight' },
        { keys: [['Enter']], action: 'Go to the highlighted entry' },
        { keys: [['Esc']], action: 'Close without going anywhere' },
      ],
    },
  ];
}
