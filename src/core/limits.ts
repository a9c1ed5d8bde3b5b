import { RateLimiter } from '../util/rate-limit';

/**
 * How often one person may create things in an hour: cases, questions to officers, survey actions
 * (answering or changing answers, sending a survey), contract files sent and import buttons pressed. Generous for real work, a wall for a script or a
 * stuck client. Counted per instance in memory, with the same sliding window the outbox uses for
 * Teams' limits: with several instances a person gets at most the limit on each, which still bounds a flood.
 */
export type LimitedAction = string;

/**
 * Each action's limit per person and hour (0 = no limit). The capabilities declare theirs (`limits` on the
 * module: intake's cases, policy's questions, the survey's actions, contracts' imports); src/app.ts merges them.
 */
export type ActionLimitsConfig = Record<LimitedAction, number>;

const HOUR_MS = 3_600_000;

export function createActionLimits(perHour: ActionLimitsConfig, now: () => number = Date.now) {
  const windows = Object.fromEntries(
    (Object.keys(perHour) as LimitedAction[]).filter((a) => perHour[a] > 0).map((a) => [a, new RateLimiter([{ max: perHour[a], ms: HOUR_MS }], now)]),
  ) as Partial<Record<LimitedAction, RateLimiter>>;

  return {
    /** Whether the person is within the limit, without recording anything (a handler that may leave the action to another). */
    within(action: LimitedAction, aadId: string): boolean {
      return (windows[action]?.waitMs(aadId.toLowerCase()) ?? 0) <= 0;
    },
    /** Records the action and returns true while the person is within the limit; false (nothing recorded) beyond it. */
    allow(action: LimitedAction, aadId: string): boolean {
      // An action no module declared is a mistake in the code, not a person's doing: refuse it loudly.
      if (!(action in perHour)) throw new Error(`no module declares a limit for the action "${action}"`);
      const window = windows[action];
      if (!window) return true;
      const key = aadId.toLowerCase();
      if (window.waitMs(key) > 0) return false;
      window.take(key);
      return true;
    },
  };
}

export type ActionLimits = ReturnType<typeof createActionLimits>;
