import type { Domain } from '../../shared/http.ts';
import { jsonBody, ok } from '../../shared/openapi.ts';
import { propertyParams } from '../schemas.ts';
import { attachmentParams, confirmedPhoto, uploadRequest, uploadResponse } from './schemas.ts';
import { confirmUpload, createUpload } from './service.ts';

export function attachmentRoutes(tickets: Domain) {
  tickets.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/attachments',
      operationId: 'createPhotoUpload',
      summary: 'Ask for signed uploads of a photo and its thumbnail',
      permission: 'ticket.act',
      request: { params: propertyParams, ...jsonBody(uploadRequest) },
      responses: ok(
        uploadResponse,
        'Signed uploads for the photo and its thumbnail (pending until confirmed)',
        201,
      ),
    },
    async (c) => c.json(await createUpload({ ...c.req.valid('param'), upload: c.req.valid('json') }), 201),
  );

  tickets.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/attachments/{attachmentId}/confirm',
      operationId: 'confirmPhotoUpload',
      summary: 'Check an uploaded photo so that a ticket action can attach it',
      errors: { 422: 'The photo or thumbnail is missing, of another size, or not the declared image type' },
      permission: 'ticket.act',
      request: { params: attachmentParams },
      responses: ok(confirmedPhoto, 'The photo, checked and ready to attach, with its links'),
    },
    async (c) => c.json(await confirmUpload(c.req.valid('param'))),
  );
}
