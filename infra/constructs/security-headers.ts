import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { type ContentSources, contentSecurityPolicy, securityHeaderValues } from '../security-headers.ts';

const frameOption = { DENY: HeadersFrameOption.DENY } as const;
const referrerPolicy = {
  'strict-origin-when-cross-origin': HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
} as const;

/** The declared security headers (infra/security-headers.ts) as CloudFront adds them to every response. */
export function securityHeaders(
  scope: Construct,
  id: string,
  sources: ContentSources,
): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'PropDesk dashboard and API security headers',
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(securityHeaderValues.hstsMaxAgeSeconds),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: frameOption[securityHeaderValues.frameOptions], override: true },
      referrerPolicy: {
        referrerPolicy: referrerPolicy[securityHeaderValues.referrerPolicy],
        override: true,
      },
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(sources), override: true },
    },
  });
}
