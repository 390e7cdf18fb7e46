import { Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat, AccessLogField as Field } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from '../constructs/acknowledge.ts';

export interface GatewayStackProps extends StackProps {
  stage: string;
}

/**
 * The HTTP API itself, without routes. It stands apart from the api stack to break a cycle: the
 * distribution needs the API's address, the dashboard's app client needs the distribution's address,
 * and the routes (JWT audience) and the functions (AUTH_AUDIENCE) need the app client. See
 * docs/decisions/002-stack-order.md.
 */
export class GatewayStack extends Stack {
  readonly api: HttpApi;
  /**
   * CloudFront sends it to the API on every request and the functions refuse a request without it, so
   * the API's execute-api address, which CloudFront itself needs, is no way around the distribution
   * and its security headers (docs/decisions/012-the-aws-edge.md).
   */
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: GatewayStackProps) {
    super(scope, id, props);
    this.api = new HttpApi(this, 'Api', {
      apiName: `${props.stage}-api`,
      description: 'PropDesk API, reached through CloudFront at /api/*',
      createDefaultStage: false,
    });
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Proves a request to the HTTP API came through the PropDesk distribution',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
    });
    acknowledge(this.originSecret, {
      'AwsSolutions-SMG4':
        'Read at deployment into the distribution and the functions, not at run time: a rotation would leave both holding the old value. Rotate by putting a new value and redeploying',
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      // The api stack adds routes later; auto-deploy publishes them without a deployment resource.
      autoDeploy: true,
      // Far above a front desk's peak, far below the account's limit: one runaway client cannot starve the rest.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: Field.contextRequestId(),
            ip: Field.contextIdentitySourceIp(),
            requestTime: Field.contextRequestTime(),
            routeKey: Field.contextRouteKey(),
            path: Field.contextPath(),
            status: Field.contextStatus(),
            responseLength: Field.contextResponseLength(),
            responseLatency: Field.contextResponseLatency(),
            integrationLatency: Field.contextIntegrationLatency(),
            integrationError: Field.contextIntegrationErrorMessage(),
            authorizerError: Field.contextAuthorizerError(),
          }),
        ),
      },
    });
  }
}
