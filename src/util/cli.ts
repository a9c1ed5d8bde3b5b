/**
 * Runs a command-line entry point: exits with the code `main` returns, or prints the message of what it threw
 * (never a stack trace) and exits 1. Shared by the import commands (contracts:import, spend:import).
 */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    });
}
