import { CommandSpec } from '../core/commands';

/** The procurement plan in chat (officers): "plan", "upphandlingsplan", "procurement plan". */
export const PLAN_COMMANDS: readonly CommandSpec[] = [
  { id: 'plan.plan', pattern: /^(plan(en)?|upphandlingsplan(en)?|procurement\s+plan)\s*[.!]?$/i, scopes: ['team'], officersOnly: true, help: true },
];
