import { type CfnElement, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type JobPayload, jobs } from '../../functions/jobs/index.ts';
import { acknowledge } from '../constructs/acknowledge.ts';
import { DomainFunction } from '../constructs/domain-function.ts';
import { grantNotifyChannels, notifyChannelsOf, notifyEnvironment } from '../constructs/notify-channels.ts';

export interface JobsStackProps extends StackProps {
  stage: string;
  table: ITable;
  /** Signs the household links in the billing delivery job's texts (the api stack's). */
  householdLinkSecret: ISecret;
}

/**
 * The declared jobs on EventBridge Scheduler, each in its own time zone, all delivered to the one jobs
 * Lambda. Whatever cannot be delivered or keeps failing ends in one dead-letter queue, and an alarm
 * fires as soon as anything is in it.
 */
export class JobsStack extends Stack {
  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const itIsTheDlq = 'This queue is itself the dead-letter queue of the schedules and of the jobs Lambda';
    acknowledge(deadLetters, { 'AwsSolutions-SQS3': itIsTheDlq, 'Serverless-SQSRedrivePolicy': itIsTheDlq });

    // The SLA check tells people by e-mail and SMS as well as in-app.
    const channels = notifyChannelsOf(this);
    const runner = new DomainFunction(this, 'JobsFunction', {
      name: 'jobs',
      memory: 1024,
      // A sweep reads a property at a time; the limit only stops a run that hangs.
      timeout: Duration.minutes(5),
      table: props.table,
      environment: {
        ...notifyEnvironment(channels),
        HOUSEHOLD_LINK_SECRET: props.householdLinkSecret.secretValue.unsafeUnwrap(),
      },
      // Scheduler invokes asynchronously: Lambda retries a failed run, then records it with its error.
      retryAttempts: 2,
      onFailure: new SqsDestination(deadLetters),
    });
    grantNotifyChannels(runner, channels);
    acknowledge(runner, {
      'Serverless-LambdaDLQ':
        'Failed runs go to the on-failure destination (the dead-letter queue), which also records the error; a DeadLetterConfig would duplicate it',
    });

    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    acknowledge(schedulerRole, {
      [`AwsSolutions-IAM5[Resource::<${this.getLogicalId(runner.node.defaultChild as CfnElement)}.Arn>:*]`]:
        'aws-cdk-lib’s LambdaInvoke target grants invoke on the jobs function’s versions too; it is the only function',
    });

    for (const job of jobs) {
      // Every attempt of one firing carries the same scheduledAt, the run's idempotency key.
      const payload: JobPayload = { job: job.name, scheduledAt: ContextAttribute.scheduledTime };
      new Schedule(this, `${job.name}Schedule`, {
        scheduleName: `${props.stage}-${job.name}`,
        description: job.description,
        schedule: ScheduleExpression.expression(`cron(${job.cron})`, TimeZone.of(job.timeZone)),
        timeWindow: TimeWindow.off(),
        target: new LambdaInvoke(runner, {
          role: schedulerRole,
          input: ScheduleTargetInput.fromObject(payload),
          deadLetterQueue: deadLetters,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }

    // Failed runs alarm like every function's errors (JobsFunctionErrors, from DomainFunction).
    new Alarm(this, 'DeadLettersWaiting', {
      alarmDescription: 'A job run was given up on: its payload and error are in the dead-letter queue',
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
