/**
 * The text helpers live in src/util/text.ts (below i18n and the kernel). This old path is kept only for the files
 * that still import it (src/spend, src/survey, src/contracts/import-*); new code imports src/util/text, and the
 * file goes once those do.
 */
export * from '../util/text';
