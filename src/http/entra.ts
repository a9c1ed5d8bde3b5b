import { createRemoteJWKSet, decodeJwt, jwtVerify, JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/**
 * Checks the Entra ID access tokens Microsoft 365 Copilot sends with an API plugin's calls (OAuthPluginVault):
 * signed by a key of the tenant's OpenID metadata, issued by that tenant (one of the allowed ones), for our
 * audience, not expired, carrying our delegated scope. The metadata is fetched when the first token of a
 * tenant arrives, not at start, and kept; a failed fetch is tried again by the next token.
 */
export interface EntraSettings {
  tenants: readonly string[];
  audiences: readonly string[];
  scope: string;
  /** The metadata URL; {tenant} is replaced by the tenant id. */
  metadataUrl: string;
}

export type TokenCheck =
  | { ok: true; tenantId: string; objectId: string | null }
  | { ok: false; reason: 'missing' | 'invalid' | 'tenant' | 'scope' }
  | { ok: false; reason: 'unavailable' };

const metadataSchema = z.object({ issuer: z.string().min(1), jwks_uri: z.string().url() });
const TIMEOUT_MS = 5000;

interface TenantKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
}

export interface EntraVerifier {
  verify(token: string | undefined): Promise<TokenCheck>;
}

async function fetchMetadata(url: string): Promise<z.infer<typeof metadataSchema>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new Error(`OpenID metadata answered ${res.status}`);
  return metadataSchema.parse(await res.json());
}

export function createEntraVerifier(settings: EntraSettings): EntraVerifier {
  const tenants = new Set(settings.tenants.map((t) => t.toLowerCase()));
  const cache = new Map<string, Promise<TenantKeys>>();

  function tenantKeys(tenant: string): Promise<TenantKeys> {
    let entry = cache.get(tenant);
    if (!entry) {
      entry = fetchMetadata(settings.metadataUrl.replace(/\{tenant\}/g, tenant)).then((m) => ({
        // Entra's common metadata names the issuer with a {tenantid} placeholder; a tenant's own names it outright.
        issuer: m.issuer.replace(/\{tenantid\}/g, tenant),
        keys: createRemoteJWKSet(new URL(m.jwks_uri), { timeoutDuration: TIMEOUT_MS }),
      }));
      entry.catch(() => cache.delete(tenant));
      cache.set(tenant, entry);
    }
    return entry;
  }

  return {
    async verify(token) {
      if (!token) return { ok: false, reason: 'missing' };
      let claims: ReturnType<typeof decodeJwt>;
      try {
        claims = decodeJwt(token);
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      // The tenant decides where the keys come from, so it is checked before anything is fetched.
      const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
      if (!tenants.has(tid)) return { ok: false, reason: 'tenant' };
      let keys: TenantKeys;
      try {
        keys = await tenantKeys(tid);
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      try {
        const { payload } = await jwtVerify(token, keys.keys, {
          issuer: keys.issuer,
          audience: [...settings.audiences],
          algorithms: ['RS256'],
          clockTolerance: 60,
          requiredClaims: ['exp', 'tid'],
        });
        const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
        if (!scopes.includes(settings.scope)) return { ok: false, reason: 'scope' };
        return { ok: true, tenantId: tid, objectId: typeof payload.oid === 'string' ? payload.oid : null };
      } catch (err) {
        // The key set could not be read (network): not the caller's fault.
        if ((err as { code?: string }).code === 'ERR_JWKS_TIMEOUT' || /fetch|ECONN|socket/i.test((err as Error).message)) return { ok: false, reason: 'unavailable' };
        return { ok: false, reason: 'invalid' };
      }
    },
  };
}
