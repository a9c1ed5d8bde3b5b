/** The text helpers live in src/util/text.ts (below i18n and the kernel); this keeps the kernel's name for them. */
export * from '../util/text';
