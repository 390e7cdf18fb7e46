/**
 * `npm run reconcile -- <propertyId> [...]`: recomputes each property's billing months from its
 * requests and adjustments (the property's partition Query, never a Scan) and prints every difference
 * with the month-figures items. Exit code 1 when there is one. Uses the table of TABLE_NAME and the
 * endpoint of AWS_ENDPOINT_URL_DYNAMODB (the local host's DynamoDB Local, or AWS with credentials).
 */
import { reconcileProperty } from '../functions/billing/reports/reconcile.ts';
import { asSystemOf } from '../functions/shared/actor.ts';

const propertyIds = process.argv.slice(2).filter((a) => a !== '--');
if (propertyIds.length === 0) {
  process.stderr.write('usage: npm run reconcile -- <propertyId> [...]\n');
  process.exit(2);
}
let different = 0;
for (const propertyId of propertyIds) {
  const result = await asSystemOf(propertyId, () => reconcileProperty(propertyId));
  different += result.differences.length;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
process.exit(different > 0 ? 1 : 0);
