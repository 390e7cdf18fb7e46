import { Validations } from 'aws-cdk-lib';
import { afterAll, expect, test } from 'vitest';
import { nagPacks } from '../../infra/app.ts';
import { synthPropDesk } from './synth.ts';

const synth = synthPropDesk();
afterAll(() => synth.dispose());

test('nag: AwsSolutions and Serverless find nothing that is not acknowledged with a reason', () => {
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
