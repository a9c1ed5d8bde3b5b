import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';

/**
 * A stand-in for Microsoft Entra ID on loopback: per tenant, /{tenant}/v2.0/.well-known/openid-configuration
 * and its key set, issuer http://127.0.0.1:<port>/{tenant}/v2.0, and access tokens signed with a key pair
 * made here, shaped as Entra issues them to an API plugin (v2: aud, tid, oid, scp).
 */
export const ENTRA_TENANT = '6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
export const OTHER_TENANT = '7b2e3d4c-5f6a-4b8c-9d0e-1f2a3b4c5d6e';
export const API_APP_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

export interface EntraIssuer {
  metadataUrl: string;
  issuer(tenant: string): string;
  hits: string[];
  token(claims?: Record<string, unknown>, opts?: { key?: KeyObject; kid?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startEntraIssuer(): Promise<EntraIssuer> {
  const kid = `k-${randomUUID().slice(0, 8)}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const hits: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    hits.push(url);
    const meta = /^\/([0-9a-f-]{36})\/v2\.0\/\.well-known\/openid-configuration$/.exec(url);
    if (meta) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ issuer: `${base}/${meta[1]}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    }
    if (url === '/discovery/v2.0/keys') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ keys: [{ ...(publicKey.export({ format: 'jwk' }) as object), kid, use: 'sig', alg: 'RS256' }] }));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = (tenant: string) => `${base}/${tenant}/v2.0`;
  return {
    metadataUrl: `${base}/{tenant}/v2.0/.well-known/openid-configuration`,
    issuer,
    hits,
    async token(claims = {}, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const tid = (claims.tid as string | undefined) ?? ENTRA_TENANT;
      const body = { iss: issuer(tid), aud: API_APP_ID, tid, oid: randomUUID(), scp: 'access_as_user', iat: now - 60, nbf: now - 60, exp: now + 3600, ...claims };
      return new SignJWT(body).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid }).sign(opts.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
