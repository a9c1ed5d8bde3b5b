/** The log context lives in src/util/log-context.ts (the logger, below the kernel, reads it); this keeps its old place. */
export * from '../util/log-context';
