/**
 * Empty on purpose: ledgers sent in Teams wait in the imports' shared upload store
 * (src/imports/upload-repository.ts, purpose 'spend'), and the spend purge is in import-log-repository.ts.
 * This file stays only while repository.ts re-exports it; delete both (the file and that line) together.
 */
export {};
