import { test } from '@playwright/test';
import { browserApiScript } from '../bridge/browserApiScript';
import { startBridge, type Bridge } from '../bridge/server';

/** One bridge (one archive) shared by the tests of a file, like one app session. */
export interface AppSession {
  readonly bridge: Bridge;
  readonly apiScript: string;
}

/**
 * Start the loopback bridge before the tests of the calling file and close it
 * after them; the tests run in order, each reopening the window on the archive
 * the previous ones left.
 */
export function useAppSession(): AppSession {
  const session = {} as { bridge: Bridge; apiScript: string };
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    session.apiScript = browserApiScript();
    session.bridge = await startBridge();
  });
  test.afterAll(async () => {
    await session.bridge?.close();
  });
  return session;
}
