import helmet from 'helmet';
import type { Request, Response, Next } from 'restify';

/**
 * Security headers on every response, set before routing so errors and 404s carry them too. Every
 * response of this service is data (JSON, CSV, problem+json): the content security policy allows
 * nothing to load or frame it. The one page, the printable internal-control report, replaces the
 * policy on its own route with printablePagePolicy. Strict-Transport-Security only when the public URL is https (TLS
 * ends at a proxy in front of us; a plain-http local run must not pin browsers to https).
 */
export function securityHeaders(opts: { publicUrl?: string }) {
  const https = /^https:\/\//i.test(opts.publicUrl ?? '');
  const h = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  return (req: Request, res: Response, next: Next): void => {
    h(req, res, (err?: unknown) => {
      res.setHeader('Cache-Control', 'no-store');
      next(err as Error | undefined);
    });
  };
}

/**
 * The policy of the printable report page: as strict as the rest (nothing loaded, no script, no
 * framing, no form), except its own inline style sheet, allowed by hash ('sha256-…').
 */
export function printablePagePolicy(styleHash: string): string {
  return `default-src 'none'; style-src ${styleHash}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}
