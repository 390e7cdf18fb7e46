import { badRequest } from './errors.ts';

/** Opaque page cursors: the LastEvaluatedKey, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A cursor is only accepted for the partition it came from, so a doctored cursor can never move a
 * query into another property's partition (DynamoDB itself would also refuse a start key outside the
 * key condition, but with a 500-looking ValidationException).
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid_cursor', 'The page cursor is not valid');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((v) => typeof v === 'string') &&
    (key as Record<string, string>)[partition.attribute] === partition.value;
  if (!valid) throw badRequest('invalid_cursor', 'The page cursor is not valid for this list');
  return key as Record<string, string>;
}
