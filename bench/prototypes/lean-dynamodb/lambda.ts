import { getItem } from './client.ts';

/** The SDK floor's handler (bench/lambda-refs/sdk-floor.ts) on the hand-signed client. */
export const handler = async (event: { key?: Record<string, string> }) => {
  if (event.key) await getItem(process.env.TABLE_NAME ?? '', event.key);
  return { statusCode: 200 };
};
