import helmet from 'helmet';
import type { Request, Response, Next } from 'restify';

/**
 * Security headers on every response, set before routing so errors and 404s carry them too. Every
 * response of this service is data (JSON, CSV, problem+json), never a page: the content security policy
 * allows nothing to load or frame it. Strict-Transport-Security only when the public URL is https (TLS
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
