/**
 * Sliding-window limits per key (a conversation, a tenant): Teams allows a bot 7 sends a second,
 * 60 per 30 seconds and 1 800 an hour in one conversation. acquire() waits until a send is allowed.
 */
export interface Window {
  max: number;
  ms: number;
}

export const TEAMS_CONVERSATION_LIMITS: Window[] = [
  { max: 7, ms: 1_000 },
  { max: 60, ms: 30_000 },
  { max: 1_800, ms: 3_600_000 },
];

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly windows: Window[],
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /** How long until key may send again (0: now). */
  waitMs(key: string): number {
    const t = this.now();
    const times = (this.sent.get(key) ?? []).filter((s) => s > t - this.longest);
    this.sent.set(key, times);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((s) => s > t - w.ms);
      if (inWindow.length >= w.max) wait = Math.max(wait, inWindow[inWindow.length - w.max] + w.ms - t);
    }
    return wait;
  }

  async acquire(key: string): Promise<void> {
    for (let wait = this.waitMs(key); wait > 0; wait = this.waitMs(key)) await this.sleep(wait);
    this.take(key);
  }

  /** Records a send now, without waiting (the caller has checked waitMs). */
  take(key: string): void {
    const list = this.sent.get(key) ?? [];
    list.push(this.now());
    this.sent.set(key, list);
  }
}
