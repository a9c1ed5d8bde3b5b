import { Config } from '../config';
import type { ApiAccess } from '../core/api-route';
import { t } from '../i18n';
import { bearerToken, keyMatches } from './auth';
import { createEntraVerifier, EntraVerifier } from './entra';
import { HttpProblem } from './problem';

export type { ApiAccess };

/**
 * Who may call the operations Microsoft 365 Copilot calls (contract search, one contract, policy answers).
 *
 * - `entra` (the default when MicrosoftAppId is set): an Entra ID access token for COPILOT_API_AUDIENCE
 *   (default MicrosoftAppId) with the scope COPILOT_API_SCOPE, from a tenant in ALLOWED_TENANT_IDS
 *   (default MicrosoftAppTenantId); else 401. Without a tenant or an audience: 503 "not configured".
 *   CONTRACTS_ADMIN_KEY is accepted too (the operator's own scripts).
 * - `none` (the default in local mode): open, as the organisation's declaration that the catalogue is public.
 */
export function createApiAccess(config: Config, verifier?: EntraVerifier): ApiAccess {
  const mode = config.COPILOT_AUTH ?? (config.MicrosoftAppId ? 'entra' : 'none');
  const tenants = config.ALLOWED_TENANT_IDS.length > 0 ? config.ALLOWED_TENANT_IDS : config.MicrosoftAppTenantId ? [config.MicrosoftAppTenantId.toLowerCase()] : [];
  const audiences = config.COPILOT_API_AUDIENCE.length > 0 ? config.COPILOT_API_AUDIENCE : config.MicrosoftAppId ? [config.MicrosoftAppId] : [];
  const configured = tenants.length > 0 && audiences.length > 0;
  const entra = configured ? (verifier ?? createEntraVerifier({ tenants, audiences, scope: config.COPILOT_API_SCOPE, metadataUrl: config.COPILOT_OPENID_METADATA })) : null;

  return {
    mode,
    configured,
    async check(req, res, locale) {
      if (mode === 'none') return;
      const token = bearerToken(req.header('authorization'));
      if (token && config.CONTRACTS_ADMIN_KEY && keyMatches(token, config.CONTRACTS_ADMIN_KEY)) return;
      if (!entra) throw new HttpProblem(503, t(locale, 'api.copilot.notConfigured'), t(locale, 'api.copilot.notConfiguredDetail'));
      const result = await entra.verify(token);
      if (result.ok) return;
      if (result.reason === 'unavailable') {
        res.header('Retry-After', '60');
        throw new HttpProblem(503, t(locale, 'api.copilot.unavailableTitle'), t(locale, 'api.copilot.unavailable'));
      }
      res.header('WWW-Authenticate', result.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
      const detail = result.reason === 'tenant' ? 'api.copilot.tenant' : result.reason === 'scope' ? 'api.copilot.scope' : 'api.copilot.unauthorized';
      throw new HttpProblem(401, t(locale, 'api.copilot.signIn'), t(locale, detail));
    },
  };
}
