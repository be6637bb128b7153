/**
 * Runs IN THE PAGE (bundled by ./browserApiScript.ts and injected with
 * `page.addInitScript`): builds `window.policyArchive` with the real
 * `createApi` from src/shared/api.ts — so method names cannot drift from the
 * preload's — over the bridge's `POST /invoke` and `GET /events`.
 */
import { API_GLOBAL, createApi, type Invoke, type Subscribe } from '../../../src/shared/api';
import { eventNames, type EventName } from '../../../src/shared/events';

// The node-typed project has no DOM lib; these are the few browser APIs used here.
declare const window: Record<string, unknown>;
declare class EventSource {
  constructor(url: string);
  onmessage: ((event: { data: string }) => void) | null;
}

type Answer = { ok: true; result?: unknown } | { ok: false; error: { name: string; message: string } };

/** Like the preload's invoke: resolves with the handler's result or rejects with its message. */
const invoke = (async (channel: string, ...args: unknown[]) => {
  const response = await fetch('/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, args }),
  });
  const answer = (await response.json()) as Answer;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.result;
}) as Invoke;

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function connect(): void {
  if (source) return;
  source = new EventSource('/events');
  source.onmessage = (event) => {
    const { name, payload } = JSON.parse(event.data) as { name: EventName; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
}

/** Like the preload's subscribe: contract event names only, payload alone, exact unsubscribe. */
const subscribe: Subscribe = (event, listener) => {
  if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event "${String(event)}"`);
  const forward = (payload: unknown): void => listener(payload as Parameters<typeof listener>[0]);
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(forward);
  connect();
  return () => {
    listeners.get(event)?.delete(forward);
  };
};

/**
 * A browser has no file paths. Tests that drop files name them after paths the
 * bridge knows (`window.__droppedPaths`, set by the test), like Electron's
 * webUtils.getPathForFile would return them.
 */
const hostFiles = {
  pathFor: (file: { name: string }): string => {
    const known = window.__droppedPaths as Record<string, string> | undefined;
    return known?.[file.name] ?? '';
  },
};

window[API_GLOBAL] = Object.freeze(createApi(invoke, subscribe, hostFiles));
