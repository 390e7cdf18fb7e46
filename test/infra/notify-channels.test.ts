import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, test } from 'vitest';
import { nagPacks } from '../../infra/app.ts';
import { synthPropDesk } from './synth.ts';

const configured = {
  notifyEmail: 'ses',
  notifyEmailFrom: 'desk@propdesk.example.cn',
  notifySms: 'sns',
  dashboardUrl: 'https://desk.propdesk.example.cn',
};
const synths: ReturnType<typeof synthPropDesk>[] = [];
const synth = (context: Record<string, string> = {}) => {
  const s = synthPropDesk({ account: '111122223333', region: 'ap-southeast-1' }, context);
  synths.push(s);
  return s;
};
afterAll(() => {
  for (const s of synths) s.dispose();
});

/** An ARN in the synthesized template: the partition stays a reference. */
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

const functionNamed = (s: ReturnType<typeof synth>, stack: 'jobs' | 'api', service: string) =>
  Object.values(s.template(s.stacks[stack]).findResources('AWS::Lambda::Function')).find(
    (f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === service,
  )!;

describe('notification channels in AWS', () => {
  const s = synth(configured);

  test.each([
    ['jobs', 'jobs'],
    ['api', 'tickets'],
  ] as const)('the %s stack’s %s function sends through SES and SNS as configured', (stack, service) => {
    expect(functionNamed(s, stack, service).Properties.Environment.Variables).toMatchObject({
      NOTIFY_EMAIL: 'ses',
      NOTIFY_SMS: 'sns',
      NOTIFY_EMAIL_FROM: configured.notifyEmailFrom,
      NOTIFY_DASHBOARD_URL: configured.dashboardUrl,
    });
    const template = s.template(s.stacks[stack]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Effect: 'Allow',
            Resource: [
              arn(':ses:ap-southeast-1:111122223333:identity/desk@propdesk.example.cn'),
              arn(':ses:ap-southeast-1:111122223333:identity/propdesk.example.cn'),
            ],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'sns:Publish', Effect: 'Allow', Resource: '*' },
          { Action: 'sns:Publish', Effect: 'Deny', Resource: arn(':sns:*:*:*') },
        ],
      },
    });
  });

  test('the directory and notifications functions get no sending rights', () => {
    for (const service of ['directory', 'notifications']) {
      expect(functionNamed(s, 'api', service).Properties.Environment.Variables.NOTIFY_EMAIL).toBeUndefined();
    }
  });

  test('nag: AwsSolutions and Serverless find nothing unacknowledged with SES and SNS switched on', () => {
    Validations.of(s.app).addPlugins(...nagPacks());
    expect(() => s.app.synth()).not.toThrow();
    const findings = nagPacks().flatMap((pack) =>
      pack.validateScope(s.app).violations.map((v) => `${v.severity} ${v.ruleName}`),
    );
    expect(findings).toEqual([]);
  });
});

test('unconfigured, e-mail and SMS stay in the outbox and nothing may send', () => {
  const s = synth();
  expect(functionNamed(s, 'jobs', 'jobs').Properties.Environment.Variables).toMatchObject({
    NOTIFY_EMAIL: 'outbox',
    NOTIFY_SMS: 'outbox',
  });
  const statements = JSON.stringify(s.template(s.stacks.jobs).findResources('AWS::IAM::Policy'));
  expect(statements).not.toContain('ses:SendEmail');
  expect(statements).not.toContain('sns:Publish');
});

test('notifyEmail=ses without a sender address is refused at synth', () => {
  expect(() => synth({ notifyEmail: 'ses' })).toThrow(/notifyEmailFrom/);
});
