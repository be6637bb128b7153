import type { ThemeChoice } from '../../../shared/events';

export type { ThemeChoice };
export type ResolvedTheme = 'light' | 'dark';

/** Where the choice is kept (the window's localStorage: the app has one user per profile). */
export const THEME_STORAGE_KEY = 'policyArchive.theme';

/** A stored value as a choice; anything unknown (or nothing) follows the system. */
export function parseThemeChoice(raw: string | null | undefined): ThemeChoice {
  return raw === 'light' || raw === 'dark' ? raw : 'system';
}

/** The theme to draw with: the explicit choice, else the system's. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/**
 * Draw the page in a theme: app.css keys its palette (and `color-scheme`, so
 * form controls and scrollbars match) on `html[data-theme]`. Charts watch the
 * attribute to redraw.
 */
export function applyTheme(root: HTMLElement, theme: ResolvedTheme): void {
  if (root.dataset.theme !== theme) root.dataset.theme = theme;
}

/** Read the stored choice; blocked or missing storage means "follow the system". */
export function storedThemeChoice(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  try {
    return parseThemeChoice(storage?.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

/** The system's dark-mode query (null where there is no window, e.g. unit tests). */
export function systemDarkQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;
}
