/**
 * The security headers of every response, declared once: the CloudFront response-headers policy
 * (infra/constructs/security-headers.ts) and the local host (infra/local/server.ts) both read this, so
 * what the browser enforces locally is what it enforces in AWS. Plain data: the local host must not
 * load aws-cdk-lib.
 */
export interface ContentSources {
  /** The Cognito hosted UI, for the code → token exchange of the sign-in (AWS only). */
  signIn?: string;
  /**
   * The attachments bucket's regional endpoint: the dashboard posts photos to it (presigned POST) and
   * shows them from it (signed GET URLs). Locally the host itself serves photos, so there is none.
   */
  photos?: string;
}

/**
 * The dashboard loads only its own bundle and calls only its own origin (/api), the sign-in domain and
 * the photo bucket. Scripts stay strict; styles allow 'unsafe-inline' so a chart library that injects
 * <style> elements keeps working.
 */
export function contentSecurityPolicy({ signIn, photos }: ContentSources): string {
  const sources = (...list: (string | undefined)[]) => list.filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${sources("'self'", 'data:', 'blob:', photos)}`,
    "font-src 'self' data:",
    `connect-src ${sources("'self'", signIn, photos)}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The headers besides the CSP, with the values CloudFront's policy is built from. */
export const securityHeaderValues = {
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  /** Two years, subdomains included. Sent only over HTTPS: browsers ignore it on plain HTTP. */
  hstsMaxAgeSeconds: 730 * 24 * 3600,
} as const;

export const strictTransportSecurity = `max-age=${securityHeaderValues.hstsMaxAgeSeconds}; includeSubDomains`;

/** The headers as a response carries them; `https` adds HSTS. */
export function securityHeaders(
  sources: ContentSources,
  options: { https: boolean },
): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(sources),
    'x-content-type-options': securityHeaderValues.contentTypeOptions,
    'x-frame-options': securityHeaderValues.frameOptions,
    'referrer-policy': securityHeaderValues.referrerPolicy,
    ...(options.https ? { 'strict-transport-security': strictTransportSecurity } : {}),
  };
}
