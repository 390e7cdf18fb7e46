import { Validations } from 'aws-cdk-lib';
import { afterAll, expect, test } from 'vitest';
import { nagPacks } from '../../infra/app.ts';
import { synthPropDesk } from './synth.ts';

const synths: ReturnType<typeof synthPropDesk>[] = [];
afterAll(() => {
  for (const synth of synths) synth.dispose();
});

// Some findings name the account and region, so both kinds of synth are checked: the tests' (agnostic)
// and a deployment's (`cdk deploy` resolves the environment from the credentials).
test.each([
  { environment: 'environment-agnostic', env: undefined },
  {
    environment: 'a concrete account and region',
    env: { account: '111122223333', region: 'ap-southeast-1' },
  },
])('nag: AwsSolutions and Serverless find nothing unacknowledged ($environment)', ({ env }) => {
  const synth = synthPropDesk(env);
  synths.push(synth);
  // The same registration as `cdk synth`: an unacknowledged error makes the synth throw.
  Validations.of(synth.app).addPlugins(...nagPacks());
  expect(() => synth.app.synth()).not.toThrow();
  // Warnings do not fail a synth; list them too, so none slips in unnoticed.
  const findings = nagPacks().flatMap((pack) =>
    pack
      .validateScope(synth.app)
      .violations.map(
        (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
  );
  expect(findings).toEqual([]);
});
