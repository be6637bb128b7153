import { describe, expect, it } from 'vitest';
import {
  applyTheme,
  parseThemeChoice,
  resolveTheme,
  storedThemeChoice,
  THEME_STORAGE_KEY,
} from '../../../src/renderer/src/lib/theme';

describe('theme', () => {
  it('follows the system unless the user chose light or dark', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads the stored choice, and treats junk, nothing or blocked storage as "follow the system"', () => {
    const stored = (value: string | null) => ({ getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null) });
    expect(storedThemeChoice(stored('dark'))).toBe('dark');
    expect(storedThemeChoice(stored('light'))).toBe('light');
    expect(storedThemeChoice(stored('purple'))).toBe('system');
    expect(storedThemeChoice(stored(null))).toBe('system');
    expect(storedThemeChoice(null)).toBe('system');
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
    };
    expect(storedThemeChoice(blocked)).toBe('system');
    expect(parseThemeChoice(undefined)).toBe('system');
  });

  it('marks the page root with the theme the stylesheet draws', () => {
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'light');
    expect(root.dataset.theme).toBe('light');
  });
});
