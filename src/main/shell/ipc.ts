import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  channels,
  eventNames,
  parseArgs,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type EventName,
  type EventPayloads,
} from '../../shared/contract';
import type { Handlers } from '../handlerTypes';

/** Decides whether an IPC request comes from our own app frame. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/** The part of `ipcMain` the registration uses (lets tests pass a fake). */
export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Register one `ipcMain.handle` per contract channel. Each request is refused
 * unless `isTrustedSender` accepts the sending frame, then its arguments are
 * validated against the contract (ContractError on mismatch) before the
 * handler runs. Errors reach the renderer as rejected promises carrying the
 * error's message. Returns a function that removes every handler again.
 */
export function registerIpc(ipcMain: IpcRegistrar, handlers: Handlers, isTrustedSender: SenderCheck): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...rawArgs: unknown[]) => {
      if (!senderIsTrusted(isTrustedSender, event)) {
        throw new Error(`Refused ${channel}: the request did not come from the application window.`);
      }
      return dispatch(handlers, channel, rawArgs);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * A frame that is gone (destroyed, navigated away) makes Electron throw when
 * its properties are read: such a request is refused, never let through.
 */
function senderIsTrusted(isTrustedSender: SenderCheck, event: Parameters<SenderCheck>[0]): boolean {
  try {
    return isTrustedSender(event) === true;
  } catch {
    return false;
  }
}

async function dispatch<C extends Channel>(
  handlers: Handlers,
  channel: C,
  rawArgs: unknown[],
): Promise<ChannelResult<C>> {
  const args = parseArgs(channel, rawArgs);
  // The mapped Handlers type loses the link between C and its handler; the table's type guarantees it.
  const handler = handlers[channel] as unknown as (
    ...args: ChannelArgs<C>
  ) => Promise<ChannelResult<C>> | ChannelResult<C>;
  return handler(...args);
}

/**
 * Push an event to a renderer. Returns false (and sends nothing) when the
 * target is gone or the name is not one of the contract's events.
 */
export function sendEvent<E extends EventName>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  name: E,
  payload: EventPayloads[E],
): boolean {
  if (!eventNames.includes(name) || contents.isDestroyed()) return false;
  contents.send(name, payload);
  return true;
}
