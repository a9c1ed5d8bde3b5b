// The fake Bot Connector lives with the scripts so the benchmarks can use it too.
export * from '../../scripts/lib/fake-connector';
