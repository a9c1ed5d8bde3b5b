/** Polls fn until it returns something truthy; fails with what it was waiting for. */
export async function until<T>(what: string, fn: () => T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the outbox has delivered everything pending (so a test counts only its own notices). */
export async function outboxIdle(db: { query<T>(sql: string): Promise<T[]> }, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
    if (n === 0) return;
    if (Date.now() > end) throw new Error(`outbox still has ${n} pending notices`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
