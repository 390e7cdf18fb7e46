import type { ChannelName } from '../records.ts';
import { inAppChannel } from './in-app.ts';
import { outboxChannel } from './outbox.ts';
import type { Channel } from './types.ts';

export type { Channel, Recipient, SendResult } from './types.ts';

/**
 * Which adapter carries each channel, from the configuration: NOTIFY_EMAIL=ses and NOTIFY_SMS=sns in
 * AWS; unset (or `outbox`) records the message in the property's outbox and sends nothing.
 */
const adapters: Record<Exclude<ChannelName, 'inApp'>, Record<string, () => Promise<Channel>>> = {
  email: {
    outbox: async () => outboxChannel,
    ses: async () => (await import('./ses.ts')).sesChannel,
  },
  sms: {
    outbox: async () => outboxChannel,
    sns: async () => (await import('./sns.ts')).snsChannel,
  },
};

const configKey = { email: 'NOTIFY_EMAIL', sms: 'NOTIFY_SMS' } as const;

let overrides: Partial<Record<ChannelName, Channel>> = {};

export function configuredProvider(channel: Exclude<ChannelName, 'inApp'>): string {
  return overrides[channel]?.name ?? process.env[configKey[channel]] ?? 'outbox';
}

export async function channelFor(channel: ChannelName): Promise<Channel> {
  const override = overrides[channel];
  if (override) return override;
  if (channel === 'inApp') return inAppChannel;
  const provider = configuredProvider(channel);
  const make = adapters[channel][provider];
  if (!make)
    throw new Error(`${configKey[channel]}=${provider} is not one of ${Object.keys(adapters[channel])}`);
  return make();
}

/** Replaces channels (tests: a failing SMS gateway); returns the function that restores the configuration. */
export function useChannels(replacements: Partial<Record<ChannelName, Channel>>): () => void {
  const previous = overrides;
  overrides = { ...overrides, ...replacements };
  return () => {
    overrides = previous;
  };
}
