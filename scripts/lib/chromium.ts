import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, offline-minded flags: no GPU, no QUIC, no first-run, no background traffic, no sync. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium with a fresh profile (its own user data dir) each time; close() also removes the profile. */
export async function launchChromium(opts: {
  executablePath?: string;
  viewport: { width: number; height: number };
  locale: string;
  timezoneId?: string;
  profilePrefix: string;
}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.profilePrefix));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: opts.executablePath ?? CHROMIUM,
    headless: true,
    viewport: opts.viewport,
    locale: opts.locale,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
