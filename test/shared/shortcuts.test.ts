import { describe, expect, it } from 'vitest';
import { commandForKey, shortcutGroups, type KeyPress } from '../../src/shared/shortcuts';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});
const linux = { mac: false, typing: false };
const typing = { mac: false, typing: true };
const mac = { mac: true, typing: false };

describe('window shortcuts', () => {
  it('Ctrl+F, Ctrl+K and Ctrl+T search, go to and open trends, also while typing in a field', () => {
    for (const options of [linux, typing]) {
      expect(commandForKey(press('f', { ctrlKey: true }), options)).toEqual({ command: 'find' });
      expect(commandForKey(press('k', { ctrlKey: true }), options)).toEqual({ command: 'go-to' });
      expect(commandForKey(press('T', { ctrlKey: true }), options)).toEqual({ command: 'trends' });
    }
    // Cmd on a Mac.
    expect(commandForKey(press('k', { metaKey: true }), mac)).toEqual({ command: 'go-to' });
  });

  it('Ctrl+O imports files and Ctrl+Shift+O a folder, as the File menu does', () => {
    expect(commandForKey(press('o', { ctrlKey: true }), linux)).toEqual({ command: 'import', mode: 'files' });
    expect(commandForKey(press('O', { ctrlKey: true, shiftKey: true }), linux)).toEqual({
      command: 'import',
      mode: 'folder',
    });
  });

  it('Back is Alt+← on Linux and Windows, ⌘[ on a Mac, and not the other way round', () => {
    expect(commandForKey(press('ArrowLeft', { altKey: true }), linux)).toEqual({ command: 'back' });
    expect(commandForKey(press('ArrowLeft', { altKey: true }), mac)).toBeNull();
    expect(commandForKey(press('[', { metaKey: true }), mac)).toEqual({ command: 'back' });
    expect(commandForKey(press('[', { ctrlKey: true }), linux)).toBeNull();
  });

  it('"?" lists the shortcuts, except in a text field, where it is a character', () => {
    expect(commandForKey(press('?', { shiftKey: true }), linux)).toEqual({ command: 'keyboard-shortcuts' });
    expect(commandForKey(press('?', { shiftKey: true }), typing)).toBeNull();
    expect(commandForKey(press('/', { ctrlKey: true }), typing)).toEqual({ command: 'keyboard-shortcuts' });
  });

  it('leaves plain letters, other combinations and Escape to whoever has focus', () => {
    expect(commandForKey(press('f'), linux)).toBeNull();
    expect(commandForKey(press('n'), linux)).toBeNull();
    expect(commandForKey(press('Escape'), linux)).toBeNull();
    expect(commandForKey(press('f', { ctrlKey: true, altKey: true }), linux)).toBeNull();
    expect(commandForKey(press('k', { ctrlKey: true, shiftKey: true }), linux)).toBeNull();
  });
});

describe('the keyboard shortcuts list', () => {
  it("names the platform's keys and lists each action once", () => {
    const onLinux = shortcutGroups(false).flatMap((group) => group.shortcuts);
    const onMac = shortcutGroups(true).flatMap((group) => group.shortcuts);
    const find = (list: typeof onLinux, action: string) => list.find((shortcut) => shortcut.action === action)?.keys;
    expect(find(onLinux, 'Search all policies')).toEqual([['Ctrl', 'F']]);
    expect(find(onMac, 'Search all policies')).toEqual([['⌘', 'F']]);
    expect(find(onLinux, 'Next change')).toEqual([['n'], ['j'], ['F7']]);
    for (const group of shortcutGroups(false)) {
      const actions = group.shortcuts.map((shortcut) => shortcut.action);
      expect(new Set(actions).size, group.title).toBe(actions.length);
    }
  });
});
