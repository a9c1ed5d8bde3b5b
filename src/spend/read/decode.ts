import iconv from 'iconv-lite';

/**
 * A ledger file's bytes as text. Publishers write UTF-8 (with or without a BOM), UTF-16 with a BOM, or
 * Windows-1252: a BOM decides; without one, bytes that are not valid UTF-8 are read as Windows-1252.
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeText(buf: Buffer): { text: string; encoding: Encoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  // U+FFFD marks bytes that are not UTF-8: a Windows-1252 file (å ä ö as single bytes).
  if (!utf8.includes('\ufffd')) return { text: utf8, encoding: 'utf-8' };
  return { text: iconv.decode(buf, 'win1252'), encoding: 'windows-1252' };
}
