/**
 * Which errors mean "the database cannot answer now" (throttled, failing, unreachable, too slow) as
 * opposed to a bug: the HTTP layer answers those with 503 and Retry-After, and a job leaves the work
 * for its next run. A leaf module, so a job can ask without loading the HTTP layer.
 */
const unavailableNames = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// A cancelled transaction is a conflict when a condition failed (the data layer answers 409 for that);
// cancelled only for these reasons, retrying later succeeds.
const transientCancellations = new Set([
  'None',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
  'TransactionConflict',
]);

type SdkError = Error & {
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
};

export function isUnavailable(error: unknown): boolean {
  for (let e = error as SdkError | undefined, depth = 0; e && depth < 5; e = e.cause as SdkError, depth++) {
    if (typeof e !== 'object') return false;
    if (unavailableNames.has(e.name) || (e.code && unavailableCodes.has(e.code))) return true;
    if (e.name === 'TransactionCanceledException')
      return (e.CancellationReasons ?? []).every((r) => transientCancellations.has(r.Code ?? 'None'));
    if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  }
  return false;
}
