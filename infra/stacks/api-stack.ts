import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { domains, platformDeclaration } from '../../functions/domains.ts';
import { acknowledge } from '../constructs/acknowledge.ts';
import { AttachmentsBucket } from '../constructs/attachments-bucket.ts';
import { DomainFunction } from '../constructs/domain-function.ts';
import { grantNotifyChannels, notifyChannelsOf, notifyEnvironment } from '../constructs/notify-channels.ts';

export interface ApiStackProps extends StackProps {
  stage: string;
  api: IHttpApi;
  originSecret: ISecret;
  table: ITable;
  userPool: UserPool;
  dashboardClient: IUserPoolClient;
  /** The dashboard's address: browsers upload photos straight to the attachments bucket from it. */
  dashboardOrigin: string;
}

/** One Lambda per declared domain, each behind `ANY /api/<domain>/{proxy+}` on the gateway's HTTP API. */
export class ApiStack extends Stack {
  /** The household links' HMAC key: the jobs stack gives it to the delivery job. */
  readonly householdLinkSecret: ISecret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const issuer = props.userPool.userPoolProviderUrl;
    const audience = props.dashboardClient.userPoolClientId;
    // The gateway turns away unsigned requests before a Lambda starts; the Lambda verifies the token again
    // itself (functions/shared/auth.ts), so the local host, which has no gateway, runs the same check.
    const authorizer = new HttpJwtAuthorizer('StaffToken', issuer, { jwtAudience: [audience] });
    // Routes bind their authorizer into the API construct's scope; a local reference keeps the
    // authorizer (which names the app client) in this stack instead of the gateway stack.
    const api = HttpApi.fromHttpApiAttributes(this, 'Api', { httpApiId: props.api.apiId });

    const channels = notifyChannelsOf(this);

    const attachments = new AttachmentsBucket(this, 'Attachments', {
      stage: props.stage,
      dashboardOrigin: props.dashboardOrigin,
    });

    const apiFunction = (name: string, memory: number, environment: Record<string, string> = {}) => {
      const handler = new DomainFunction(this, `${name}Function`, {
        name,
        memory,
        // Just under the HTTP API's 30 s integration limit, so the function, not the gateway, reports a timeout.
        timeout: Duration.seconds(29),
        table: props.table,
        environment: {
          AUTH_ISSUER: issuer,
          AUTH_AUDIENCE: audience,
          // Read at deployment (a dynamic reference), compared on every request (functions/shared/lambda.ts).
          ORIGIN_SECRET: props.originSecret.secretValue.unsafeUnwrap(),
          ...environment,
        },
      });
      acknowledge(handler, {
        'Serverless-LambdaDLQ':
          'Invoked synchronously by API Gateway: the caller gets the error, nothing is queued',
      });
      return handler;
    };

    // Signs the household view's links (functions/billing/delivery/link.ts), read at deployment as the
    // origin secret is; the jobs stack's delivery job signs the links in its texts with the same one.
    const householdLinkSecret = new Secret(this, 'HouseholdLinkSecret', {
      description: 'HMAC key of the signed, expiring links to a household’s payment request',
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
    });
    acknowledge(householdLinkSecret, {
      'AwsSolutions-SMG4':
        'Read at deployment into the functions, not at run time: rotating it ends every link given out, so rotate by putting a new value and redeploying when that is wanted',
    });
    this.householdLinkSecret = householdLinkSecret;

    for (const domain of domains) {
      // Recording an urgent complaint tells people at once, and a collector's reminder goes to a
      // household, through the same channels as the jobs.
      const notifies = domain.name === 'tickets' || domain.name === 'billing';
      const handler = apiFunction(domain.name, domain.memory, {
        ...(notifies ? notifyEnvironment(channels) : {}),
        ...(domain.attachments ? attachments.environment : {}),
        ...(domain.name === 'billing'
          ? { HOUSEHOLD_LINK_SECRET: householdLinkSecret.secretValue.unsafeUnwrap() }
          : {}),
      });
      if (notifies) grantNotifyChannels(handler, channels);
      if (domain.attachments) attachments.grantPhotos(handler.role!);
      const integration = new HttpLambdaIntegration(`${domain.name}Integration`, handler);
      new HttpRoute(this, `${domain.name}Route`, {
        httpApi: api,
        routeKey: HttpRouteKey.with(`/api/${domain.name}/{proxy+}`, HttpMethod.ANY),
        integration,
        authorizer,
      });
      for (const route of domain.publicRoutes ?? []) {
        const publicRoute = new HttpRoute(this, `${domain.name}${route.path.replace(/\W/g, '')}Route`, {
          httpApi: api,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
        });
        acknowledge(publicRoute, { 'AwsSolutions-APIG4': route.why });
      }
    }

    const platform = new HttpLambdaIntegration(
      'platformIntegration',
      apiFunction(platformDeclaration.name, platformDeclaration.memory),
    );
    for (const route of platformDeclaration.routes) {
      const httpRoute = new HttpRoute(this, `platform${route.path.replace(/\W/g, '')}Route`, {
        httpApi: api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: platform,
        ...(route.public ? {} : { authorizer }),
      });
      if (route.public) {
        acknowledge(httpRoute, {
          'AwsSolutions-APIG4':
            'The health check is public on purpose (monitors have no token); it reads one key and answers only reachable or not',
        });
      }
    }
  }
}
