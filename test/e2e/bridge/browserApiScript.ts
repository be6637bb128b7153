import { buildSync } from 'esbuild';
import { join } from 'node:path';

/**
 * ./browserApi.ts bundled into one classic script for `page.addInitScript`.
 * esbuild is already installed (tsx and vite depend on it); bundling the real
 * createApi keeps the page's API identical to the preload's.
 */
export function browserApiScript(): string {
  const result = buildSync({
    entryPoints: [join(__dirname, 'browserApi.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for browserApi.ts');
  return output.text;
}
