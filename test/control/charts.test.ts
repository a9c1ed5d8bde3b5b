import { divergingBars, escapeHtml, groupedBars } from '../../src/control/charts';
import { loadConfig } from '../../src/config';

describe('the report charts (inline SVG)', () => {
  it('escapes every label and title', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
    const svg = groupedBars({ title: '<script>x</script>', series: ['2025', '2026'], groups: [{ label: '<img src=x>', values: [1, 2] }], format: String });
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain('&lt;img src=x&gt;');
    const bars = divergingBars({ title: 't', rows: [{ label: '<i>Kategori</i>', value: -3, note: '(1)' }], format: String, empty: '-', axis: { left: 'l', right: 'r' } });
    expect(bars).toContain('&lt;i&gt;Kategori&lt;/i&gt;');
  });

  it('draws a bar per value with the value written beside it, a dash for none, and the target as a line', () => {
    const svg = groupedBars({
      title: 'Samordnade',
      series: ['2025', '2026'],
      groups: [{ label: 'a', values: [12, null] }, { label: 'b', values: [0, 40] }],
      format: (v) => `${v} st`,
      target: { value: 30, label: 'mål 30' },
    });
    expect((svg.match(/<rect /g) ?? []).length).toBe(2 + 3); // legend squares + bars (a null draws none)
    expect(svg).toContain('>12 st<');
    expect(svg).toContain('>40 st<');
    expect(svg).toContain('>–<');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>mål 30<');
    expect(svg).not.toMatch(/style=|<script|href=/);
  });

  it('puts earlier starts left of zero and later ones right, and says so when there is nothing', () => {
    const svg = divergingBars({
      title: 't',
      rows: [{ label: 'early', value: -10, note: '(1)' }, { label: 'late', value: 20, note: '(2)' }],
      format: String,
      empty: 'Inga data',
      axis: { left: 'tidigare', right: 'senare' },
    });
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const zero = Number(/<line x1="([\d.]+)"/.exec(svg)?.[1]);
    expect(rects[0][0] + rects[0][1]).toBeCloseTo(zero, 0);
    expect(rects[1][0]).toBeCloseTo(zero, 0);
    expect(rects[1][1]).toBeCloseTo(2 * rects[0][1], 0);
    expect(divergingBars({ title: 't', rows: [], format: String, empty: 'Inga data', axis: { left: 'l', right: 'r' } })).toContain('>Inga data<');
  });
});

describe('CONTROL_COORDINATED_TARGET', () => {
  it('defaults to the business plan\'s 30 a year and takes a whole number', () => {
    expect(loadConfig({}).CONTROL_COORDINATED_TARGET).toBe(30);
    expect(loadConfig({ CONTROL_COORDINATED_TARGET: '12' }).CONTROL_COORDINATED_TARGET).toBe(12);
    expect(() => loadConfig({ CONTROL_COORDINATED_TARGET: '-1' })).toThrow(/CONTROL_COORDINATED_TARGET/);
    expect(() => loadConfig({ CONTROL_COORDINATED_TARGET: 'trettio' })).toThrow(/CONTROL_COORDINATED_TARGET/);
  });
});
