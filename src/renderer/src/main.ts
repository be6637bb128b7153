import { mount } from 'svelte';
import App from './App.svelte';
import MissingApi from './components/MissingApi.svelte';
import { apiAvailable } from './lib/api';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Without the preload's API the app cannot reach its archive; say so plainly
// instead of showing a UI whose every action would fail.
const app = mount(apiAvailable ? App : MissingApi, { target });

export default app;
