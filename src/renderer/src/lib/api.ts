/**
 * The renderer's single door to the archive: the object the preload exposes
 * (or, in end-to-end tests, the loopback bridge). Components and state classes
 * import `api` from here and nowhere else, so the renderer knows nothing of
 * Electron.
 */
import { API_GLOBAL, type Api } from '../../../shared/api';

const exposed = (window as unknown as Record<string, unknown>)[API_GLOBAL];

/** False when the page was opened outside the app (no preload): main.ts then shows an explanation instead. */
export const apiAvailable = typeof exposed === 'object' && exposed !== null;

function unavailable(): Api {
  return new Proxy({} as Api, {
    get() {
      throw new Error(
        `The archive API (window.${API_GLOBAL}) is missing: open this page inside Policy Archive Explorer.`,
      );
    },
  });
}

export const api: Api = apiAvailable ? (exposed as Api) : unavailable();
