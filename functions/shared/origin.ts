/**
 * The header CloudFront adds to every /api request (infra/stacks/web-stack.ts), holding the origin
 * secret the functions compare with ORIGIN_SECRET (functions/shared/lambda.ts).
 */
export const originHeader = 'x-propdesk-origin';
