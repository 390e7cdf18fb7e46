export { bundleLambda, type LambdaBundle, lambdaNodeOptions } from '../infra/constructs/lambda-bundle.ts';

/** The target the construct derives from its runtime (`nodejs24.x` → `node24`); node22 if the construct won't load. */
export async function lambdaTarget(log: (m: string) => void): Promise<string> {
  try {
    const { lambdaRuntime } = await import('../infra/constructs/domain-function.ts');
    const match = /nodejs(\d+)/.exec(lambdaRuntime.name);
    if (match) return `node${match[1]}`;
  } catch (error) {
    log(
      `could not read the Lambda runtime from infra/constructs/domain-function.ts (${(error as Error).message})`,
    );
  }
  return 'node22';
}
