/**
 * The renderer-facing API, built from the contract over any transport.
 * The preload builds it over Electron IPC; end-to-end tests build it over a
 * loopback HTTP bridge. The renderer only ever sees this shape (`Api`).
 */
import type { Channel, ChannelArgs, ChannelResult, EventName, EventPayloads } from './contract';

export type Invoke = <C extends Channel>(channel: C, ...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => () => void;

function method<C extends Channel>(invoke: Invoke, channel: C) {
  return (...args: ChannelArgs<C>): Promise<ChannelResult<C>> => invoke(channel, ...args);
}

/** What only the host can tell about files the user dropped on the window. */
export interface HostFiles {
  /** The file-system path of a dropped file or folder ('' when it has none). */
  pathFor(file: File): string;
}

export function createApi(invoke: Invoke, subscribe: Subscribe, files: HostFiles) {
  return {
    archive: {
      info: method(invoke, 'archive:info'),
      backup: method(invoke, 'archive:backup'),
      restore: method(invoke, 'archive:restore'),
      check: method(invoke, 'archive:check'),
    },
    vendors: {
      list: method(invoke, 'vendors:list'),
      timeline: method(invoke, 'vendors:timeline'),
      rename: method(invoke, 'vendors:rename'),
      merge: method(invoke, 'vendors:merge'),
      setTags: method(invoke, 'vendors:setTags'),
    },
    library: { vendors: method(invoke, 'library:vendors') },
    tags: { list: method(invoke, 'tags:list') },
    snapshots: {
      get: method(invoke, 'snapshots:get'),
      annotations: method(invoke, 'snapshots:annotations'),
      setTags: method(invoke, 'snapshots:setTags'),
      setNote: method(invoke, 'snapshots:setNote'),
      original: method(invoke, 'snapshots:original'),
    },
    search: {
      query: method(invoke, 'search:query'),
      versions: method(invoke, 'search:versions'),
      history: method(invoke, 'search:history'),
      trend: method(invoke, 'search:trend'),
    },
    documents: { types: method(invoke, 'documents:types') },
    switcher: { entries: method(invoke, 'switcher:entries') },
    diff: { compare: method(invoke, 'diff:compare') },
    timeline: {
      document: method(invoke, 'timeline:document'),
      events: method(invoke, 'timeline:events'),
      acrossEvent: method(invoke, 'timeline:acrossEvent'),
    },
    imports: {
      choose: method(invoke, 'import:choose'),
      start: method(invoke, 'import:start'),
      cancel: method(invoke, 'import:cancel'),
    },
    app: {
      openExternal: method(invoke, 'app:openExternal'),
      saveText: method(invoke, 'app:saveText'),
    },
    report: { export: method(invoke, 'report:export') },
    /** Paths of dropped files (Electron: webUtils.getPathForFile), to pass to imports.start. */
    files: { pathFor: (file: File): string => files.pathFor(file) },
    /** Subscribe to a main-process event; returns the unsubscribe function. */
    on: subscribe,
  };
}

export type Api = ReturnType<typeof createApi>;

/** Name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'policyArchive';
