import type { Domain } from '../../shared/http.ts';
import { jsonBody, ok, recordSchema } from '../../shared/openapi.ts';
import { propertyParams } from '../schemas.ts';
import { attachmentParams, uploadRequest, uploadResponse } from './schemas.ts';
import { confirmUpload, createUpload } from './service.ts';

export function attachmentRoutes(tickets: Domain) {
  tickets.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/attachments',
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
      permission: 'ticket.act',
      request: { params: attachmentParams },
      responses: ok(recordSchema, 'The photo, checked and ready to attach, with its links'),
    },
    async (c) => c.json(await confirmUpload(c.req.valid('param'))),
  );
}
