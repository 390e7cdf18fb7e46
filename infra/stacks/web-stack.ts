import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionEventType,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, type UserPool, UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { originHeader } from '../../functions/shared/origin.ts';
import { acknowledge } from '../constructs/acknowledge.ts';
import { attachmentsOrigin } from '../constructs/attachments-bucket.ts';
import { DashboardFiles } from '../constructs/dashboard-files.ts';
import { securityHeaders } from '../constructs/security-headers.ts';
import { spaRewrite } from '../constructs/spa-rewrite.ts';

export interface WebStackProps extends StackProps {
  stage: string;
  api: IHttpApi;
  /** Sent to the API with every request, which refuses requests without it. */
  originSecret: ISecret;
  userPool: UserPool;
  hostedUi: UserPoolDomain;
  /** vite's output folder, deployed to the bucket. */
  webDist: string;
}

/**
 * The one origin of the product: CloudFront serves the dashboard from a private bucket and forwards
 * /api/* to the HTTP API, so the dashboard calls relative URLs and needs no CORS. The dashboard's
 * Cognito app client lives here because its callback URL is this distribution's address.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly dashboardClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes through ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logs, {
      'AwsSolutions-S1': 'This is the access-log bucket; logging it into itself would log its own log writes',
    });
    const site = new Bucket(this, 'Dashboard', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'dashboard-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const signInOrigin = props.hostedUi.baseUrl();
    const headers = securityHeaders(this, 'SecurityHeaders', {
      signIn: signInOrigin,
      photos: attachmentsOrigin(this, props.stage),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${props.stage} dashboard and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes the Asian edge locations (Hong Kong, Singapore, Tokyo) closest to the users in China.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // gzip or brotli at the edge, as the browser asks (the cache policy keys on Accept-Encoding).
        compress: true,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { eventType: FunctionEventType.VIEWER_REQUEST, function: spaRewrite(this, 'SpaRewrite') },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(`${props.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            customHeaders: { [originHeader]: props.originSecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // API Gateway rejects a foreign Host header; every other header passes, Authorization included
          // (CloudFront forwards it from an origin request policy only when caching is disabled).
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    acknowledge(this.distribution, {
      'AwsSolutions-CFR1':
        'Staff of property companies sign in from wherever they work; no country is to be refused',
      'AwsSolutions-CFR2':
        'No WAF for now: every /api route needs a verified Cognito token and the stage is throttled; add a web ACL if abuse shows in the access logs',
      'AwsSolutions-CFR4':
        'The default *.cloudfront.net certificate cannot pin a minimum TLS version; that needs a custom domain with an ACM certificate',
    });

    const dashboardUrl = `https://${this.distribution.distributionDomainName}`;
    new CfnOutput(this, 'DashboardUrl', { value: dashboardUrl });
    // Made in this stack's scope (not userPool.addClient) so the auth stack does not depend on this one.
    this.dashboardClient = new UserPoolClient(this, 'DashboardClient', {
      userPool: props.userPool,
      userPoolClientName: `${props.stage}-dashboard`,
      // A browser app cannot keep a secret; PKCE protects the authorization code instead.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${dashboardUrl}/auth/callback`],
        logoutUrls: [`${dashboardUrl}/`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    new DashboardFiles(this, 'DashboardFiles', {
      bucket: site,
      distribution: this.distribution,
      dist: props.webDist,
      config: {
        auth: {
          mode: 'cognito',
          domain: signInOrigin,
          clientId: this.dashboardClient.userPoolClientId,
          region: this.region,
        },
        stage: props.stage,
      },
    });
  }
}
