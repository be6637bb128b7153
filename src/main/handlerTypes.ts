import type { Channel, ChannelArgs, ChannelResult } from '../shared/contract';

/** One function per contract channel; arguments arrive already validated. */
export type Handlers = {
  [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};
