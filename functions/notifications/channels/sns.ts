import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { smsText, toE164 } from './text.ts';
import type { Channel } from './types.ts';

let client: SNSClient | undefined;

/** SMS through Amazon SNS, sent directly to the phone number as a transactional message. */
export const snsChannel: Channel = {
  name: 'sns',
  async send(notification, recipient) {
    if (!recipient.phone) return { status: 'skipped', error: 'No phone number' };
    client ??= new SNSClient({ maxAttempts: 3 });
    await client.send(
      new PublishCommand({
        PhoneNumber: toE164(recipient.phone),
        Message: smsText(notification),
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        },
      }),
    );
    return { status: 'sent' };
  },
};
