import { mount } from 'svelte';
import App from './App.svelte';
import MissingApi from './components/MissingApi.svelte';
import { apiAvailable } from './lib/api';
import { applyTheme, resolveTheme, storedThemeChoice, systemDarkQuery } from './lib/theme';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The theme before the first paint (App keeps it up to date afterwards).
let storage: Storage | null = null;
try {
  storage = localStorage;
} catch {
  // Storage blocked: follow the system.
}
applyTheme(document.documentElement, resolveTheme(storedThemeChoice(storage), systemDarkQuery()?.matches ?? false));

// Without the preload's API the app cannot reach its archive; say so plainly
// instead of showing a UI whose every action would fail.
const app = mount(apiAvailable ? App : MissingApi, { target });

export default app;
