import { resolveTheme, storedThemeChoice, systemDarkQuery, THEME_STORAGE_KEY, type ThemeChoice } from './theme';

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The colour theme: follows the system unless the user chose Light or Dark
 * (the View › Theme menu or the toolbar's picker); the choice is remembered.
 */
export class ThemeState {
  choice = $state<ThemeChoice>('system');
  systemDark = $state(false);
  resolved = $derived(resolveTheme(this.choice, this.systemDark));
  readonly #storage: Storage | null;

  constructor(storage: Storage | null = browserStorage()) {
    this.#storage = storage;
    this.choice = storedThemeChoice(storage);
    this.systemDark = systemDarkQuery()?.matches ?? false;
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') this.#storage?.removeItem(THEME_STORAGE_KEY);
      else this.#storage?.setItem(THEME_STORAGE_KEY, choice);
    } catch {
      // Storage full or blocked: the choice lasts for this session.
    }
  }

  /** Follow the system's light/dark setting while connected; returns the cleanup. */
  connect(): () => void {
    const query = systemDarkQuery();
    if (!query) return () => undefined;
    const onChange = (): void => {
      this.systemDark = query.matches;
    };
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }
}
