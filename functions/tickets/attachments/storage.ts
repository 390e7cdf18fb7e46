/**
 * Where photo bytes live: S3 in AWS, a folder on disk in the local host. Both hand out the same kind of
 * URLs (a form POST with signed fields to upload, a short-lived signed GET to read), so the dashboard
 * neither knows nor cares which host it talks to. Chosen by ATTACHMENTS_STORE (`s3` | `local`, the default).
 */
export interface PresignedPost {
  url: string;
  /** Form fields to send before the file, as they are. */
  fields: Record<string, string>;
}

export interface StoredObject {
  size: number;
  /** The first bytes of the object, enough to recognise its format. */
  head: Uint8Array;
}

export interface AttachmentStorage {
  name: string;
  /** A signed form upload of exactly `size` bytes of `contentType` to `key`; the object starts as pending. */
  createUpload(input: { key: string; contentType: string; size: number }): Promise<PresignedPost>;
  /** What was uploaded to `key`, or null if nothing was. */
  confirm(key: string): Promise<StoredObject | null>;
  /** A signed, short-lived GET of `key`. */
  urlFor(key: string): Promise<string>;
  /** Pending objects are removed after a day unless marked attached (and put back if the attach failed). */
  markAttached(keys: string[]): Promise<void>;
  markPending(keys: string[]): Promise<void>;
}

/** Seconds a signed URL stays valid. */
export const uploadTtlSeconds = 10 * 60;
export const downloadTtlSeconds = 15 * 60;

/** Object keys are made here only: `<propertyId>/<attachmentId>/<original|thumbnail>`. */
export const objectKey = (propertyId: string, attachmentId: string, variant: 'original' | 'thumbnail') =>
  `${propertyId}/${attachmentId}/${variant}`;
export const objectKeyPattern = /^[0-9a-z]{4,40}\/[0-9a-z]{4,40}\/(original|thumbnail)$/;

let current: Promise<AttachmentStorage> | undefined;

export function attachmentStorage(): Promise<AttachmentStorage> {
  current ??= (async () => {
    const kind = process.env.ATTACHMENTS_STORE ?? 'local';
    if (kind === 's3') return (await import('./s3.ts')).s3Storage(process.env.ATTACHMENTS_BUCKET ?? '');
    if (kind === 'local') return (await import('./local.ts')).localStorage();
    throw new Error(`ATTACHMENTS_STORE=${kind} is not one of s3, local`);
  })();
  return current;
}
