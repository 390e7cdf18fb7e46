import { Function as EdgeFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * Dashboard routes (/properties/p1, /auth/callback) are served index.html, so a deep link or a reload
 * works. It runs on the S3 behaviour only: an error of /api/* reaches the browser as the API sent it,
 * which a distribution-wide 403/404 → index.html error response would swallow.
 */
export function spaRewrite(scope: Construct, id: string): EdgeFunction {
  return new EdgeFunction(scope, id, {
    runtime: FunctionRuntime.JS_2_0,
    comment: 'Serve index.html for dashboard routes (paths without a file extension)',
    code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) request.uri = '/index.html';
  return request;
}`),
  });
}
