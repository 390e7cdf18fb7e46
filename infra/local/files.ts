import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { photoLimits, sniffPhotoType } from '../../functions/tickets/attachments/limits.ts';
import {
  LocalFileRefusal,
  localFilesPath,
  readSigned,
  receiveUpload,
} from '../../functions/tickets/attachments/local.ts';

const refusal = (code: string, message: string) => ({ error: { code, message, details: null } });

/**
 * The local host's S3: takes the signed upload forms and serves the signed links that the local
 * attachment storage hands out (functions/tickets/attachments/local.ts). No session token: the signature
 * in the form or the URL is the authorisation, exactly as with presigned S3 requests.
 */
export function localFiles() {
  const files = new Hono().basePath(localFilesPath);
  files.onError((error, c) => {
    if (error instanceof LocalFileRefusal) return c.json(refusal(error.code, error.message), error.status);
    throw error;
  });
  files.post(
    '/upload',
    bodyLimit({
      // The form's own fields on top of the largest photo; the policy then pins the exact size.
      maxSize: photoLimits.maxBytes + 64 * 1024,
      onError: (c) => c.json(refusal('entity_too_large', 'The upload is larger than any photo may be'), 400),
    }),
    async (c) => {
      const form = await c.req.formData().catch(() => null);
      if (!form) return c.json(refusal('malformed_post', 'Not a form upload'), 400);
      const text = (name: string) => {
        const value = form.get(name);
        return typeof value === 'string' ? value : undefined;
      };
      const file = form.get('file');
      await receiveUpload({
        key: text('key'),
        contentType: text('Content-Type'),
        policy: text('policy'),
        signature: text('signature'),
        file: file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : undefined,
      });
      return c.body(null, 204);
    },
  );
  files.get('/:propertyId/:attachmentId/:variant', async (c) => {
    const { propertyId, attachmentId, variant } = c.req.param();
    const bytes = await readSigned(
      `${propertyId}/${attachmentId}/${variant}`,
      c.req.query('expires') ?? '',
      c.req.query('signature') ?? '',
    );
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': sniffPhotoType(bytes) ?? 'application/octet-stream',
      'cache-control': 'private, max-age=900',
    });
  });
  return files;
}
