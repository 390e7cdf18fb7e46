import { AssetHashType, Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  type FunctionProps,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { lambdaEntry } from '../../functions/domains.ts';
import { indexNames } from '../../functions/shared/table.ts';
import { acknowledge } from './acknowledge.ts';
import { buildLambdaSync, lambdaNodeOptions } from './lambda-bundle.ts';
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

/** The esbuild target for the runtime (`nodejs24.x` → `node24`). */
export const lambdaTarget = `node${/nodejs(\d+)/.exec(lambdaRuntime.name)![1]}`;

/**
 * The function's asset, bundled here with the shared esbuild options rather than by NodejsFunction, which
 * writes one file: with code splitting, what one route or job imports lazily stays a separate chunk and is
 * read only when that route runs. Local esbuild only (no Docker); the image is never pulled.
 */
function lambdaCode(entry: string): Code {
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: lambdaRuntime.bundlingImage,
      // Never run (the local bundling always succeeds), but part of CDK's bundling cache key: without the
      // entry in it, every function of an app got the first function's bundle.
      command: ['esbuild', entry],
      local: {
        tryBundle(outDir) {
          buildLambdaSync({ root: repoRoot, entry, outDir, target: lambdaTarget });
          return true;
        },
      },
    },
  });
}

export interface DomainFunctionProps extends Pick<FunctionProps, 'onFailure' | 'retryAttempts'> {
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
export class DomainFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: DomainFunctionProps) {
    const { name, memory, timeout, table, environment, ...rest } = props;
    super(scope, id, {
      ...rest,
      code: lambdaCode(lambdaEntry(name)),
      handler: 'index.handler',
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
        NODE_OPTIONS: lambdaNodeOptions,
        ...environment,
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
