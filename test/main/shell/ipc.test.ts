import { describe, expect, it, vi } from 'vitest';
import { channels, channelArgs } from '../../../src/shared/contract';
import type { Handlers } from '../../../src/main/handlerTypes';
import type { ArchiveInfo, VendorSummary } from '../../../src/shared/domain';

// ipc.ts must not need Electron at run time; fail loudly if it ever tries.
vi.mock('electron', () => {
  throw new Error('ipc.ts must not import electron at run time');
});

const { registerIpc, sendEvent } = await import('../../../src/main/shell/ipc');

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const registered = new Map<string, Listener>();
  return {
    registered,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      registered.delete(channel);
    }),
    /** Simulate a renderer calling ipcRenderer.invoke(channel, ...args). */
    invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const listener = registered.get(channel);
      if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return listener(event, ...args);
    },
  };
}

const vendor: VendorSummary = {
  id: 7,
  key: 'formlabs.com',
  displayName: 'Formlabs',
  documentCount: 1,
  snapshotCount: 4,
  versionCount: 3,
  firstCapturedAt: '2015-05-04T13:36:12Z',
  lastCapturedAt: '2018-08-13T14:21:16Z',
};
const info: ArchiveInfo = {
  path: '/tmp/archive.sqlite',
  schemaVersion: 1,
  vendorCount: 1,
  documentCount: 1,
  snapshotCount: 4,
  textCount: 3,
  blockCount: 120,
  sizeBytes: 4096,
};

/** A fake handler table: the shell boundary, so faking the core is fine here. */
function fakeHandlers() {
  const rejectUnexpected = () => Promise.reject(new Error('not used in this test'));
  return {
    'archive:info': vi.fn(() => info),
    'vendors:list': vi.fn(async () => [vendor]),
    'vendors:timeline': vi.fn(rejectUnexpected),
    'archive:backup': vi.fn(async () => null),
    'archive:restore': vi.fn(async () => null),
    'archive:check': vi.fn(rejectUnexpected),
    'snapshots:get': vi.fn(async (id: number) => {
      throw new Error(`Snapshot ${id} does not exist`);
    }),
    'search:query': vi.fn(rejectUnexpected),
    'search:versions': vi.fn(rejectUnexpected),
    'search:history': vi.fn(rejectUnexpected),
    'search:trend': vi.fn(rejectUnexpected),
    'documents:types': vi.fn(async () => []),
    'switcher:entries': vi.fn(async () => []),
    'library:vendors': vi.fn(async () => []),
    'vendors:rename': vi.fn(rejectUnexpected),
    'vendors:merge': vi.fn(rejectUnexpected),
    'vendors:setTags': vi.fn(rejectUnexpected),
    'tags:list': vi.fn(async () => []),
    'snapshots:annotations': vi.fn(rejectUnexpected),
    'snapshots:setTags': vi.fn(rejectUnexpected),
    'snapshots:setNote': vi.fn(rejectUnexpected),
    'snapshots:original': vi.fn(async () => null),
    'diff:compare': vi.fn(rejectUnexpected),
    'timeline:document': vi.fn(rejectUnexpected),
    'timeline:events': vi.fn(async () => []),
    'timeline:acrossEvent': vi.fn(rejectUnexpected),
    'import:choose': vi.fn(async () => ['/home/me/policies']),
    'import:start': vi.fn(async () => ({ importId: 'abc123' })),
    'import:cancel': vi.fn(async () => true),
    'app:openExternal': vi.fn(async () => undefined),
    'app:saveText': vi.fn(async () => null),
    'report:export': vi.fn(async () => null),
  } satisfies Handlers;
}

const trusted = () => true;
const appEvent = { sender: {}, senderFrame: {} };

describe('registerIpc', () => {
  it('registers exactly one handler for every channel of the contract and removes them all again', () => {
    const ipcMain = fakeIpcMain();
    const unregister = registerIpc(ipcMain, fakeHandlers(), trusted);
    expect([...ipcMain.registered.keys()].sort()).toEqual(Object.keys(channelArgs).sort());
    expect(ipcMain.registered.size).toBe(channels.length);

    unregister();
    expect(ipcMain.registered.size).toBe(0);
  });

  it('answers a trusted request with the handler result, passing the validated arguments', async () => {
    const ipcMain = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpc(ipcMain, handlers, trusted);

    await expect(ipcMain.invoke('vendors:list', appEvent)).resolves.toEqual([vendor]);
    await expect(ipcMain.invoke('archive:info', appEvent)).resolves.toEqual(info);
    await expect(ipcMain.invoke('import:start', appEvent, { paths: ['/home/me/a.md'] })).resolves.toEqual({
      importId: 'abc123',
    });
    expect(handlers['import:start']).toHaveBeenCalledWith({ paths: ['/home/me/a.md'] });
  });

  it('rejects requests from an untrusted frame without running the handler', async () => {
    const ipcMain = fakeIpcMain();
    const handlers = fakeHandlers();
    const seen: unknown[] = [];
    registerIpc(ipcMain, handlers, (event) => {
      seen.push(event);
      return false;
    });
    const foreignEvent = { sender: {}, senderFrame: { url: 'file:///home/me/saved-policy.html' } };

    await expect(ipcMain.invoke('vendors:list', foreignEvent)).rejects.toThrow(/Refused vendors:list/);
    await expect(ipcMain.invoke('app:openExternal', foreignEvent, 'https://example.com/')).rejects.toThrow(/Refused/);
    expect(handlers['vendors:list']).not.toHaveBeenCalled();
    expect(handlers['app:openExternal']).not.toHaveBeenCalled();
    expect(seen[0]).toBe(foreignEvent);
  });

  it('rejects invalid arguments with the contract error, naming the channel', async () => {
    const ipcMain = fakeIpcMain();
    const handlers = fakeHandlers();
    registerIpc(ipcMain, handlers, trusted);

    await expect(ipcMain.invoke('vendors:timeline', appEvent, 'drop table vendors')).rejects.toThrow(
      /^Invalid arguments for vendors:timeline/,
    );
    await expect(ipcMain.invoke('snapshots:get', appEvent, -1)).rejects.toMatchObject({ name: 'ContractError' });
    await expect(ipcMain.invoke('app:openExternal', appEvent, 'javascript:alert(1)')).rejects.toThrow(
      /only http\(s\) URLs may be opened/,
    );
    await expect(ipcMain.invoke('import:start', appEvent, { paths: [], extra: 1 })).rejects.toThrow(
      /Invalid arguments for import:start/,
    );
    await expect(ipcMain.invoke('vendors:list', appEvent, 'unexpected')).rejects.toThrow(/vendors:list/);
    expect(handlers['vendors:timeline']).not.toHaveBeenCalled();
    expect(handlers['snapshots:get']).not.toHaveBeenCalled();
    expect(handlers['app:openExternal']).not.toHaveBeenCalled();
    expect(handlers['import:start']).not.toHaveBeenCalled();
  });

  it('passes a handler failure on to the renderer with its message', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, fakeHandlers(), trusted);
    await expect(ipcMain.invoke('snapshots:get', appEvent, 99)).rejects.toThrow('Snapshot 99 does not exist');
  });
});

describe('sendEvent', () => {
  function fakeContents(destroyed = false) {
    return { send: vi.fn(), isDestroyed: () => destroyed };
  }

  it('delivers contract events with their payload', () => {
    const contents = fakeContents();
    expect(sendEvent(contents, 'archive:changed', null)).toBe(true);
    expect(contents.send).toHaveBeenCalledWith('archive:changed', null);
  });

  it('sends nothing to a closed window or for a name outside the contract', () => {
    const closed = fakeContents(true);
    expect(sendEvent(closed, 'archive:changed', null)).toBe(false);
    expect(closed.send).not.toHaveBeenCalled();

    const open = fakeContents();
    expect(sendEvent(open, 'shell:exec' as 'archive:changed', null)).toBe(false);
    expect(open.send).not.toHaveBeenCalled();
  });
});
