import { domains as declarations, platformDeclaration } from '../domains.ts';
import type { Domain } from '../shared/http.ts';

const titleOf = (name: string) =>
  [...declarations, platformDeclaration].find((d) => d.name === name)?.title ?? name;

/**
 * The OpenAPI 3.1 document of every domain, merged: generated from the same zod schemas that validate.
 * Pure, so that each host (the local one, a Lambda) serves the same document and a test lints it.
 */
export function openApiDocument(domains: readonly Domain[]) {
  const documents = domains.map((domain) =>
    domain.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: domain.name, version: '1' } }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'PropDesk API',
      version: '0.1.0',
      description:
        '物业前台 PropDesk: front desk and customer service for property-management companies. ' +
        'Every route but the health check needs a Bearer ID token; every error answers `{ error: { code, message, details } }`.',
    },
    servers: [{ url: '/', description: 'The dashboard’s own origin (CloudFront in AWS, the local host)' }],
    security: [{ bearer: [] }],
    tags: domains.map((domain) => ({ name: domain.name, description: titleOf(domain.name) })),
    paths: Object.assign({}, ...documents.map((d) => d.paths)),
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The ID token' },
      },
      schemas: Object.assign({}, ...documents.map((d) => d.components?.schemas ?? {})),
    },
  };
}
