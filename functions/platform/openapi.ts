import type { Domain } from '../shared/http.ts';

/** The OpenAPI document of every domain, merged: generated from the same zod schemas that validate. */
export function openApiDocument(domains: Domain[]) {
  const documents = domains.map((d) =>
    d.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: d.name, version: '1' } }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'PropDesk API',
      version: '0.1.0',
      description: '物业前台 PropDesk — every route but the health check needs a Bearer ID token.',
    },
    security: [{ bearer: [] }],
    paths: Object.assign({}, ...documents.map((d) => d.paths)),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.assign({}, ...documents.map((d) => d.components?.schemas ?? {})),
    },
  };
}
