import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable, localCredentials } from '../../infra/local/dynamo.ts';

const endpoint = inject('dynamoEndpoint');
process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
process.env.AWS_REGION = 'local';
process.env.AWS_ACCESS_KEY_ID = localCredentials.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = localCredentials.secretAccessKey;
process.env.TABLE_NAME = `test-${randomBytes(4).toString('hex')}`;
process.env.POWERTOOLS_DEV = 'true';
process.env.LOG_LEVEL = 'ERROR';
// A 100,000-ticket load on a busy machine can outlast the deployed 3 s request timeout; a test waits for it.
process.env.DYNAMODB_REQUEST_TIMEOUT_MS = '30000';
await ensureTable(endpoint, process.env.TABLE_NAME);
