import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { projectRoot } from '../../src/util/paths';

/** Where each run's screenshots go; with E2E_DOCS=1 the README's screenshots are refreshed too. */
export const SHOTS_DIR = path.join(projectRoot(), 'test-results', 'e2e');
export const DOCS_SHOTS_DIR = path.join(projectRoot(), 'docs', 'screenshots');

/** Debian's Chromium, found on PATH; never a downloaded browser. */
export function chromiumPath(): string {
  const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser || true']).toString().trim();
  if (!found) throw new Error('Chromium was not found on PATH. Install it with: apt-get install chromium chromium-driver');
  return found;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(url: string): Promise<Browser> {
  const { context, close } = await launchChromium({
    executablePath: chromiumPath(),
    viewport: { width: 1400, height: 1000 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    profilePrefix: 'inkop-e2e-chromium-',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  return {
    context,
    page,
    close,
  };
}

/** Screenshot of the current page, named for the step; also copied into docs/ when E2E_DOCS=1. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.E2E_DOCS === '1') {
    fs.mkdirSync(DOCS_SHOTS_DIR, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SHOTS_DIR, `${name}.png`));
  }
  return file;
}

/** Runs one step; when it fails, the page is saved (screenshot and HTML) before the error is rethrown. */
export async function step(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS_DIR, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
    fs.writeFileSync(path.join(SHOTS_DIR, `FAILED-${name}.html`), await page.content().catch(() => ''));
    throw err;
  }
}

/**
 * Ticks a checkbox of an Adaptive Card in the Playground. Its Fluent UI checkbox sometimes re-renders
 * just as a click lands and stays unticked; click again (at most three times) until it reads as ticked.
 */
export async function tick(box: Locator): Promise<void> {
  for (let attempt = 0; attempt < 3 && !(await box.isChecked()); attempt++) {
    await box.click({ force: attempt > 0 });
    await box.page().waitForTimeout(200);
  }
  if (!(await box.isChecked())) throw new Error('the checkbox did not stay ticked after three clicks');
}
