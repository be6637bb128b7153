import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_GLOBAL, createApi, type Api } from '../../../src/shared/api';
import { channels } from '../../../src/shared/contract';
import type { ImportProgress } from '../../../src/shared/domain';

type Listener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
    /** Simulate main sending an event to this renderer. */
    emit(name: string, payload: unknown) {
      for (const listener of listeners.get(name) ?? []) listener({ sender: 'ipc-event-internals' }, payload);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      if (electron.exposed.has(key)) throw new Error(`${key} exposed twice`);
      electron.exposed.set(key, value);
    }),
  },
  ipcRenderer: {
    invoke: electron.invoke,
    on: vi.fn((name: string, listener: Listener) => {
      const set = electron.listeners.get(name) ?? new Set<Listener>();
      set.add(listener);
      electron.listeners.set(name, set);
    }),
    removeListener: vi.fn((name: string, listener: Listener) => {
      electron.listeners.get(name)?.delete(listener);
    }),
    send: vi.fn(),
  },
  webUtils: { getPathForFile: vi.fn((file: { name: string }) => `/home/me/Downloads/${file.name}`) },
}));

let api: Api;
beforeAll(async () => {
  await import('../../../src/preload/index');
  api = electron.exposed.get(API_GLOBAL) as Api;
});

/** Every function in a (nested) API object, with its dotted path. */
function methodsOf(value: unknown, prefix = ''): Array<[string, (...args: unknown[]) => unknown]> {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, member]) =>
    typeof member === 'function'
      ? [[`${prefix}${key}`, member as (...args: unknown[]) => unknown] as [string, (...args: unknown[]) => unknown]]
      : methodsOf(member, `${prefix}${key}.`),
  );
}

const progress: ImportProgress = {
  importId: 'abc',
  phase: 'importing',
  filesDone: 2,
  filesTotal: 5,
  currentFile: '/home/me/policies/formlabs.com.md',
  snapshotsAdded: 2,
  bytesDone: 100,
  bytesTotal: 400,
};

describe('preload', () => {
  it("gives dropped files' paths through Electron's webUtils, not through IPC", () => {
    electron.invoke.mockClear();
    const file = new File(['x'], 'policy.html');
    expect(api.files.pathFor(file)).toBe('/home/me/Downloads/policy.html');
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('exposes exactly one global, the contract API, and no IPC primitives', () => {
    expect([...electron.exposed.keys()]).toEqual([API_GLOBAL]);
    const reference = createApi(
      () => Promise.reject(new Error('unused')),
      () => () => undefined,
      { pathFor: () => '' },
    );
    expect(
      methodsOf(api)
        .map(([path]) => path)
        .sort(),
    ).toEqual(
      methodsOf(reference)
        .map(([path]) => path)
        .sort(),
    );
    const names = methodsOf(api).map(([path]) => path);
    for (const forbidden of ['send', 'invoke', 'sendSync', 'ipcRenderer', 'removeListener']) {
      expect(names.some((path) => path.split('.').includes(forbidden))).toBe(false);
    }
  });

  it('maps each API method to ipcRenderer.invoke with its channel, covering every channel', async () => {
    const reached = new Set<string>();
    for (const [path, method] of methodsOf(api)) {
      if (path === 'on' || path === 'files.pathFor') continue;
      electron.invoke.mockClear();
      await method('argument');
      expect(electron.invoke).toHaveBeenCalledTimes(1);
      const [channel, ...args] = electron.invoke.mock.calls[0] ?? [];
      expect(args).toEqual(['argument']);
      reached.add(String(channel));
    }
    expect([...reached].sort()).toEqual([...channels].sort());
  });

  it('passes arguments and results through unchanged', async () => {
    electron.invoke.mockImplementationOnce(async () => [{ id: 1, displayName: 'Formlabs' }]);
    await expect(api.vendors.list()).resolves.toEqual([{ id: 1, displayName: 'Formlabs' }]);

    electron.invoke.mockClear();
    await api.diff.compare(3, 9);
    expect(electron.invoke).toHaveBeenCalledWith('diff:compare', 3, 9);
  });

  it("shows main's reason without Electron's IPC wording", async () => {
    electron.invoke.mockImplementationOnce(async () => {
      throw new Error(
        "Error invoking remote method 'vendors:timeline': ContractError: Invalid arguments for vendors:timeline: Too small",
      );
    });
    await expect(api.vendors.timeline(0)).rejects.toThrow(/^Invalid arguments for vendors:timeline: Too small$/);

    electron.invoke.mockImplementationOnce(async () => {
      throw new Error("Error invoking remote method 'snapshots:get': Error: Snapshot 5 does not exist");
    });
    await expect(api.snapshots.get(5)).rejects.toThrow(/^Snapshot 5 does not exist$/);
  });

  it('delivers event payloads to subscribers until they unsubscribe', () => {
    const received: ImportProgress[] = [];
    const unsubscribe = api.on('import:progress', (payload) => received.push(payload));
    electron.emit('import:progress', progress);
    expect(received).toEqual([progress]);

    unsubscribe();
    electron.emit('import:progress', { ...progress, filesDone: 3 });
    expect(received).toEqual([progress]);
    expect(electron.listeners.get('import:progress')?.size ?? 0).toBe(0);
    // Calling it twice is harmless.
    unsubscribe();
  });

  it('keeps other subscriptions when one unsubscribes', () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = api.on('archive:changed', (payload) => first.push(payload));
    const offSecond = api.on('archive:changed', (payload) => second.push(payload));
    offFirst();
    electron.emit('archive:changed', null);
    expect(first).toEqual([]);
    expect(second).toEqual([null]);
    offSecond();
  });

  it("delivers the menu's commands to the page (Find, Go to…, theme, …)", () => {
    const received: unknown[] = [];
    const off = api.on('app:command', (command) => received.push(command));
    electron.emit('app:command', { command: 'go-to' });
    electron.emit('app:command', { command: 'set-theme', theme: 'dark' });
    expect(received).toEqual([{ command: 'go-to' }, { command: 'set-theme', theme: 'dark' }]);
    off();
  });

  it('refuses to subscribe to names outside the contract', () => {
    expect(() => api.on('shell:exec' as 'archive:changed', () => undefined)).toThrow(/Unknown event/);
    expect(electron.listeners.has('shell:exec')).toBe(false);
  });
});
