import { isIP } from 'node:net';

/**
 * Fetching a file an officer sent the bot (Teams hands over a short-lived, pre-authorised download URL).
 * The URL comes from the activity, so it is treated as hostile: https only, on an allow-list of hosts
 * (the organisation's SharePoint/OneDrive), no user info, no IP address, the default port; loopback
 * (http or https, any port) only in local mode, where the test tools serve files. Redirects are
 * followed by hand, at most MAX_REDIRECTS, each target checked again. The whole download is cut off
 * after the timeout and at maxBytes, by Content-Length and while streaming. No SDK types.
 */

export interface DownloadPolicy {
  /** Host names; "*.example.org" is any subdomain of example.org (not example.org itself). */
  hosts: readonly string[];
  /** Local mode (no app id): loopback URLs are allowed, over http too. */
  allowLoopback: boolean;
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Reads the body up to maxBytes, then stops reading and refuses. */
async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadError('too-large', `Content-Length ${declared} over ${maxBytes}`);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadError('too-large', `more than ${maxBytes} bytes`);
    }
    chunks.push(value);
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
  let url = checkDownloadUrl(raw, policy);
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { redirect: 'manual', signal, headers: { accept: '*/*' } });
      if (REDIRECTS.has(res.status)) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        if (!location) throw new DownloadError('http-status', 'redirect without Location', res.status);
        if (hop >= maxRedirects) throw new DownloadError('too-many-redirects', `more than ${maxRedirects} redirects`);
        url = checkDownloadUrl(resolveLocation(location, url), policy);
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => undefined);
        throw new DownloadError('http-status', `answered ${res.status}`, res.status);
      }
      return await readCapped(res, policy.maxBytes);
    }
  } catch (err) {
    throw asDownloadError(err);
  }
}
