export { lambdaTarget } from '../infra/constructs/domain-function.ts';
export { bundleLambda, type LambdaBundle, lambdaNodeOptions } from '../infra/constructs/lambda-bundle.ts';
