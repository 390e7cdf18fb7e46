import { Stack } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { acknowledge } from './acknowledge.ts';

/**
 * How notifications leave the system, from the app's context (`cdk deploy -c notifyEmail=ses
 * -c notifyEmailFrom=desk@example.cn -c notifySms=sns -c dashboardUrl=https://…`): the NOTIFY_*
 * environment functions/notifications/channels reads, and the grants the chosen adapters need. Unset,
 * e-mail and SMS are only recorded in the outbox, and no grant is given.
 */
export interface NotifyChannels {
  email: 'ses' | 'outbox';
  sms: 'sns' | 'outbox';
  emailFrom?: string;
  dashboardUrl?: string;
}

export function notifyChannelsOf(scope: Construct): NotifyChannels {
  const context = (key: string) => scope.node.tryGetContext(key) as string | undefined;
  const email = context('notifyEmail') ?? 'outbox';
  const sms = context('notifySms') ?? 'outbox';
  if (email !== 'ses' && email !== 'outbox')
    throw new Error(`notifyEmail must be ses or outbox, not ${email}`);
  if (sms !== 'sns' && sms !== 'outbox') throw new Error(`notifySms must be sns or outbox, not ${sms}`);
  const emailFrom = context('notifyEmailFrom');
  if (email === 'ses' && !emailFrom?.includes('@'))
    throw new Error('notifyEmail=ses needs notifyEmailFrom, the verified sender address');
  return { email, sms, emailFrom, dashboardUrl: context('dashboardUrl') };
}

export function notifyEnvironment(channels: NotifyChannels): Record<string, string> {
  return {
    NOTIFY_EMAIL: channels.email,
    NOTIFY_SMS: channels.sms,
    ...(channels.emailFrom ? { NOTIFY_EMAIL_FROM: channels.emailFrom } : {}),
    ...(channels.dashboardUrl ? { NOTIFY_DASHBOARD_URL: channels.dashboardUrl } : {}),
  };
}

/** Lets `fn` send through the configured adapters: SES from the sender's identity, SMS to phone numbers only. */
export function grantNotifyChannels(fn: LambdaFunction, channels: NotifyChannels): void {
  const stack = Stack.of(fn);
  if (channels.email === 'ses' && channels.emailFrom) {
    const domain = channels.emailFrom.split('@')[1]!;
    // The sender may be verified as the address itself or as its domain.
    const identities = [channels.emailFrom, domain].map((name) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: identities }));
  }
  if (channels.sms === 'sns') {
    const policy = new Policy(fn, 'SmsPolicy', {
      roles: [fn.role!],
      statements: [
        // Publishing straight to a phone number has no resource to name.
        new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
        // …so every topic is refused: this function texts people, it does not post to topics.
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [stack.formatArn({ service: 'sns', resource: '*', region: '*', account: '*' })],
        }),
      ],
    });
    acknowledge(policy, {
      'AwsSolutions-IAM5[Resource::*]':
        'SNS direct-to-phone SMS allows no resource-level permission; a Deny on every topic ARN leaves only phone numbers',
    });
  }
}
