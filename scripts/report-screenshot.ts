/**
 * npm run report:screenshot — docs/internal-control.png: the printable internal-control report for a
 * sample year (the fictional contract catalogue and a walked set of cases, scripts/lib/control-report.ts),
 * served by the app on an in-memory database and photographed in Debian's Chromium. Also writes the
 * page printed on A4 to test-results/internal-control.pdf for a look at the page breaks, and the year's CSV
 * to test-results/internal-control.csv (the figures the picture shows, one row each).
 *
 * Then docs/spend-report.png: the printable avtalstrohet page (GET /api/reports/spend) for the same year,
 * after the sample ledger (data/sample-ledger.csv) is loaded by the spend module's seed, with its two CSVs
 * in test-results/. The ledger is loaded after the internal-control picture, so that picture stays the
 * catalogue-and-cases sample it was.
 */
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { seedSampleContracts } from '../src/contracts/seed';
import { createOfficerDirectory } from '../src/core/officer-repository';
import { migrate, openDatabase } from '../src/db';
import { createIntakeService } from '../src/intake/service';
import { createLogger } from '../src/logger';
import { spendModule } from '../src/spend/module';
import { fromRoot } from '../src/util/paths';
import { CHROMIUM, SAMPLE_OFFICER, SAMPLE_TODAY, SAMPLE_YEAR, answerSampleSurveys, openReportBrowser, seedControlSample } from './lib/control-report';

const KEY = 'screenshot-reports-key-0123456789';

export async function reportScreenshot(out = fromRoot('docs', 'internal-control.png'), spendOut = fromRoot('docs', 'spend-report.png')): Promise<string[]> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} was not found. Install Debian's chromium: apt-get install chromium`);
  const logger = createLogger('warn');
  const db = await openDatabase({ inMemory: true });
  await migrate(db);
  await seedSampleContracts(db, logger);
  const intake = createIntakeService({ db, officers: createOfficerDirectory(db, [SAMPLE_OFFICER.aadId]) });
  await seedControlSample(intake);
  const config = loadConfig({ REPORTS_KEY: KEY, PROCUREMENT_OFFICERS: SAMPLE_OFFICER.aadId, SEED_SAMPLE_DATA: 'false', API_RATE_LIMIT: '0', LOG_LEVEL: 'warn' });
  const built = buildApp({ config, db, logger, now: () => new Date(`${SAMPLE_TODAY}T10:00:00+01:00`) });
  await answerSampleSurveys(intake, built.surveys);
  await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
  const browser = await openReportBrowser({ key: KEY, width: 860, height: 1400 });
  try {
    const { port } = built.server.address() as AddressInfo;
    const res = await browser.page.goto(`http://127.0.0.1:${port}/api/reports/internal-control?year=${SAMPLE_YEAR}`);
    if (res?.status() !== 200) throw new Error(`the report page answered ${res?.status()}`);
    fs.mkdirSync(fromRoot('test-results'), { recursive: true });
    await browser.page.pdf({ path: fromRoot('test-results', 'internal-control.pdf'), format: 'A4', printBackground: true });
    await browser.page.screenshot({ path: out });
    const csv = await fetch(`http://127.0.0.1:${port}/api/reports/internal-control.csv?year=${SAMPLE_YEAR}`, { headers: { authorization: `Bearer ${KEY}` } });
    fs.writeFileSync(fromRoot('test-results', 'internal-control.csv'), Buffer.from(await csv.arrayBuffer()));

    await spendModule.seed?.({ config, db, logger });
    const page = await browser.page.goto(`http://127.0.0.1:${port}/api/reports/spend?year=${SAMPLE_YEAR}`);
    if (page?.status() !== 200) throw new Error(`the spend page answered ${page?.status()}`);
    await browser.page.pdf({ path: fromRoot('test-results', 'spend-report.pdf'), format: 'A4', printBackground: true });
    // The top of the page (the first region's share, charts and largest suppliers), as for the internal-control picture; the PDF has it all.
    await browser.page.screenshot({ path: spendOut });
    for (const name of ['spend', 'uncontracted-suppliers']) {
      const res = await fetch(`http://127.0.0.1:${port}/api/reports/${name}.csv?year=${SAMPLE_YEAR}`, { headers: { authorization: `Bearer ${KEY}` } });
      fs.writeFileSync(fromRoot('test-results', `${name}.csv`), Buffer.from(await res.arrayBuffer()));
    }
    return [out, spendOut];
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => built.server.close(() => resolve()));
    await db.close();
  }
}

if (require.main === module) {
  reportScreenshot().then(
    (files) => console.log(`wrote ${files.join(', ')}`),
    (err: unknown) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}
