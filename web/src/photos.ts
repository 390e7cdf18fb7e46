/**
 * Photo uploads from the browser (docs/decisions/007-photos-uploaded-by-the-browser.md): make the
 * thumbnail on a canvas, ask the API for two signed upload forms, post the original and the thumbnail
 * straight to the storage (S3 in AWS, the local host's /local-files/ locally), then confirm.
 */
import type { Photo, PhotoUpload } from '../../functions/contract.ts';
import { photoLimits, photoTypes } from '../../functions/tickets/attachments/limits.ts';
import { ApiError, request } from './api.ts';
import type { MsgKey } from './i18n.ts';

/** A photo as the API returns it on a ticket (`photos` of GET ticket) and from confirm. */
export type { Photo };
export { photoLimits };

type PresignedPost = PhotoUpload['upload'];

/** Why a photo was not taken, as a message key of i18n/photos.ts. */
export class PhotoError extends Error {
  constructor(readonly key: MsgKey) {
    super(key);
  }
}

/** Browsers give HEIC photos either type (or none, on some Android file pickers). */
function photoType(file: File): string | null {
  const type = file.type === 'image/heif' ? 'image/heic' : file.type;
  if ((photoTypes as readonly string[]).includes(type)) return type;
  if (!type && /\.hei[cf]$/i.test(file.name)) return 'image/heic';
  return null;
}

/** The checks the API would make anyway, before anything is sent. */
export function checkPhoto(file: File): string {
  const type = photoType(file);
  if (!type) throw new PhotoError('photos.error.type');
  if (file.size > photoLimits.maxBytes) throw new PhotoError('photos.error.tooBig');
  return type;
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', quality));

/** A JPEG of at most `thumbnailEdge` px on its long side and under the thumbnail size limit. */
export async function makeThumbnail(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('photos.error.unreadable');
  }
  const scale = Math.min(1, photoLimits.thumbnailEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d')!;
  // A transparent PNG would turn black in a JPEG.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  for (const quality of [0.82, 0.6, 0.4, 0.25]) {
    const blob = await toBlob(canvas, quality);
    if (blob && blob.size <= photoLimits.maxThumbnailBytes) return blob;
  }
  throw new PhotoError('photos.error.unreadable');
}

/** Posts a signed form the way S3 wants it: the given fields, then the file last. No session token. */
function postForm(post: PresignedPost, file: Blob, onProgress: (loaded: number) => void): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((done, fail) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', post.url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return done();
      fail(new PhotoError(xhr.status === 403 ? 'photos.error.expired' : 'photos.error.failed'));
    };
    xhr.onerror = () => fail(new PhotoError('photos.error.failed'));
    xhr.send(form);
  });
}

/**
 * Uploads one photo of `propertyId` (and its thumbnail, made here unless given) and confirms it;
 * `onProgress` gets 0…1 over both files. Resolves
 * with the confirmed photo, ready to be named in a ticket action's `photoIds`.
 */
export async function uploadPhoto(
  propertyId: string,
  file: File,
  options: { thumbnail?: Blob; onProgress?: (fraction: number) => void } = {},
): Promise<Photo> {
  const contentType = checkPhoto(file);
  const thumbnail = options.thumbnail ?? (await makeThumbnail(file));
  const onProgress = options.onProgress ?? (() => {});
  const base = `/api/tickets/properties/${propertyId}/attachments`;
  const asked = await request<PhotoUpload>(base, {
    method: 'POST',
    json: {
      fileName: file.name.slice(0, 200) || 'photo',
      contentType,
      size: file.size,
      thumbnailSize: thumbnail.size,
    },
  });
  const total = file.size + thumbnail.size;
  let sentOriginal = 0;
  let sentThumbnail = 0;
  const report = () => onProgress(Math.min(1, (sentOriginal + sentThumbnail) / total));
  await Promise.all([
    postForm(asked.upload, file, (n) => {
      sentOriginal = n;
      report();
    }),
    postForm(asked.thumbnailUpload, thumbnail, (n) => {
      sentThumbnail = n;
      report();
    }),
  ]);
  try {
    const { photo } = await request<{ photo: Photo }>(`${base}/${asked.attachmentId}/confirm`, {
      method: 'POST',
    });
    return photo;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'upload_type_mismatch') {
      throw new PhotoError('photos.error.mismatch');
    }
    throw error;
  }
}
