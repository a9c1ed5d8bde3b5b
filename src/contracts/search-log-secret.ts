import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The search log's secret, kept outside the database so that whoever reads the database cannot recompute
 * a hash: SEARCH_LOG_SECRET (production; the same on every instance), or in local mode a file under
 * DATA_DIR made on first use, readable by the owner only.
 */
export const SECRET_FILE = 'search-log-secret';

export function searchLogSecret(configured: string | undefined, dataDir: string): () => Buffer {
  let secret: Buffer | undefined = configured ? Buffer.from(configured, 'utf8') : undefined;
  return () => {
    if (secret) return secret;
    const file = path.join(dataDir, SECRET_FILE);
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': the first instance (or turn) to get here writes it; the others read the same file.
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
    return secret;
  };
}

/** A keyed hash as the search log stores it in a text column: "#" and hex (folded queries hold only a–z and 0–9). */
export const keyedText = (secret: Buffer, kind: 'query' | 'stem', text: string): string => `#${createHmac('sha256', secret).update(`${kind}\n${text}`).digest('hex')}`;

/** The people count's key for one period, derived from the secret: a new period, a new key, nothing stored. */
export const periodKey = (secret: Buffer, period: number): Buffer => createHmac('sha256', secret).update(`period\n${period}`).digest();
