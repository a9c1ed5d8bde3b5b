import { categoryKey, categoryLabel, findCategory, freeSlug, slugify } from '../../src/core/categories';
import { FIXTURE_CATEGORIES } from '../fixtures/categories';

describe('categories as data', () => {
  it.each([
    ['IT/Telekom', 'it-telekom'],
    ['it och TELEKOM', 'it-telekom'],
    ['IT & telekom', 'it-telekom'],
    ['Telekom och IT', 'it-telekom'],
    ['Fastighet och bygg', 'fastighet-bygg'],
    ['fastighet/bygg', 'fastighet-bygg'],
    ['Fordon och transporter', 'transporter-fordon'],
    ['Vard- och omsorgsmaterial', 'vard-omsorgsmaterial'],
    ['Property and construction', 'fastighet-bygg'],
    ['kontor-allmant', 'kontor-allmant'],
    ['MT', 'medicinteknik'],
  ])('%p names %p', (name, slug) => {
    expect(findCategory(FIXTURE_CATEGORIES, name)?.slug).toBe(slug);
  });

  it.each(['Fastighet och service', 'Hälso- och sjukvårdsmaterial', '', '  ', 'och'])('%p names no shipped category', (name) => {
    expect(findCategory(FIXTURE_CATEGORIES, name)).toBeUndefined();
  });

  it('compares names without case, diacritics, joining words, punctuation or word order', () => {
    expect(categoryKey('Vård- och omsorgsmaterial')).toBe(categoryKey('vard & OMSORGSMATERIAL'));
    expect(categoryKey('Fastighet och service')).not.toBe(categoryKey('Fastighet och bygg'));
  });

  it('derives slugs from names and keeps them unique', () => {
    expect(slugify('Hälso- och sjukvårdsmaterial')).toBe('halso-och-sjukvardsmaterial');
    expect(slugify('!!!')).toBe('kategori');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
    expect(freeSlug('IT och telekom', new Set(['it-och-telekom']))).toBe('it-och-telekom-2');
    expect(freeSlug('IT och telekom', new Set(['it-och-telekom', 'it-och-telekom-2']))).toBe('it-och-telekom-3');
    expect(freeSlug('x'.repeat(100), new Set([slugify('x'.repeat(100))]))).toMatch(/^x{58}-2$/);
  });

  it('names a category in the reader\'s language, and an unknown slug as it is', () => {
    expect(categoryLabel(FIXTURE_CATEGORIES, 'lakemedel', 'en')).toBe('Pharmaceuticals');
    expect(categoryLabel(FIXTURE_CATEGORIES, 'lakemedel', 'sv')).toBe('Läkemedel');
    expect(categoryLabel(FIXTURE_CATEGORIES, 'borttagen', 'sv')).toBe('borttagen');
  });
});
