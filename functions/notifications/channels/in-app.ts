import type { Channel } from './types.ts';

/** The notification record in the recipient's inbox is the delivery: it is sent when it is written. */
export const inAppChannel: Channel = {
  name: 'inApp',
  send: async () => ({ status: 'sent' }),
};
