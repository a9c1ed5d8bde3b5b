/** The sliding-window limiter lives in src/util/rate-limit.ts (the kernel's action limits use it too). */
export * from '../util/rate-limit';
