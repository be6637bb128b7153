import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module, and Electron and Node need different ABIs.
 * `npm install` builds the Node binary (used by the CLI, tests and benchmarks) and
 * `scripts/electron-native.mjs` builds the Electron one beside it, into
 * `native/electron-<version>/`, so `npm test` and `npm start` both work in either
 * order without rebuilding over each other. The packaged app ships the same
 * folder under its resources.
 *
 * Returns the path to pass as better-sqlite3's `nativeBinding`, or undefined when
 * running under plain Node (use the package's own build).
 */
export function electronNativeBinding(options: {
  electronVersion: string | undefined;
  appRoot: string;
  resourcesPath?: string;
  packaged: boolean;
}): string | undefined {
  if (!options.electronVersion) return undefined;
  const base = options.packaged && options.resourcesPath ? options.resourcesPath : options.appRoot;
  const candidate = join(base, 'native', `electron-${options.electronVersion}`, 'better_sqlite3.node');
  if (!existsSync(candidate)) {
    throw new Error(
      `The SQLite module for Electron ${options.electronVersion} is missing (${candidate}). ` +
        'Run `node scripts/electron-native.mjs` (npm start does this for you).',
    );
  }
  return candidate;
}
