import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      // Runtime dependencies (better-sqlite3, linkedom…) stay in node_modules;
      // ESM-only ones (syllable) are bundled, because the main build is CommonJS.
      externalizeDeps: { exclude: ['syllable'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          importWorker: resolve(__dirname, 'src/main/importers/importWorker.ts'),
          checkWorker: resolve(__dirname, 'src/main/archive/maintenance/checkWorker.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          reportPrint: resolve(__dirname, 'src/main/shell/reportPrintMain.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it may only require('electron'), so bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [svelte({ configFile: resolve(__dirname, 'svelte.config.mjs') })],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
