import { RateLimiter, TEAMS_CONVERSATION_LIMITS } from '../../src/util/rate-limit';

describe('RateLimiter (Teams per-conversation limits)', () => {
  it('lets 7 sends through in a second, then makes the 8th wait for the window', async () => {
    let t = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter(TEAMS_CONVERSATION_LIMITS, () => t, async (ms) => {
      waits.push(ms);
      t += ms;
    });
    for (let i = 0; i < 7; i++) await limiter.acquire('conv');
    expect(waits).toEqual([]);
    await limiter.acquire('conv');
    expect(waits).toEqual([1000]);
  });

  it('keeps conversations apart', async () => {
    const t = 0;
    const limiter = new RateLimiter(TEAMS_CONVERSATION_LIMITS, () => t, async () => {
      throw new Error('should not wait');
    });
    for (let i = 0; i < 7; i++) await limiter.acquire(`conv-${i}`);
    for (let i = 0; i < 7; i++) await limiter.acquire('other');
  });

  it('never allows more than 60 sends in any 30 seconds', async () => {
    let t = 0;
    const limiter = new RateLimiter(TEAMS_CONVERSATION_LIMITS, () => t, async (ms) => {
      t += ms;
    });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await limiter.acquire('c');
      times.push(t);
    }
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((x) => x > times[i] - 30_000 && x <= times[i]).length).toBeLessThanOrEqual(60);
      expect(times.filter((x) => x > times[i] - 1_000 && x <= times[i]).length).toBeLessThanOrEqual(7);
    }
  });
});
