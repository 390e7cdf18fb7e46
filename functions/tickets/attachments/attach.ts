/**
 * Photos named by a ticket action (`photoIds`, a signature's `signatureAttachmentId`) must be this
 * property's confirmed, unattached uploads. They are attached in the action's own transaction, each
 * conditional on still being ready, so two tickets cannot both take one photo.
 */
import { conflict, unprocessable } from '../../shared/errors.ts';
import { type Store, updateFrom, type WriteOp } from '../../shared/store.ts';
import { ticketKeys } from '../../shared/table.ts';
import { attachmentItem } from '../items.ts';
import type { Attachment } from './service.ts';
import { attachmentTtlMs } from './service.ts';
import { attachmentStorage, objectKey } from './storage.ts';

export interface PhotosToAttach {
  store: Store;
  propertyId: string;
  ids: string[];
  ops: WriteOp[];
}

/** The attachment ids an action's parsed input names. */
function idsIn(input: unknown): string[] {
  const fields = (input ?? {}) as { photoIds?: unknown; signatureAttachmentId?: unknown };
  return [
    ...(Array.isArray(fields.photoIds) ? (fields.photoIds as string[]) : []),
    ...(typeof fields.signatureAttachmentId === 'string' ? [fields.signatureAttachmentId] : []),
  ];
}

export async function photosToAttach(
  store: Store,
  propertyId: string,
  ticketId: string,
  step: string,
  input: unknown,
): Promise<PhotosToAttach> {
  const ids = idsIn(input);
  if (!ids.length) return { store, propertyId, ids, ops: [] };
  if (new Set(ids).size !== ids.length) throw unprocessable('duplicate_photo', 'A photo is named twice');
  const found = await store.batchGet<Attachment>(ids.map((id) => ticketKeys.attachment(propertyId, id)));
  const byId = new Map(found.map((a) => [a.id, a]));
  const now = Date.now();
  for (const id of ids) {
    const attachment = byId.get(id);
    const fresh = attachment && Date.parse(attachment.createdAt) + attachmentTtlMs > now;
    if (attachment?.state !== 'ready' || !fresh) {
      throw unprocessable(
        'photo_not_ready',
        'Only photos uploaded to this property and confirmed, and not yet attached, can be attached',
        { photoId: id, state: fresh ? (attachment?.state ?? null) : null },
      );
    }
  }
  const at = new Date(now).toISOString();
  const attached = { state: 'attached' as const, ticketId, step, attachedAt: at, updatedAt: at };
  const ops: WriteOp[] = ids.map((id) => ({
    // The record after attaching makes its keys: listed with the ticket's photos, no longer expiring.
    ...updateFrom(attachmentItem({ ...byId.get(id)!, ...attached }), Object.keys(attached)),
    add: { version: 1 },
    condition: '#state = :ready AND #expiresAt > :nowSeconds',
    values: { ':ready': 'ready', ':nowSeconds': Math.floor(now / 1000) },
    onFail: conflict('photo_taken', 'A photo was attached elsewhere meanwhile; reload and try again', {
      photoId: id,
    }),
  }));
  return { store, propertyId, ids, ops };
}

/**
 * Runs the transaction that attaches `photos`. The objects are kept (no longer pending) before it, and
 * put back if it fails: a photo a ticket names is never left for the storage's one-day clean-up.
 */
export async function withPhotos<T>(photos: PhotosToAttach, write: () => Promise<T>): Promise<T> {
  if (!photos.ids.length) return write();
  const { store, propertyId } = photos;
  const storage = await attachmentStorage();
  const objectsOf = (ids: string[]) =>
    ids.flatMap((id) => [objectKey(propertyId, id, 'original'), objectKey(propertyId, id, 'thumbnail')]);
  await storage.markAttached(objectsOf(photos.ids));
  try {
    return await write();
  } catch (error) {
    // Only what no other ticket attached meanwhile goes back to pending.
    const now = await Promise.all(
      photos.ids.map((id) =>
        store.get<Attachment>(ticketKeys.attachment(propertyId, id), { consistent: true }),
      ),
    );
    const loose = photos.ids.filter((_, i) => now[i]?.state !== 'attached');
    await storage.markPending(objectsOf(loose)).catch(() => undefined);
    throw error;
  }
}
