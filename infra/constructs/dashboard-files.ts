import { join } from 'node:path';
import { type CfnElement, DefaultStackSynthesizer, Duration, Stack, Token } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { AppConfig } from '../../functions/contract.ts';
import { acknowledge } from './acknowledge.ts';

export type CognitoConfig = Extract<AppConfig, { auth: { mode: 'cognito' } }>;

export interface DashboardFilesProps {
  bucket: IBucket;
  distribution: IDistribution;
  /** vite's output folder: index.html, assets/ with hashed bundles, and the files of web/public. */
  dist: string;
  /** Written as /config.json, which the dashboard reads at start. */
  config: CognitoConfig;
}

/**
 * The built dashboard in two deployments by cache lifetime. Hashed bundles never change under their
 * name, so browsers keep them for a year; index.html, config.json and the public files are
 * revalidated on every load, so a deployment shows at the next reload. Neither prunes: a tab opened
 * before a deployment can still lazy-load the chunks of the version it started with.
 */
export class DashboardFiles extends Construct {
  constructor(scope: Construct, id: string, props: DashboardFilesProps) {
    super(scope, id);
    const bundles = new BucketDeployment(this, 'Bundles', {
      sources: [Source.asset(join(props.dist, 'assets'))],
      destinationBucket: props.bucket,
      destinationKeyPrefix: 'assets/',
      prune: false,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
    });
    const entry = new BucketDeployment(this, 'Entry', {
      sources: [
        Source.asset(props.dist, { exclude: ['assets'] }),
        Source.jsonData('config.json', props.config),
      ],
      destinationBucket: props.bucket,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: ['/*'],
    });
    // A new index.html must never reach the bucket before the bundles it references.
    entry.node.addDependency(bundles);
    acknowledgeCdkHandler(bundles, props.bucket);
  }
}

/** aws-cdk-lib's BucketDeployment handler: one function shared by every deployment of the stack. */
function acknowledgeCdkHandler(deployment: BucketDeployment, bucket: IBucket) {
  const role = deployment.handlerRole;
  const handler = role.node.scope!;
  const cdkManaged = 'aws-cdk-lib’s BucketDeployment handler, run by CloudFormation once per deployment';
  acknowledge(handler, {
    'AwsSolutions-L1': `${cdkManaged}; its runtime is pinned by aws-cdk-lib and moves with it`,
    'Serverless-LambdaLatestVersion': `${cdkManaged}; its runtime is pinned by aws-cdk-lib and moves with it`,
    'Serverless-LambdaDLQ': `${cdkManaged}, invoked synchronously by the custom-resource framework`,
    'Serverless-LambdaTracing': `${cdkManaged}; nothing to trace`,
  });
  const stack = Stack.of(bucket);
  const bucketLogicalId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  // cdk-nag names the bootstrap asset bucket as resolved: environment-agnostic parts stay placeholders.
  const envPart = (value: string, placeholder: string) =>
    Token.isUnresolved(value) ? `<${placeholder}>` : value;
  const stagingBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${envPart(stack.account, 'AWS::AccountId')}-${envPart(stack.region, 'AWS::Region')}`;
  const copyFiles = `${cdkManaged}: aws-cdk-lib’s grants to read the staged asset and sync it into the dashboard bucket`;
  acknowledge(role, {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': `${cdkManaged}; the AWS-managed basic execution role only writes its logs`,
    'AwsSolutions-IAM5[Action::s3:GetObject*]': copyFiles,
    'AwsSolutions-IAM5[Action::s3:GetBucket*]': copyFiles,
    'AwsSolutions-IAM5[Action::s3:List*]': copyFiles,
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]': copyFiles,
    'AwsSolutions-IAM5[Action::s3:Abort*]': copyFiles,
    [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${stagingBucket}/*]`]: copyFiles,
    [`AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`]: copyFiles,
    'AwsSolutions-IAM5[Resource::*]': `${cdkManaged}: CloudFront invalidations allow no resource-level permissions`,
  });
}
