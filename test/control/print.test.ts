import fs from 'node:fs';
import { createOfficerDirectory } from '../../src/core/officer-repository';
import { createIntakeService } from '../../src/intake/service';
import { CHROMIUM, ReportBrowser, SAMPLE_OFFICER, SAMPLE_YEAR, answerSampleSurveys, openReportBrowser, seedControlSample } from '../../scripts/lib/control-report';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * The printable internal-control report in Debian's Chromium: the page as served (key in the header,
 * its own content security policy), printed to PDF on A4. Skipped only where /usr/bin/chromium is absent.
 */
const REPORTS_KEY = 'reports-key-0123456789abcdef';
const maybe = fs.existsSync(CHROMIUM) ? describe : describe.skip;

maybe('the internal-control report printed in Chromium', () => {
  let app: TestApp;
  let browser: ReportBrowser;
  const messages: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { REPORTS_KEY, PROCUREMENT_OFFICERS: SAMPLE_OFFICER.aadId } });
    const intake = createIntakeService({ db: app.db, officers: createOfficerDirectory(app.db, [SAMPLE_OFFICER.aadId]) });
    await seedControlSample(intake);
    await answerSampleSurveys(intake, app.built.surveys);
    browser = await openReportBrowser({ key: REPORTS_KEY });
    browser.page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lays the page out with its own style sheet and draws the five charts', async () => {
    const res = await browser.page.goto(`${app.baseUrl}/api/reports/internal-control?year=${SAMPLE_YEAR}`);
    expect(res?.status()).toBe(200);
    const page = browser.page;
    await expect(page.locator('h1').textContent()).resolves.toBe(`Internkontroll ${SAMPLE_YEAR}`);
    // The style sheet applied (the policy allows it by hash): headings take the report's colour.
    // (The callback runs in the page; the test's compiler has no DOM types.)
    const colour = (e: unknown) => (globalThis as unknown as { getComputedStyle(el: unknown): { color: string } }).getComputedStyle(e).color;
    expect(await page.locator('h2').first().evaluate(colour)).toBe('rgb(31, 95, 139)');
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(5);
    for (let i = 0; i < 4; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box && box.width > 300 && box.height > 100).toBe(true);
      expect(await charts.nth(i).locator('rect').count()).toBeGreaterThan(0);
    }
    await expect(charts.nth(0).textContent()).resolves.toContain('under 90 dagar');
    await expect(charts.nth(1).textContent()).resolves.toContain('Alla kategorier');
    await expect(charts.nth(2).textContent()).resolves.toContain('mål 30');
    // Contract compliance: this sample has no ledger, so the chart has no bars and the table says why.
    await expect(charts.nth(4).textContent()).resolves.toContain('Leverantörstrohet per region');
    expect(await charts.nth(4).textContent()).not.toMatch(/\d\u00a0%/);
    await expect(page.locator('#contractCompliance').textContent()).resolves.toContain(`ingen leverantörsreskontra inläst för ${SAMPLE_YEAR}`);
    expect(messages.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
  });

  it('prints to a few A4 pages', async () => {
    // The page's own @page rule must give A4: Chromium's fallback here is Letter, which the boxes below would show.
    const pdf = await browser.page.pdf({ format: 'Letter', preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595)).toBeLessThan(2);
      expect(Math.abs(h - 842)).toBeLessThan(2);
    }
  });
});
