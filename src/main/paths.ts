import { homedir } from 'node:os';
import { join } from 'node:path';

/** Product name; Electron derives its userData folder from it, so the CLI must too. */
export const PRODUCT_NAME = 'Policy Archive Explorer';
export const ARCHIVE_FILE_NAME = 'archive.sqlite';

/**
 * The per-user application data folder Electron calls `appData`, computed without
 * importing Electron so the CLI finds the same archive as the app.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
}

/** Electron's `app.getPath('userData')` for this product. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(appDataDir(env, platform), PRODUCT_NAME);
}

/**
 * The archive the app opens and the CLI uses by default.
 * `POLICY_ARCHIVE_DB` overrides it (handy for scripts and tests).
 */
export function defaultArchivePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env.POLICY_ARCHIVE_DB;
  if (override && override.length > 0) return override;
  return join(userDataDir(env, platform), ARCHIVE_FILE_NAME);
}
