import { KeyObject, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Db } from '../../src/db';

/**
 * What the security suites share: a stand-in for the Bot Framework's OpenID metadata endpoint on
 * loopback, RS256 tokens signed with keys made in the test, and a fingerprint of every table.
 */

export const APP_ID = '0b7c4a52-3f1e-4d2a-9c8b-7e6f5a4d3c2b';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** A random value that is easy to find in a log if it ever gets there. */
export function secretValue(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}`;
}

/**
 * A JWT as the Bot Framework sends it to a bot (RS256, kid in the header), signed with `key`. The
 * service URL goes into the claim the Bot Framework uses, "serviceurl" (lower case).
 */
export function botToken(key: Pick<SigningKey, 'kid' | 'privateKey'>, { serviceUrl, ...claims }: Record<string, unknown> & { serviceUrl?: string }): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid };
  const payload = { iss: BOT_FRAMEWORK_ISSUER, aud: APP_ID, nbf: now - 60, iat: now - 60, exp: now + 3600, ...(serviceUrl ? { serviceurl: serviceUrl } : {}), ...claims };
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${b64(header)}.${b64(payload)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key.privateKey).toString('base64url')}`;
}

export interface OpenIdServer {
  /** The metadata document's URL, for BotOpenIdMetadata. */
  metadataUrl: string;
  /** Requests seen (path), to prove the keys were fetched from here. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * Serves /v1/.well-known/openidconfiguration and its JWKS with the public halves of `keys` (a key may be
 * published under another kid, to test a token signed by a stranger that names a trusted kid).
 * hang: accept connections and never answer.
 */
export async function startOpenIdServer(keys: { kid: string; publicKey: KeyObject }[], opts: { hang?: boolean } = {}): Promise<OpenIdServer> {
  const hits: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (opts.hang) return;
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    }
    if (req.url === '/v1/keys') {
      const jwks = keys.map((k) => ({ ...(k.publicKey.export({ format: 'jwk' }) as object), kid: k.kid, use: 'sig', kty: 'RSA' }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ keys: jwks }));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The search log's aggregates: written every few seconds by a background flush of earlier searches, so they
 * change on their own clock (test/contracts/unmet-searches.test.ts checks what they hold).
 */
const BACKGROUND_TABLES = ['search_counts', 'search_people'];

/**
 * Row count and a hash of the contents of every table, in one object: two fingerprints are equal only
 * when no row was added, removed or changed anywhere (but in the background tables above).
 */
export async function dbFingerprint(db: Db, except: string[] = []): Promise<Record<string, string>> {
  except = [...except, ...BACKGROUND_TABLES];
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const [row] = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
    );
    out[name] = `${row.n}:${row.h}`;
  }
  return out;
}

/** A problem+json body as the API sends it, and a check that it tells nothing about the inside. */
export function expectCleanProblem(text: string): Record<string, unknown> {
  const body = JSON.parse(text) as Record<string, unknown>;
  if (typeof body.title !== 'string' || typeof body.status !== 'number') throw new Error(`not a problem: ${text}`);
  if (/\bat .+:\d+:\d+|node_modules|Error:|stack|botframework|jsonwebtoken/i.test(text)) throw new Error(`problem leaks internals: ${text}`);
  return body;
}
