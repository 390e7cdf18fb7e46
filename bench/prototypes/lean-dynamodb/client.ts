import { createHash, createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * Decision 014's second prototype: DynamoDB's JSON protocol signed with SigV4 by hand (node:crypto), no
 * SDK. Credentials from the environment, as Lambda provides them. Enough to measure what the SDK costs a
 * cold start; retries, throttling back-off and error types are what a real one would still need.
 */
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

export async function call<T>(operation: string, input: object): Promise<T> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const url = new URL(process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `https://dynamodb.${region}.amazonaws.com`);
  const body = JSON.stringify(input);
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const token = process.env.AWS_SESSION_TOKEN;
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-target': `DynamoDB_20120810.${operation}`,
    ...(token ? { 'x-amz-security-token': token } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    '',
    ...names.map((h) => `${h}:${headers[h]}`),
    '',
    names.join(';'),
    sha256(body),
  ];
  const scope = `${day}/${region}/dynamodb/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical.join('\n'))].join('\n');
  const key = ['dynamodb', 'aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(`AWS4${process.env.AWS_SECRET_ACCESS_KEY ?? ''}`, day), region),
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${process.env.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const text = await new Promise<string>((resolve, reject) => {
    const req = send(url, { method: 'POST', headers, agent: agents[url.protocol as 'http:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300)
          reject(new Error(`${operation} answered ${res.statusCode}: ${out}`));
        else resolve(out);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  return JSON.parse(text) as T;
}

/** The DocumentClient's GetItem: plain objects in and out. */
export async function getItem(table: string, key: Record<string, unknown>) {
  const out = await call<{ Item?: Record<string, never> }>('GetItem', {
    TableName: table,
    Key: marshall(key),
  });
  return out.Item ? unmarshall(out.Item) : undefined;
}
