import { z } from '@hono/zod-openapi';
import { id } from '../../directory/schemas.ts';
import { photoLimits, photoTypes } from './limits.ts';

export const exampleAttachmentId = '01exampleattachment';

export const uploadRequest = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    contentType: z.enum(photoTypes),
    size: z.int().min(1).max(photoLimits.maxBytes, 'A photo may be at most 10 MB'),
    thumbnailSize: z.int().min(1).max(photoLimits.maxThumbnailBytes, 'A thumbnail may be at most 200 KB'),
  })
  .openapi('PhotoUploadRequest', {
    example: { fileName: 'IMG_0412.jpg', contentType: 'image/jpeg', size: 2_345_678, thumbnailSize: 24_576 },
  });
export type UploadRequest = z.output<typeof uploadRequest>;

export const attachmentParams = z.object({ propertyId: id, attachmentId: id });

const presignedPost = z.object({ url: z.string(), fields: z.record(z.string(), z.string()) });
export const uploadResponse = z
  .object({ attachmentId: id, upload: presignedPost, thumbnailUpload: presignedPost, expiresIn: z.int() })
  .openapi('PhotoUpload');

export const photoView = z
  .object({
    id,
    state: z.enum(['pending', 'ready', 'attached']),
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    /** The ticket action that attached it (`create`, `complete`, …), once attached. */
    step: z.string().nullable(),
    thumbnailUrl: z.string(),
    url: z.string(),
  })
  .openapi('Photo');
export type PhotoView = z.output<typeof photoView>;

export const confirmedPhoto = z.object({ photo: photoView }).openapi('ConfirmedPhoto');
