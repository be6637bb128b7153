/**
 * The preload: runs sandboxed with context isolation and exposes exactly one
 * object, the contract's API (`window.policyArchive`), built by `createApi`.
 * The renderer never sees `ipcRenderer`, cannot name arbitrary channels, and
 * can only subscribe to the contract's events.
 *
 * Sandboxed preloads may only `require('electron')`: everything else imported
 * here is bundled by electron-vite, so keep it free of Node built-ins.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, createApi, type HostFiles, type Invoke, type Subscribe } from '../shared/api';
import { eventNames, type EventName } from '../shared/events';

/** Electron prefixes rejected invocations with its own wording; the user should see only the reason. */
export function cleanIpcError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}

/** `invoke` over Electron IPC: one `ipcRenderer.invoke` per call, with readable errors. */
export function createIpcInvoke(renderer: Pick<IpcRenderer, 'invoke'>): Invoke {
  return (async (channel: string, ...args: unknown[]) => {
    try {
      return await renderer.invoke(channel, ...args);
    } catch (error) {
      throw new Error(cleanIpcError(error));
    }
  }) as Invoke;
}

/**
 * `subscribe` over Electron IPC: only the contract's event names are accepted,
 * the listener receives the payload alone (never the IPC event, which would
 * leak `sender`), and the returned function removes exactly this listener.
 */
export function createIpcSubscribe(renderer: Pick<IpcRenderer, 'on' | 'removeListener'>): Subscribe {
  return (event, listener) => {
    if (!(eventNames as readonly string[]).includes(event)) {
      throw new Error(`Unknown event "${String(event)}"`);
    }
    const name: EventName = event;
    const forward = (_ipcEvent: IpcRendererEvent, payload: unknown): void => {
      listener(payload as Parameters<typeof listener>[0]);
    };
    renderer.on(name, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      renderer.removeListener(name, forward);
    };
  };
}

/** Dropped files' paths: Electron no longer puts them on File objects; webUtils reads them here. */
export const hostFiles: HostFiles = { pathFor: (file) => webUtils.getPathForFile(file) };

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createApi(createIpcInvoke(ipcRenderer), createIpcSubscribe(ipcRenderer), hostFiles),
);
