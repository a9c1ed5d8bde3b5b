import { TurnContext } from 'botbuilder';
import { BotApp, TeamsParts, onCardAction } from '../bot/teams';
import { PrivateReply, person, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { t } from '../i18n';
import { PlanAction } from './actions';
import { planCard } from './cards';
import { PlanService } from './service';

/** The procurement plan in Teams: the officers' "plan" command and the plan card's buttons (src/plan/actions.ts). */
export interface PlanTeamsDeps {
  plan: PlanService;
  actions: Record<string, PlanAction>;
  horizonMonths: number;
  privateReply: PrivateReply;
}

const caller = (ctx: TurnContext) => ({ locale: turnLocale(ctx), person: () => person(ctx) });

export function planTeams(deps: PlanTeamsDeps): TeamsParts {
  return {
    commands: {
      // Officers' view of open cases and contracts: answered in the 1:1 chat when asked in a channel or group chat.
      'plan.plan': async (ctx) => {
        const locale = turnLocale(ctx);
        if (!(await deps.plan.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'plan.refused.forbidden')));
        const [items, publications] = await Promise.all([deps.plan.plan(), deps.plan.publications()]);
        const card = planCard(locale, items, { offset: 0, horizonMonths: deps.horizonMonths, today: deps.plan.today(), publications });
        await deps.privateReply(ctx, { attachments: [asAttachment(card)] });
      },
    },
    register(app: BotApp) {
      for (const [verb, run] of Object.entries(deps.actions)) onCardAction(app, verb, (ctx, data) => run(caller(ctx), data));
    },
  };
}
