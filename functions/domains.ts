import type { Domain } from './shared/http.ts';

/**
 * The domains, declared once. The CDK app makes one Lambda per entry (from `functions/<name>/lambda.ts`)
 * and routes `/api/<name>/*` to it; the local host mounts each `load()`ed app under the same path.
 */
export interface DomainDeclaration {
  name: string;
  /** What the domain is, for the OpenAPI document and the console. */
  title: string;
  /** Memory in MB for its Lambda. */
  memory: number;
  /** Its Lambda reads and writes ticket photos (the attachments bucket in AWS). */
  attachments?: boolean;
  /**
   * Routes of the domain that are public by design: the gateway routes each one without the JWT
   * authorizer (the rest of `/api/<name>/*` keeps it), and `why` is what the security review reads.
   */
  publicRoutes?: readonly { method: 'GET'; path: string; why: string }[];
  load: () => Promise<Domain>;
}

export const domains: DomainDeclaration[] = [
  {
    name: 'directory',
    title: 'Properties, buildings, units, households and staff',
    memory: 512,
    load: async () => (await import('./directory/app.ts')).directory,
  },
  {
    name: 'notifications',
    title: 'Staff notifications: inbox, unread count, and the e-mail/SMS outbox',
    memory: 256,
    load: async () => (await import('./notifications/app.ts')).notifications,
  },
  {
    name: 'tickets',
    title: 'Front-desk ledger; repairs, complaints and inquiries with their SLA clocks',
    memory: 512,
    attachments: true,
    load: async () => (await import('./tickets/app.ts')).tickets,
  },
  {
    name: 'billing',
    title: 'Fee standards, payment requests, payments and receipts, collection, month close and fee reports',
    memory: 512,
    publicRoutes: [
      {
        method: 'GET',
        path: '/api/billing/household-view/{token}',
        why: 'A household opens its own payment request from the QR code or SMS link with no account: the HMAC-signed, expiring token names that one request, and the answer is read-only with personal data masked (docs/decisions/025-signed-household-link.md)',
      },
    ],
    load: async () => (await import('./billing/app.ts')).billing,
  },
];

/**
 * What belongs to no domain, at the API's root: the public health check and the OpenAPI document for
 * signed-in staff. Its own Lambda (`functions/platform/lambda.ts`) in AWS, mounted by the local host;
 * the gateway routes exactly these, and only the public ones skip the JWT authorizer.
 */
export const platformDeclaration = {
  name: 'platform',
  title: 'Health check and the API reference',
  memory: 256,
  routes: [
    { method: 'GET', path: '/api/health', public: true },
    { method: 'GET', path: '/api/openapi.json', public: false },
  ],
} as const;

export const lambdaEntry = (name: string) => `functions/${name}/lambda.ts`;
