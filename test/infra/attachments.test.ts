import { afterAll, expect, test } from 'vitest';
import { domains } from '../../functions/domains.ts';
import { synthPropDesk } from './synth.ts';

const synth = synthPropDesk();
afterAll(() => synth.dispose());
// biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions are its type check
type Resource = { Type: string; Properties: Record<string, any> };
const template = synth.template(synth.stacks.api).toJSON() as { Resources: Record<string, Resource> };
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

test('photos: a private, encrypted bucket that forgets uploads never attached after a day', () => {
  const withCors = ofType('AWS::S3::Bucket').filter(([, b]) => b.Properties.CorsConfiguration);
  expect(withCors).toHaveLength(1);
  const bucket = withCors[0]![1].Properties;
  expect(bucket.PublicAccessBlockConfiguration).toEqual({
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  });
  expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
    SSEAlgorithm: 'AES256',
  });
  expect(bucket.LoggingConfiguration).toBeDefined();
  expect(bucket.LifecycleConfiguration.Rules).toContainEqual(
    expect.objectContaining({
      ExpirationInDays: 1,
      Status: 'Enabled',
      TagFilters: [{ Key: 'state', Value: 'pending' }],
    }),
  );
  const cors = bucket.CorsConfiguration.CorsRules[0];
  expect(cors.AllowedMethods).toEqual(['POST', 'GET', 'HEAD']);
  expect(JSON.stringify(cors.AllowedOrigins)).toMatch(/"https:\/\/".*Distribution.*DomainName/);
  const policies = ofType('AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p.Properties));
  expect(policies.some((p) => p.includes('aws:SecureTransport'))).toBe(true);
});

test('photos: only the tickets Lambda may put, tag and get objects, and it knows the bucket', () => {
  const s3Statements = ofType('AWS::IAM::Policy').flatMap(([, p]) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
      .map((s) => ({ roles: JSON.stringify(p.Properties.Roles), actions: [s.Action].flat() })),
  );
  expect(s3Statements).toHaveLength(1);
  expect(s3Statements[0]!.actions).toEqual(['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject']);
  expect(s3Statements[0]!.roles).toContain('ticketsFunction');

  const functions = ofType('AWS::Lambda::Function').filter(([id]) => id.includes('Function'));
  for (const domain of domains) {
    const [, fn] = functions.find(([id]) => id.startsWith(`${domain.name}Function`))!;
    const env = fn.Properties.Environment.Variables;
    if (domain.attachments) {
      expect(env.ATTACHMENTS_STORE).toBe('s3');
      expect(env.ATTACHMENTS_BUCKET).toEqual({ Ref: expect.stringMatching(/^AttachmentsBucket/) });
    } else {
      expect(env.ATTACHMENTS_BUCKET).toBeUndefined();
    }
  }
});
