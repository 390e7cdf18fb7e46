import { type CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { pendingTag } from '../../functions/tickets/attachments/s3.ts';
import { acknowledge } from './acknowledge.ts';

export interface AttachmentsBucketProps {
  stage: string;
  /** The dashboard's origin: browsers upload and fetch photos straight from the bucket. */
  dashboardOrigin: string;
}

/**
 * The bucket's name follows from the stage, account and region alone, because the dashboard's CSP must
 * name the bucket and the distribution is made before the bucket (docs/decisions/002-stack-order.md):
 * the web stack cannot reference it. At most 25 + 8 + 12 + 1 + 14 characters, within S3's 63.
 */
export function attachmentsBucketName(scope: Construct, stage: string): string {
  const { account, region } = Stack.of(scope);
  return `${stage}-photos-${account}-${region}`;
}

/** Where the browser sends presigned POSTs and signed GETs (the SDK's virtual-hosted regional endpoint). */
export function attachmentsOrigin(scope: Construct, stage: string): string {
  const { region, urlSuffix } = Stack.of(scope);
  return `https://${attachmentsBucketName(scope, stage)}.s3.${region}.${urlSuffix}`;
}

/**
 * Ticket photos: private, encrypted, TLS only, access-logged. Browsers upload with presigned POSTs and
 * read with presigned GETs (functions/tickets/attachments/s3.ts); an upload stays tagged pending until a
 * ticket attaches it, and a pending object is deleted after a day
 * (docs/decisions/007-photos-uploaded-by-the-browser.md).
 */
export class AttachmentsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AttachmentsBucketProps) {
    super(scope, id);
    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, {
      'AwsSolutions-S1': 'This is the access-log bucket; logging it into itself would log its own log writes',
    });
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: attachmentsBucketName(this, props.stage),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'forget-unattached-uploads',
          tagFilters: { [pendingTag.Key]: pendingTag.Value },
          expiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [
        {
          allowedOrigins: [props.dashboardOrigin],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['*'],
          maxAge: 3600,
        },
      ],
    });
  }

  /**
   * What a Lambda does with the photos, and nothing more: sign uploads (which write and tag an object),
   * read the first bytes at confirm and sign reads, tag an object attached. Its own policy, so the
   * object wildcard is acknowledged on this statement alone.
   */
  grantPhotos(role: IRole): void {
    const policy = new Policy(this, `Access${role.node.addr.slice(0, 8)}`, {
      statements: [
        new PolicyStatement({
          actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject'],
          resources: [this.bucket.arnForObjects('*')],
        }),
      ],
    });
    policy.attachToRole(role);
    const stack = Stack.of(this);
    const bucketId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnResource));
    acknowledge(policy, {
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]:
        'Object keys are <propertyId>/<attachmentId>/<variant>, made per upload; the statement names this one bucket and object actions only',
    });
  }

  /** The configuration that selects S3 storage (functions/tickets/attachments/storage.ts). */
  get environment() {
    return { ATTACHMENTS_STORE: 's3', ATTACHMENTS_BUCKET: this.bucket.bucketName };
  }
}
