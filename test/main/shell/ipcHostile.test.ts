/**
 * Hostile IPC (issue 8): a compromised or buggy renderer calls every channel
 * of the contract with malformed, oversized and prototype-polluting
 * arguments, and from frames that are not the app's window. Every such call
 * must be refused before the handler runs — checked with a handler table of
 * spies behind the real registerIpc and the real sender check.
 */
import { describe, expect, it, vi } from 'vitest';
import { channelArgs, channels, type Channel } from '../../../src/shared/contract';
import type { Handlers } from '../../../src/main/handlerTypes';

// ipc.ts and appLocation.ts must not need Electron at run time.
vi.mock('electron', () => {
  throw new Error('the IPC layer must not import electron at run time');
});

const { registerIpc } = await import('../../../src/main/shell/ipc');
const { createSenderCheck } = await import('../../../src/main/shell/appLocation');

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** A fake ipcMain that calls the registered listener as Electron would for ipcRenderer.invoke. */
function fakeIpcMain() {
  const registered = new Map<string, Listener>();
  return {
    handle: (channel: string, listener: Listener) => void registered.set(channel, listener),
    removeHandler: (channel: string) => void registered.delete(channel),
    invoke(channel: string, event: unknown, args: unknown[]): Promise<unknown> {
      const listener = registered.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener(event, ...args);
    },
  };
}

/** One spy per channel, built from the contract so a channel added later is covered too. */
function spyHandlers(): Handlers & Record<string, ReturnType<typeof vi.fn>> {
  return Object.fromEntries(channels.map((channel) => [channel, vi.fn(async () => null)])) as never;
}

/**
 * A well-formed call per channel, with every optional field filled so the
 * field-by-field mutations below reach them. A new channel must get one here
 * (TypeScript says so), which is the point: no channel without hostile tests.
 */
const validArgs: Record<Channel, unknown[]> = {
  'archive:info': [],
  'vendors:list': [],
  'vendors:timeline': [3],
  'snapshots:get': [3],
  'search:query': [
    {
      query: '"legitimate interest" OR opt-out',
      limit: 50,
      offset: 10,
      filters: {
        vendorIds: [1, 2],
        documentKeys: ['privacy'],
        capturedFrom: '2018',
        capturedTo: '2019-06-30',
        latestOnly: true,
        inForceOn: '2018-05-25T10:00:00Z',
      },
    },
  ],
  'search:versions': [{ query: 'cookies', documentId: 4, filters: { latestOnly: false } }],
  'search:history': [{ query: 'cookies', filters: { vendorIds: [1] } }],
  'search:trend': [{ query: 'biometric', by: 'year', filters: { capturedFrom: '2015' } }],
  'documents:types': [],
  'library:vendors': [],
  'vendors:rename': [3, 'Formlabs'],
  'vendors:merge': [{ targetId: 1, sourceIds: [2, 3] }],
  'vendors:setTags': [3, ['gdpr', '3d printing']],
  'tags:list': [],
  'snapshots:annotations': [5],
  'snapshots:setTags': [5, ['reviewed']],
  'snapshots:setNote': [5, 'Checked against the PDF.'],
  'snapshots:original': [5],
  'switcher:entries': [],
  'diff:compare': [
    5,
    6,
    { ignoreCase: true, ignoreWhitespace: true, ignorePunctuation: false, ignoreFormatting: true },
  ],
  'timeline:document': [4],
  'timeline:events': [],
  'timeline:acrossEvent': [4, 'gdpr', { ignoreCase: true }],
  'import:choose': [{ mode: 'folder' }],
  'import:start': [
    {
      paths: ['/home/me/policies'],
      vendor: 'formlabs.com',
      capturedAt: '2018-05-25',
      originalUrl: 'https://formlabs.com/privacy',
      allPages: false,
    },
  ],
  'import:cancel': ['4f2a9c'],
  'app:openExternal': ['https://web.archive.org/web/2018/https://formlabs.com/privacy'],
  'app:saveText': [{ defaultName: 'trend.csv', text: 'year,share\n2018,0.5\n', kind: 'csv' }],
  'archive:backup': [],
  'archive:restore': [],
  'archive:check': [{ repair: true }],
  'report:export': [
    {
      subject: { kind: 'pair', snapshotA: 5, snapshotB: 6 },
      format: 'pdf',
      options: { pageSize: 'A4', layout: 'inline', includeUnchanged: false, ignore: { ignoreCase: true } },
    },
  ],
};

const MB = 1024 * 1024;
const fiveMegabytes = 'a'.repeat(5 * MB);
/**
 * Strings the contract may legitimately accept beyond 5 MB (path in the
 * channel's argument list → its limit): a CSV export can be large. They get a
 * string one character over their limit instead.
 */
const largeStringLimits: Record<string, number> = { 'app:saveText 0.text': 64 * MB };

/** `{"__proto__": …}` as JSON.parse (and a structured clone) delivers it: an own property named __proto__. */
const pollution = (): unknown =>
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}');

function deeplyNested(depth: number): unknown {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

function deeplyNestedArray(depth: number): unknown {
  let value: unknown[] = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

interface HostileValue {
  name: string;
  value: () => unknown;
}

/** Values no argument or field of the contract accepts (none is optional-undefined or a short string). */
const hostileValues: HostileValue[] = [
  { name: 'null', value: () => null },
  { name: 'NaN', value: () => Number.NaN },
  { name: 'Infinity', value: () => Number.POSITIVE_INFINITY },
  { name: '-Infinity', value: () => Number.NEGATIVE_INFINITY },
  { name: 'negative', value: () => -1 },
  { name: 'fraction', value: () => 1.5 },
  { name: '2^53', value: () => 2 ** 53 },
  { name: '1e308', value: () => 1e308 },
  { name: 'bigint', value: () => 10n },
  { name: '5 MB string', value: () => fiveMegabytes },
  { name: '__proto__ object', value: pollution },
  { name: 'nested 10 000 deep', value: () => deeplyNested(10_000) },
  { name: 'array nested 10 000 deep', value: () => deeplyNestedArray(10_000) },
  { name: 'million-element array', value: () => new Array<number>(1_000_000).fill(1) },
  { name: 'function', value: () => () => 'pwned' },
  { name: 'symbol', value: () => Symbol('pwned') },
];

/** A value of a different type than `valid` (for each of the JSON types). */
function wrongType(valid: unknown): unknown {
  if (typeof valid === 'string') return 42;
  if (typeof valid === 'number') return String(valid);
  if (typeof valid === 'boolean') return 'true';
  if (Array.isArray(valid)) return { length: valid.length, 0: valid[0] };
  return [valid];
}

interface Call {
  description: string;
  args: unknown[];
}

function replaceAt(root: unknown[], path: Array<string | number>, value: unknown): unknown[] {
  const copy = structuredClone(root);
  let target: Record<string | number, unknown> = copy as never;
  for (const key of path.slice(0, -1)) target = target[key] as never;
  target[path.at(-1)!] = value;
  return copy;
}

/** Every malformed variant of one channel's valid call. */
function hostileCalls(channel: Channel): Call[] {
  const valid = validArgs[channel];
  const calls: Call[] = [];
  const required = (
    channelArgs[channel] as unknown as { _zod: { def: { items: Array<{ _zod: { optin?: string } }> } } }
  )._zod.def.items.filter((item) => item._zod.optin !== 'optional').length;
  if (required > 0) {
    calls.push({ description: 'no arguments', args: [] });
    calls.push({ description: 'the last required argument missing', args: valid.slice(0, required - 1) });
  }
  if (valid.length === 0) {
    for (const hostile of hostileValues)
      calls.push({ description: `${hostile.name} as an argument`, args: [hostile.value()] });
  }
  calls.push({ description: 'an extra argument', args: [...valid, 'extra'] });
  calls.push({ description: 'an extra __proto__ object', args: [...valid, pollution()] });

  /** Walk every value of the valid call: each position, field and first array element. */
  const visit = (value: unknown, path: Array<string | number>): void => {
    const where = `${channel} ${path.join('.')}`;
    if (path.length > 0) {
      for (const hostile of hostileValues) {
        let replacement = hostile.value();
        const limit = largeStringLimits[where];
        if (hostile.name === '5 MB string' && limit !== undefined) replacement = 'a'.repeat(limit + 1);
        calls.push({ description: `${hostile.name} at ${path.join('.')}`, args: replaceAt(valid, path, replacement) });
      }
      calls.push({ description: `wrong type at ${path.join('.')}`, args: replaceAt(valid, path, wrongType(value)) });
    }
    if (Array.isArray(value)) {
      if (path.length > 0 && value.length > 0) visit(value[0], [...path, 0]);
      if (path.length === 0) value.forEach((item, index) => visit(item, [index]));
    } else if (value !== null && typeof value === 'object') {
      calls.push({
        description: `an unknown field in ${path.join('.')}`,
        args: replaceAt(valid, [...path, 'isAdmin'], true),
      });
      const polluted = Object.assign(pollution() as object, value);
      calls.push({ description: `a __proto__ field in ${path.join('.')}`, args: replaceAt(valid, path, polluted) });
      for (const [key, field] of Object.entries(value)) visit(field, [...path, key]);
    }
  };
  visit(valid, []);
  return calls;
}

const appEvent = { sender: {}, senderFrame: {} };
const trusted = () => true;

describe('every channel refuses malformed arguments before its handler runs', () => {
  it('accepts the well-formed call of every channel (so the variants below test the right thing)', async () => {
    expect(Object.keys(validArgs).sort()).toEqual([...channels].sort());
    const ipcMain = fakeIpcMain();
    const handlers = spyHandlers();
    registerIpc(ipcMain as never, handlers, trusted);
    for (const channel of channels) {
      await ipcMain.invoke(channel, appEvent, structuredClone(validArgs[channel]));
      expect(handlers[channel], channel).toHaveBeenCalledTimes(1);
    }
  });

  it.each(channels.map((channel) => [channel]))(
    '%s: wrong types, missing and extra arguments, NaN/Infinity, huge ids, 5 MB strings, huge arrays, deep nesting, __proto__',
    async (channel) => {
      const ipcMain = fakeIpcMain();
      const handlers = spyHandlers();
      registerIpc(ipcMain as never, handlers, trusted);
      const accepted: string[] = [];
      const calls = hostileCalls(channel);
      expect(calls.length).toBeGreaterThan(hostileValues.length);
      for (const call of calls) {
        const error = await ipcMain.invoke(channel, appEvent, call.args).then(
          () => null,
          (failure: unknown) => failure as Error,
        );
        if (error?.name !== 'ContractError' || !error.message.startsWith(`Invalid arguments for ${channel}`)) {
          accepted.push(`${call.description}: ${error ? `${error.name}: ${error.message.slice(0, 120)}` : 'accepted'}`);
        }
      }
      expect(accepted, `calls of ${channel} not refused with a ContractError`).toEqual([]);
      expect(handlers[channel]).not.toHaveBeenCalled();
      // Nothing reached Object.prototype on the way.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it('names the channel and the offending field in the error the renderer sees', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain as never, spyHandlers(), trusted);
    const call = replaceAt(validArgs['search:query'], [0, 'query'], fiveMegabytes);
    await expect(ipcMain.invoke('search:query', appEvent, call)).rejects.toThrow(
      /^Invalid arguments for search:query: .* at 0\.query$/,
    );
  });

  it('refuses channels that are not in the contract', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain as never, spyHandlers(), trusted);
    for (const name of ['__proto__', 'constructor', 'toString', 'vendors:delete', 'shell:exec']) {
      expect(() => ipcMain.invoke(name, appEvent, [])).toThrow(/no handler/);
    }
  });
});

/** Every string and array in an argument schema needs an upper bound (5 MB queries, million-tag lists). */
describe('the contract bounds every string and array', () => {
  interface ZodLike {
    _zod: { def: Record<string, unknown> & { type: string; checks?: Array<{ _zod: { def: { check?: string } } }> } };
  }
  function unbounded(schema: ZodLike, path: string, out: string[]): void {
    const def = schema._zod.def;
    const hasMax = (def.checks ?? []).some((check) =>
      ['max_length', 'length_equals'].includes(check._zod.def.check ?? ''),
    );
    if ((def.type === 'string' || def.type === 'array') && !hasMax) out.push(`${path} (${def.type})`);
    const children: Array<[string, unknown]> = [];
    if (def.type === 'array') children.push(['[]', def.element]);
    if (def.type === 'tuple') (def.items as unknown[]).forEach((item, index) => children.push([String(index), item]));
    if (def.type === 'object')
      for (const [key, value] of Object.entries(def.shape as object)) children.push([key, value]);
    if (def.type === 'union')
      (def.options as unknown[]).forEach((option, index) => children.push([`|${index}`, option]));
    if (['optional', 'nullable', 'default', 'readonly', 'nonoptional'].includes(def.type))
      children.push(['', def.innerType]);
    if (def.type === 'pipe') children.push(['', def.in], ['', def.out]);
    for (const [key, child] of children) {
      if (child) unbounded(child as ZodLike, key ? `${path}.${key}` : path, out);
    }
  }

  it('has a maximum length on every string and array argument and field', () => {
    const missing: string[] = [];
    for (const channel of channels) unbounded(channelArgs[channel] as unknown as ZodLike, channel, missing);
    expect(missing, 'schemas without a maximum').toEqual([]);
  });
});

describe('calls from anything but the app window are refused', () => {
  const indexFile = '/opt/policy-archive/out/renderer/index.html';
  const location = { kind: 'file', file: indexFile } as const;
  const appUrl = `file://${indexFile}`;

  function fakeWindow() {
    const mainFrame: Record<string, unknown> = { url: appUrl, parent: null };
    const webContents = { mainFrame };
    let destroyed = false;
    return {
      webContents,
      mainFrame,
      isDestroyed: () => destroyed,
      destroy: () => {
        destroyed = true;
      },
    };
  }

  function setup() {
    const window = fakeWindow();
    let current: ReturnType<typeof fakeWindow> | null = window;
    const ipcMain = fakeIpcMain();
    const handlers = spyHandlers();
    registerIpc(
      ipcMain as never,
      handlers,
      createSenderCheck(() => current as never, location),
    );
    return { window, ipcMain, handlers, close: () => (current = null) };
  }

  /** A frame Electron has disposed of: reading any property throws. */
  const disposedFrame = new Proxy(
    {},
    {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    },
  );

  it('answers the app window’s top frame', async () => {
    const { window, ipcMain, handlers } = setup();
    await ipcMain.invoke('vendors:list', { sender: window.webContents, senderFrame: window.mainFrame }, []);
    expect(handlers['vendors:list']).toHaveBeenCalledTimes(1);
  });

  it.each(channels.map((channel) => [channel]))(
    '%s: refused from another URL, a subframe, another webContents, a destroyed frame or window',
    async (channel) => {
      const { window, ipcMain, handlers, close } = setup();
      const args = structuredClone(validArgs[channel]);
      const senders: Array<[string, unknown]> = [
        ['a web page', { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
        [
          'a saved policy file',
          { sender: window.webContents, senderFrame: { url: 'file:///home/me/saved-policy.html', parent: null } },
        ],
        [
          'the srcdoc frame',
          { sender: window.webContents, senderFrame: { url: 'about:srcdoc', parent: window.mainFrame } },
        ],
        [
          'a subframe at the app URL',
          { sender: window.webContents, senderFrame: { url: appUrl, parent: window.mainFrame } },
        ],
        ['another webContents', { sender: { mainFrame: window.mainFrame }, senderFrame: window.mainFrame }],
        ['a gone frame (null)', { sender: window.webContents, senderFrame: null }],
        ['a disposed frame', { sender: window.webContents, senderFrame: disposedFrame }],
      ];
      for (const [what, event] of senders) {
        await expect(ipcMain.invoke(channel, event, args), what).rejects.toThrow(`Refused ${channel}`);
      }
      window.destroy();
      await expect(
        ipcMain.invoke(channel, { sender: window.webContents, senderFrame: window.mainFrame }, args),
        'destroyed window',
      ).rejects.toThrow(`Refused ${channel}`);
      close();
      await expect(
        ipcMain.invoke(channel, { sender: window.webContents, senderFrame: window.mainFrame }, args),
        'no window',
      ).rejects.toThrow(`Refused ${channel}`);
      expect(handlers[channel]).not.toHaveBeenCalled();
    },
  );
});
