import { LookupAddress, lookup as dnsLookup } from 'node:dns';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, LookupFunction, isIP } from 'node:net';

/**
 * Fetching a file an officer sent the bot (Teams hands over a short-lived, pre-authorised download URL).
 * The URL comes from the activity, so it is treated as hostile: https only, on an allow-list of hosts
 * (the organisation's SharePoint/OneDrive), no user info, no IP address, the default port; loopback
 * (http or https, any port) only in local mode, where the test tools serve files. Redirects are
 * followed by hand, at most MAX_REDIRECTS, each target checked again. The whole download is cut off
 * after the timeout and at maxBytes, by Content-Length and while streaming. The host name is resolved by
 * the connection's own lookup, which refuses loopback, private, link-local and unique-local addresses and
 * hands the connection the very address it checked: a name cannot answer one address to a check and
 * another to the connection (DNS rebinding). No SDK types.
 */

export interface DownloadPolicy {
  /** Host names; "*.example.org" is any subdomain of example.org (not example.org itself). */
  hosts: readonly string[];
  /** Local mode (no app id): loopback URLs are allowed, over http too. */
  allowLoopback: boolean;
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Resolves a host name to all its addresses (tests answer for DNS); the system resolver by default. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
}

export const DOWNLOAD_TIMEOUT_MS = 20_000;
export const MAX_REDIRECTS = 3;

export type DownloadErrorCode =
  | 'bad-url'
  | 'not-https'
  | 'credentials'
  | 'port'
  | 'host-not-allowed'
  | 'too-many-redirects'
  | 'http-status'
  | 'too-large'
  | 'timeout'
  | 'network';

/** Why a file was not fetched; code maps to a text under import.teams.download.<code>. */
export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whether a host name (lower case, no trailing dot) is on the list. */
export function hostAllowed(hostname: string, hosts: readonly string[]): boolean {
  return hosts.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (p.startsWith('*.')) return hostname.endsWith(p.slice(1)) && hostname.length > p.length - 1;
    return hostname === p;
  });
}

/** The URL, parsed and checked against the policy; throws DownloadError when it may not be fetched. */
export function checkDownloadUrl(raw: string, policy: Pick<DownloadPolicy, 'hosts' | 'allowLoopback'>): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError('bad-url', 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DownloadError('not-https', `scheme ${url.protocol} refused`);
  if (url.username || url.password) throw new DownloadError('credentials', 'user info in the URL refused');
  // WHATWG parsing has already lower-cased the name and turned decimal or hex IPv4 forms into dotted ones.
  const hostname = url.hostname.replace(/\.$/, '');
  if (isLoopback(hostname)) {
    if (policy.allowLoopback) return url;
    throw new DownloadError('host-not-allowed', 'loopback outside local mode');
  }
  if (url.protocol !== 'https:') throw new DownloadError('not-https', 'http refused');
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) throw new DownloadError('host-not-allowed', 'IP address refused');
  if (url.port !== '') throw new DownloadError('port', `port ${url.port} refused`);
  if (!hostAllowed(hostname, policy.hosts)) throw new DownloadError('host-not-allowed', `host ${hostname} is not on the list`);
  return url;
}

/** Addresses no download may connect to, whatever name led there; loopback is a separate list (local mode). */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2002::', 16],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address written inside IPv6 (::ffff:10.0.0.1, ::10.0.0.1) as the IPv4 address it reaches. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (m) return m[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether a resolved address may be connected to: public only, loopback in local mode. */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  const v4 = isIP(address) === 6 ? embeddedIpv4(address) : address;
  const [ip, type] = v4 !== null && isIP(v4) === 4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  if (isIP(ip) === 0) return false;
  if (LOOPBACK.check(ip, type)) return allowLoopback;
  return !BLOCKED.check(ip, type);
}

const systemResolve = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * The connection's lookup: every address the name resolves to must be allowed (one bad address refuses
 * the name), and the connection gets those checked addresses, not a second answer.
 */
export function guardedLookup(policy: Pick<DownloadPolicy, 'allowLoopback' | 'resolve'>): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((a) => !options.family || a.family === options.family);
        if (wanted.length === 0) return callback(new DownloadError('network', `no address for ${hostname}`), '', 4);
        const refused = wanted.find((a) => !addressAllowed(a.address, policy.allowLoopback));
        if (refused) return callback(new DownloadError('host-not-allowed', `${hostname} resolves to a refused address`), '', 4);
        if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (err: Error) => callback(Object.assign(new DownloadError('network', `lookup failed: ${err.message}`.slice(0, 200)), { code: 'ENOTFOUND' }), '', 4),
    );
  };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One GET, the host resolved through the guarded lookup; the response once its headers are in. */
function get(url: URL, signal: AbortSignal, lookup: LookupFunction): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'GET', headers: { accept: '*/*' }, signal, lookup, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Reads the body up to maxBytes, then stops reading and refuses. */
async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new DownloadError('too-large', `Content-Length ${declared} over ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > maxBytes) {
      res.destroy();
      throw new DownloadError('too-large', `more than ${maxBytes} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, total);
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).toString();
  } catch {
    throw new DownloadError('bad-url', 'redirect to something that is not a URL');
  }
}

function asDownloadError(err: unknown): DownloadError {
  if (err instanceof DownloadError) return err;
  // The lookup's refusal reaches here wrapped by the socket, or as itself in err.cause.
  const cause = (err as { cause?: unknown })?.cause;
  if (cause instanceof DownloadError) return cause;
  const name = (err as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new DownloadError('timeout', 'download timed out');
  return new DownloadError('network', String((err as Error)?.message ?? err).slice(0, 200));
}

/**
 * Downloads the file at url under the policy: every hop checked, redirects by hand, the whole download
 * within the timeout and maxBytes. Sends no cookies and no credentials of its own.
 */
export async function downloadFile(raw: string, policy: DownloadPolicy): Promise<Buffer> {
  const signal = AbortSignal.timeout(policy.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const maxRedirects = policy.maxRedirects ?? MAX_REDIRECTS;
  const lookup = guardedLookup(policy);
  let url = checkDownloadUrl(raw, policy);
  try {
    for (let hop = 0; ; hop++) {
      const res = await get(url, signal, lookup);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        const location = res.headers.location;
        if (!location) throw new DownloadError('http-status', 'redirect without Location', status);
        if (hop >= maxRedirects) throw new DownloadError('too-many-redirects', `more than ${maxRedirects} redirects`);
        url = checkDownloadUrl(resolveLocation(location, url), policy);
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new DownloadError('http-status', `answered ${status}`, status);
      }
      return await readCapped(res, policy.maxBytes);
    }
  } catch (err) {
    throw asDownloadError(err);
  }
}
