import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { dashboardLink } from './text.ts';
import type { Channel } from './types.ts';

let client: SESv2Client | undefined;

/** E-mail through Amazon SES (v2 API), from the verified identity in NOTIFY_EMAIL_FROM. */
export const sesChannel: Channel = {
  name: 'ses',
  async send(notification, recipient) {
    const from = process.env.NOTIFY_EMAIL_FROM;
    if (!from) return { status: 'failed', error: 'NOTIFY_EMAIL_FROM is not set' };
    if (!recipient.email) return { status: 'skipped', error: 'No e-mail address' };
    client ??= new SESv2Client({ maxAttempts: 3 });
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [recipient.email] },
        Content: {
          Simple: {
            Subject: { Data: notification.title, Charset: 'UTF-8' },
            Body: {
              Text: {
                Data: [notification.body, dashboardLink(notification)].filter(Boolean).join('\n\n'),
                Charset: 'UTF-8',
              },
            },
          },
        },
      }),
    );
    return { status: 'sent' };
  },
};
