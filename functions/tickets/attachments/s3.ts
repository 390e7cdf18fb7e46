import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { photoLimits } from './limits.ts';
import { type AttachmentStorage, downloadTtlSeconds, uploadTtlSeconds } from './storage.ts';

/** The bucket's lifecycle rule deletes objects tagged with this after a day (infra/constructs/attachments-bucket.ts). */
export const pendingTag = { Key: 'state', Value: 'pending' } as const;
const taggingXml = (value: string) =>
  `<Tagging><TagSet><Tag><Key>${pendingTag.Key}</Key><Value>${value}</Value></Tag></TagSet></Tagging>`;

export function s3Storage(bucket: string): AttachmentStorage {
  if (!bucket) throw new Error('ATTACHMENTS_BUCKET is not set');
  const s3 = new S3Client({});
  const tag = (keys: string[], value: string) =>
    Promise.all(
      keys.map((Key) =>
        s3.send(
          new PutObjectTaggingCommand({
            Bucket: bucket,
            Key,
            Tagging: { TagSet: [{ Key: pendingTag.Key, Value: value }] },
          }),
        ),
      ),
    ).then(() => undefined);
  return {
    name: 's3',
    async createUpload({ key, contentType, size }) {
      // The policy pins the key, the type, the exact length and the pending tag: S3 refuses anything else.
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: bucket,
        Key: key,
        Fields: { 'Content-Type': contentType, tagging: taggingXml(pendingTag.Value) },
        Conditions: [
          ['content-length-range', size, size],
          ['eq', '$Content-Type', contentType],
          ['eq', '$tagging', taggingXml(pendingTag.Value)],
        ],
        Expires: uploadTtlSeconds,
      });
      return { url, fields };
    },
    async confirm(key) {
      try {
        const out = await s3.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${photoLimits.sniffBytes - 1}` }),
        );
        const head = await out.Body!.transformToByteArray();
        // "bytes 0-31/123456": the total after the slash.
        const size = Number(out.ContentRange?.split('/')[1] ?? out.ContentLength);
        return { size, head };
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) {
          return { size: 0, head: new Uint8Array() };
        }
        throw error;
      }
    },
    urlFor: (key) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: downloadTtlSeconds }),
    markAttached: (keys) => tag(keys, 'attached'),
    markPending: (keys) => tag(keys, pendingTag.Value),
  };
}
