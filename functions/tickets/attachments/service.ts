/**
 * Photos of tickets: a browser asks for an upload (a record, pending, that expires), sends the original
 * and its thumbnail straight to the storage, and confirms; the confirm step checks the real bytes. A ticket
 * action that names photo ids attaches them in the action's own transaction (./attach.ts).
 */
import * as z from 'zod/mini';
import { useActor } from '../../shared/actor.ts';
import { unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore } from '../../shared/store.ts';
import { keys, ticketIndexKeys, ticketKeys } from '../../shared/table.ts';
import { attachmentItem } from '../items.ts';
import { id } from '../schemas.ts';
import { sniffPhotoType } from './limits.ts';
import { attachmentParams, type PhotoView, uploadRequest } from './schemas.ts';
import { attachmentStorage, objectKey, uploadTtlSeconds } from './storage.ts';

/** An upload not attached within a day is forgotten: its record by TTL, its objects by the storage. */
export const attachmentTtlMs = 24 * 3600_000;

export interface Attachment {
  id: string;
  propertyId: string;
  state: 'pending' | 'ready' | 'attached';
  fileName: string;
  contentType: string;
  size: number;
  thumbnailSize: number;
  uploadedBy: string;
  ticketId?: string;
  step?: string;
  version: number;
  createdAt: string;
}

export const createUpload = fn(
  z.object({ propertyId: id, upload: uploadRequest }),
  async ({ propertyId, upload }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const attachmentId = newId();
    const storage = await attachmentStorage();
    const [original, thumbnail] = await Promise.all([
      storage.createUpload({
        key: objectKey(propertyId, attachmentId, 'original'),
        contentType: upload.contentType,
        size: upload.size,
      }),
      storage.createUpload({
        key: objectKey(propertyId, attachmentId, 'thumbnail'),
        contentType: 'image/jpeg',
        size: upload.thumbnailSize,
      }),
    ]);
    await store.create(
      attachmentItem(
        { id: attachmentId, propertyId, state: 'pending', ...upload, uploadedBy: useActor().staffId },
        Math.floor((Date.now() + attachmentTtlMs) / 1000),
      ),
      { action: 'attachment.create', entity: 'attachment', entityId: attachmentId },
    );
    return { attachmentId, upload: original, thumbnailUpload: thumbnail, expiresIn: uploadTtlSeconds };
  },
);

/** Both objects are there, of the declared size, and their bytes are the declared formats. */
export const confirmUpload = fn(attachmentParams, async ({ propertyId, attachmentId }) => {
  const store = propertyStore(propertyId);
  const key = ticketKeys.attachment(propertyId, attachmentId);
  const attachment = await store.mustGet<Attachment>(key, 'Attachment');
  if (attachment.state !== 'pending') return { photo: await viewOf(attachment) };
  const storage = await attachmentStorage();
  const [original, thumbnail] = await Promise.all([
    storage.confirm(objectKey(propertyId, attachmentId, 'original')),
    storage.confirm(objectKey(propertyId, attachmentId, 'thumbnail')),
  ]);
  const checks = [
    { what: 'photo', stored: original, size: attachment.size, type: attachment.contentType },
    { what: 'thumbnail', stored: thumbnail, size: attachment.thumbnailSize, type: 'image/jpeg' },
  ];
  for (const { what, stored, size, type } of checks) {
    if (!stored) throw unprocessable('upload_missing', `The ${what} has not been uploaded`, { what });
    if (stored.size !== size) {
      throw unprocessable('upload_size_mismatch', `The ${what} is not the size declared`, {
        what,
        declared: size,
        uploaded: stored.size,
      });
    }
    const actual = sniffPhotoType(stored.head);
    if (actual !== type) {
      throw unprocessable('upload_type_mismatch', `The ${what} is not a ${type} image`, {
        what,
        declared: type,
        actual,
      });
    }
  }
  const confirmed = await store.update<Attachment>(
    key,
    'Attachment',
    attachment.version,
    { state: 'ready' },
    { action: 'attachment.confirm', entity: 'attachment', entityId: attachmentId },
    { current: attachment },
  );
  return { photo: await viewOf(confirmed) };
});

async function viewOf(
  a: Pick<Attachment, 'id' | 'propertyId' | 'state' | 'fileName' | 'contentType' | 'size' | 'step'>,
): Promise<PhotoView> {
  const storage = await attachmentStorage();
  const [thumbnailUrl, url] = await Promise.all([
    storage.urlFor(objectKey(a.propertyId, a.id, 'thumbnail')),
    storage.urlFor(objectKey(a.propertyId, a.id, 'original')),
  ]);
  return {
    id: a.id,
    state: a.state,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    step: a.step ?? null,
    thumbnailUrl,
    url,
  };
}

/** A ticket's photos with short-lived URLs, in upload order. */
export async function photosOfTicket(propertyId: string, ticketId: string): Promise<PhotoView[]> {
  const page = await propertyStore(propertyId).query<Attachment>({
    index: 'listing',
    partition: ticketIndexKeys.photosOfTicket(propertyId, ticketId, '').listingPk,
    limit: 100,
  });
  return Promise.all(page.items.map(viewOf));
}

/** Thumbnail links for a list row: made from the ids alone, no read (the ids were checked when attached). */
/** A ticket's photos for its list row: the registration's, then the completion's. */
const photoIdsOf = (ticket: Record<string, unknown>) => [
  ...((ticket.photoIds as string[] | undefined) ?? []),
  ...((ticket.completion as { photoIds?: string[] } | undefined)?.photoIds ?? []),
];

/** List rows (tickets, my jobs) with up to `max` thumbnail links each; signing needs no read. */
export async function withThumbnails<T extends Record<string, unknown>>(
  propertyId: string,
  tickets: T[],
  max = 3,
): Promise<(T & { thumbnails: { id: string; thumbnailUrl: string }[] })[]> {
  const storage = await attachmentStorage();
  return Promise.all(
    tickets.map(async (ticket) => ({
      ...ticket,
      thumbnails: await Promise.all(
        photoIdsOf(ticket)
          .slice(0, max)
          .map(async (photoId) => ({
            id: photoId,
            thumbnailUrl: await storage.urlFor(objectKey(propertyId, photoId, 'thumbnail')),
          })),
      ),
    })),
  );
}
