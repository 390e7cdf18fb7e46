import * as z from 'zod/mini';
import { id } from '../../directory/schemas.ts';
import { components } from '../../shared/openapi.ts';
import { photoLimits, photoTypes } from './limits.ts';

export const exampleAttachmentId = '01exampleattachment';

export const uploadRequest = z
  .strictObject({
    fileName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    contentType: z.enum(photoTypes),
    size: z.int().check(z.gte(1), z.lte(photoLimits.maxBytes, 'A photo may be at most 10 MB')),
    thumbnailSize: z
      .int()
      .check(z.gte(1), z.lte(photoLimits.maxThumbnailBytes, 'A thumbnail may be at most 200 KB')),
  })
  .register(components, {
    id: 'PhotoUploadRequest',
    example: { fileName: 'IMG_0412.jpg', contentType: 'image/jpeg', size: 2_345_678, thumbnailSize: 24_576 },
  });
export type UploadRequest = z.output<typeof uploadRequest>;

export const attachmentParams = z.object({ propertyId: id, attachmentId: id });

const presignedPost = z.object({ url: z.string(), fields: z.record(z.string(), z.string()) });
export const uploadResponse = z
  .object({ attachmentId: id, upload: presignedPost, thumbnailUpload: presignedPost, expiresIn: z.int() })
  .register(components, { id: 'PhotoUpload' });

export const photoView = z
  .object({
    id,
    state: z.enum(['pending', 'ready', 'attached']),
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    /** The ticket action that attached it (`create`, `complete`, …), once attached. */
    step: z.nullable(z.string()),
    thumbnailUrl: z.string(),
    url: z.string(),
  })
  .register(components, { id: 'Photo' });
export type PhotoView = z.output<typeof photoView>;

export const confirmedPhoto = z.object({ photo: photoView }).register(components, { id: 'ConfirmedPhoto' });
