import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { lambdaEntry } from '../../functions/domains.ts';
import { indexNames } from '../../functions/shared/table.ts';
import { acknowledge } from './acknowledge.ts';
import { repoRoot } from './repo.ts';

/** The newest Node runtime aws-cdk-lib 2.276 knows; cdk-nag (L1, Serverless-LambdaLatestVersion) checks the same list. */
export const lambdaRuntime = Runtime.NODEJS_24_X;

/**
 * What the data layer does to items, and nothing else: no Scan (no request or job path may scan the
 * table) and no table management. Transactions are authorised per item by these same actions.
 */
const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

const alarmPeriod = { period: Duration.minutes(5), statistic: 'Sum' } as const;

export interface DomainFunctionProps extends Pick<NodejsFunctionProps, 'onFailure' | 'retryAttempts'> {
  /** The folder under functions/ holding `lambda.ts`; also the Powertools service name. */
  name: string;
  memory: number;
  timeout: Duration;
  table: ITable;
  environment?: Record<string, string>;
}

/**
 * A PropDesk Lambda with the platform's defaults, its one grant (the items of the table) and an alarm
 * on its errors and one on its throttles.
 * Every domain and the jobs dispatcher are built by this, so none of them drifts in runtime,
 * bundling or logging.
 */
export class DomainFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: DomainFunctionProps) {
    const { name, memory, timeout, table, environment, ...rest } = props;
    super(scope, id, {
      ...rest,
      entry: join(repoRoot, lambdaEntry(name)),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: lambdaRuntime,
      architecture: Architecture.ARM_64,
      memorySize: memory,
      timeout,
      // Cold starts and per-invocation durations in the service map; X-Ray needs no code in the handler.
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.THREE_MONTHS }),
      environment: {
        TABLE_NAME: table.tableName,
        POWERTOOLS_SERVICE_NAME: name,
        // Stack traces in the logs point into functions/*.ts instead of the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // A bundled SDK loads faster than the runtime's copy and is the version the tests ran against.
        bundleAwsSDK: true,
        // CommonJS dependencies call require() for Node built-ins, which an ESM bundle lacks.
        banner:
          "import { createRequire as __propdeskRequire } from 'node:module'; const require = __propdeskRequire(import.meta.url);",
      },
    });
    this.addToRolePolicy(
      new PolicyStatement({
        actions: itemActions,
        // The table and its declared indexes by name: no index/* wildcard.
        resources: [table.tableArn, ...indexNames.map((index) => `${table.tableArn}/index/${index}`)],
      }),
    );
    // Errors: an invocation threw or timed out (a 5xx the function did not answer itself, or a failed
    // job run). Throttles: the account's or the function's concurrency turned requests away.
    const alarms = {
      Errors: [this.metricErrors(alarmPeriod), `${name}: an invocation failed; read its logs`],
      Throttles: [this.metricThrottles(alarmPeriod), `${name}: Lambda turned invocations away (concurrency)`],
    } as const;
    for (const [what, [metric, description]] of Object.entries(alarms)) {
      new Alarm(scope, `${id}${what}`, {
        alarmDescription: description,
        metric,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    }
    acknowledge(this.role!, {
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray PutTraceSegments/PutTelemetryRecords allow no resource-level permissions; the table statement names its resources',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'The AWS-managed basic execution role only lets the function write its own CloudWatch logs',
    });
  }
}
