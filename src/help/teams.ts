import { BotApp, TeamsParts } from '../bot/teams';
import { turnLocale } from '../bot/turn';
import { VERBS } from '../cards/verbs';
import { CommandSpec } from '../core/commands';
import { helpCard, welcomeCard } from './cards';

/** Help, the menu, and the menu card's help button. */
export function helpTeams(commands: readonly CommandSpec[]): TeamsParts {
  return {
    commands: {
      'help.help': async (ctx) => void (await ctx.sendActivity({ attachments: [helpCard(turnLocale(ctx), commands)] })),
      'help.menu': async (ctx) => void (await ctx.sendActivity({ attachments: [welcomeCard(turnLocale(ctx))] })),
    },
    register(app: BotApp) {
      app.adaptiveCards.actionSubmit(VERBS.menuHelp, async (ctx) => {
        await ctx.sendActivity({ attachments: [helpCard(turnLocale(ctx), commands)] });
      });
    },
  };
}
