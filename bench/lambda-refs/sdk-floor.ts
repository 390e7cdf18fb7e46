import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The floor every function pays: a handler that only creates the DynamoDB DocumentClient (and, for the
 * first-request figure, reads one item). The bench divides each function's cold start by this one's.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { key?: Record<string, string> }) => {
  if (event.key) await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event.key }));
  return { statusCode: 200 };
};
