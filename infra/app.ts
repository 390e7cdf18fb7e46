import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { repoRoot } from './constructs/repo.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { AuthStack } from './stacks/auth-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { GatewayStack } from './stacks/gateway-stack.ts';
import { JobsStack } from './stacks/jobs-stack.ts';
import { WebStack } from './stacks/web-stack.ts';

export interface BuildOptions {
  app?: App;
  /** Prefix of every stack and named resource; else the context value `stage`, else `propdesk`. */
  stage?: string;
  /** The built dashboard; defaults to web/dist. */
  webDist?: string;
  env?: Environment;
}

/**
 * web/dist, built first when it is missing (a fresh clone), so `npx cdk synth` works as the README says.
 * An existing build is used as it is: `npm run deploy` and `npm run synth` rebuild it every time.
 */
function builtDashboard(): string {
  const dist = join(repoRoot, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    // stderr only: the CDK CLI reads nothing from the app's output, but a user reads the CLI's stdout.
    console.error('web/dist is missing: building the dashboard first (npm run build:web)');
    execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  }
  return dist;
}

const referenceStrength = '@aws-cdk/core:defaultCrossStackReferences';

// Lowercase and short: it becomes part of the Cognito domain prefix, which allows nothing else.
const stagePattern = /^[a-z][a-z0-9-]{1,24}$/;

/**
 * Every stack of PropDesk, in deployment order. The order is forced by one cycle, broken by the
 * gateway stack (docs/decisions/002-stack-order.md):
 * data → auth (user pool) → gateway (HTTP API) → web (distribution, app client, files) → api (routes,
 * functions); jobs needs only the table.
 */
export function buildApp(options: BuildOptions = {}) {
  const app = options.app ?? new App();
  // Imports (not Fn::GetStackOutput): CloudFormation refuses to delete the table or the user pool stack
  // while a stack still uses them. Said explicitly, because aws-cdk-lib warns about the implicit default.
  if (app.node.tryGetContext(referenceStrength) === undefined)
    app.node.setContext(referenceStrength, 'strong');
  const stage: string = options.stage ?? app.node.tryGetContext('stage') ?? 'propdesk';
  if (!stagePattern.test(stage)) throw new Error(`stage "${stage}" must match ${stagePattern}`);
  const webDist = options.webDist ?? builtDashboard();
  if (!existsSync(join(webDist, 'index.html'))) {
    // Deploying without the dashboard would replace a working one with nothing.
    throw new Error(`${webDist}/index.html is missing: build the dashboard first (npm run build:web)`);
  }
  const env = options.env;
  const name = (part: string) => `${stage}-${part}`;

  const data = new DataStack(app, name('data'), { env });
  const auth = new AuthStack(app, name('auth'), { env, stage });
  const gateway = new GatewayStack(app, name('gateway'), { env, stage });
  const web = new WebStack(app, name('web'), {
    env,
    stage,
    webDist,
    api: gateway.api,
    originSecret: gateway.originSecret,
    userPool: auth.userPool,
    hostedUi: auth.hostedUi,
  });
  const api = new ApiStack(app, name('api'), {
    env,
    stage,
    api: gateway.api,
    originSecret: gateway.originSecret,
    table: data.table,
    userPool: auth.userPool,
    dashboardClient: web.dashboardClient,
    dashboardOrigin: `https://${web.distribution.distributionDomainName}`,
  });
  const jobs = new JobsStack(app, name('jobs'), {
    env,
    stage,
    table: data.table,
    householdLinkSecret: api.householdLinkSecret,
  });
  return { app, stage, stacks: { data, auth, gateway, web, api, jobs } };
}

/** The rule packs every synth is checked against; an unacknowledged error fails the synth. */
export function nagPacks() {
  return [new AwsSolutionsChecks(), new ServerlessChecks()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { app } = buildApp({
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(...nagPacks());
}
