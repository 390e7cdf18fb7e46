import type { Channel } from './types.ts';

/**
 * The local host's e-mail and SMS: nothing leaves the machine. The outbox entry written with the
 * notification is the message, listed on the outbox page (GET …/properties/{propertyId}/outbox).
 */
export const outboxChannel: Channel = {
  name: 'outbox',
  send: async () => ({ status: 'sent' }),
};
