/**
 * How often one person may create things in an hour: cases, questions to officers, survey actions
 * (answering or changing answers, sending a survey). Generous for real work, a wall for a script or a
 * stuck client. Counted per instance in memory: with several instances a person gets at most the limit
 * on each, which still bounds a flood.
 */
export type LimitedAction = 'case' | 'question' | 'survey';

export type ActionLimitsConfig = Record<LimitedAction, number>;

const HOUR_MS = 3_600_000;

export function createActionLimits(perHour: ActionLimitsConfig, now: () => number = Date.now) {
  const seen = new Map<string, number[]>();
  let sweptAt = now();

  /** Drops people with nothing in the last hour, at most once an hour, so the map stays small. */
  function sweep(t: number): void {
    if (t - sweptAt < HOUR_MS) return;
    sweptAt = t;
    for (const [key, times] of seen) if (times[times.length - 1] <= t - HOUR_MS) seen.delete(key);
  }

  return {
    /** Records the action and returns true while the person is within the limit; false (nothing recorded) beyond it. */
    allow(action: LimitedAction, aadId: string): boolean {
      const max = perHour[action];
      if (max <= 0) return true;
      const t = now();
      sweep(t);
      const key = `${action}:${aadId.toLowerCase()}`;
      const times = (seen.get(key) ?? []).filter((s) => s > t - HOUR_MS);
      if (times.length >= max) {
        seen.set(key, times);
        return false;
      }
      times.push(t);
      seen.set(key, times);
      return true;
    },
  };
}

export type ActionLimits = ReturnType<typeof createActionLimits>;
