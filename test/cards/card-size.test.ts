import { categoryListCard } from '../../src/contracts/category-cards';
import { importPreviewCard, importResultCard } from '../../src/contracts/import-cards';
import { ImportReport } from '../../src/contracts/import-service';
import { LOCALES } from '../../src/i18n';
import { renderedCards } from './samples';

/**
 * Teams refuses a card over about 28 KB. Every card template, rendered through its builder with the
 * longest text a person could put in each field, stays under it; the contract import's cards, whose
 * lists come from a file of any size, are rendered with a worst-case file and cut their lists with
 * "… and N more".
 */
const LIMIT = 28 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

/** A dry run of the worst file: long values everywhere, thousands of rows, categories and unknown columns. */
function worstReport(extra: Partial<ImportReport> = {}): ImportReport {
  const long = (n: number) => 'å'.repeat(n);
  return {
    dryRun: true, mode: 'full', format: 'xlsx', fileName: `${long(2000)}.xlsx`, encoding: null, delimiter: null, sheet: long(31),
    rows: 60_000, valid: 30_000, added: 30_000, updated: 0, removed: 412,
    removals: Array.from({ length: 200 }, (_, i) => ({ contractId: `RS-${i}-${long(30)}`, title: long(200) })),
    rejected: Array.from({ length: 30_000 }, (_, i) => ({ line: i + 2, contractId: long(40), problems: Array.from({ length: 16 }, () => ({ field: 'title', message: long(200) })) })),
    notes: Array.from({ length: 30_000 }, (_, i) => ({ line: i + 2, contractId: long(40), field: 'regions', message: long(300) })),
    newCategories: Array.from({ length: 3000 }, (_, i) => ({ slug: `kategori-${i}-${'a'.repeat(50)}`, name: long(80), rows: 1 })),
    warnings: [`Okända kolumner ignorerades: ${Array.from({ length: 16_000 }, () => long(30)).join(', ')}.`, ...Array.from({ length: 3000 }, () => long(200))],
    refusal: null, importId: null, ...extra,
  };
}

describe('card sizes', () => {
  it('the import preview and result cards stay under 28 KB for a worst-case file, and say how many more there are', () => {
    for (const locale of LOCALES) {
      const update = worstReport({ mode: 'update', removed: 0, removals: [] });
      const full = worstReport({ refusal: { code: 'too-many-removals', message: 'å'.repeat(5000) } });
      const preview = importPreviewCard(locale, { token: 'x'.repeat(64), fileName: update.fileName ?? '', update, full, maxNewCategories: 20 });
      const result = importResultCard(locale, full.fileName ?? '', { ...full, dryRun: false }, true);
      for (const card of [preview, result]) {
        expect(size(card)).toBeLessThan(LIMIT);
        expect(JSON.stringify(card)).toMatch(locale === 'sv' ? /… och \d+ till/ : /… and \d+ more/);
      }
    }
  });

  it('the officers\' category list stays under 28 KB for 3 000 long import-made names, and says how many more there are', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ slug: `kategori-${i}-${'a'.repeat(45)}`, name: { sv: 'å'.repeat(400), en: 'å'.repeat(400) }, count: i, active: i }));
    for (const locale of LOCALES) {
      const card = categoryListCard(locale, rows);
      expect(size(card)).toBeLessThan(LIMIT);
      expect(JSON.stringify(card)).toMatch(locale === 'sv' ? /… och \d+ till/ : /… and \d+ more/);
    }
  });

  it('every card template stays under 28 KB with long text wherever a person writes', () => {
    const long = (s: string) => `${s} ${'ö'.repeat(400)}`.slice(0, 420);
    const over = [...renderedCards(), ...renderedCards(long)].map((c) => ({ name: c.name, bytes: size(c.card) })).filter((c) => c.bytes >= LIMIT);
    expect(over).toEqual([]);
  });
});
