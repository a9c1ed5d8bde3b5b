import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented key with the configured one in constant time (hashing first equalises lengths). */
export function keyMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Whether the presented key is any of the configured ones. Every key is compared, so the time taken does
 * not tell which one matched or how far down the list it is.
 */
export function keyMatchesAny(presented: string | undefined, keys: readonly string[]): boolean {
  let ok = false;
  for (const k of keys) ok = keyMatches(presented, k) || ok;
  return ok;
}
