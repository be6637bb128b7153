/**
 * The quick switcher's index, off the UI thread: builds the lunr index when
 * the page sends entries (at start-up and after each import) and answers
 * searches from it. The index stays here, so it is never serialised or
 * loaded on the page. Started by switcherEngine.ts; messages are processed in
 * order, so a search sent after a load is answered from the new index.
 */
import { searchSwitcher } from '../../../shared/quickSwitcher/searchSwitcher';
import { buildSwitcherIndex, type SwitcherIndex } from '../../../shared/quickSwitcher/switcherIndex';
import type { SwitcherReply, SwitcherRequest } from './switcherEngine';

/** The part of a dedicated worker's global scope used here (the renderer's types are the window's). */
interface WorkerScope {
  postMessage(message: SwitcherReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SwitcherRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let index: SwitcherIndex | null = null;

scope.addEventListener('message', ({ data: request }) => {
  if (request.type === 'load') {
    try {
      const started = performance.now();
      index = buildSwitcherIndex(request.entries);
      scope.postMessage({
        type: 'loaded',
        generation: request.generation,
        milliseconds: Math.round(performance.now() - started),
      });
    } catch (error) {
      scope.postMessage({ type: 'failed', id: null, generation: request.generation, message: messageOf(error) });
    }
  } else {
    try {
      const entries = index ? searchSwitcher(index, request.query, request.limit).map((match) => match.entry) : [];
      scope.postMessage({ type: 'results', id: request.id, entries });
    } catch (error) {
      scope.postMessage({ type: 'failed', id: request.id, generation: null, message: messageOf(error) });
    }
  }
});

scope.postMessage({ type: 'ready' });

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
