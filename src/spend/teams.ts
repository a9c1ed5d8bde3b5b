import { BotApp, TeamsParts, onCardAction } from '../bot/teams';
import { PrivateReply, person, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { Answer, SpendActions } from './actions';

/** Avtalstrohet in Teams: the command, a ledger sent in the 1:1 chat, the preview card's buttons (src/spend/actions.ts). */
// The turn's type comes through the bot seam (src/bot/turn.ts), so this file imports no SDK.
const caller = (ctx: Parameters<typeof turnLocale>[0]) => ({ locale: turnLocale(ctx), person: () => person(ctx) });
const reply = (a: Answer) => (typeof a === 'string' ? a : { attachments: [asAttachment(a)] });

export function spendTeams(actions: SpendActions, privateReply: PrivateReply): TeamsParts {
  return {
    commands: {
      // The officers' card is answered in the 1:1 chat when asked in a channel; an administration's figures where asked.
      'spend.compliance': async (ctx, text) => {
        const { answer, private: officers } = await actions.compliance(caller(ctx), text);
        if (officers && typeof answer !== 'string') await privateReply(ctx, reply(answer));
        else await ctx.sendActivity(reply(answer));
      },
    },
    files: async (ctx, files) => {
      for (const f of files) {
        const answer = await actions.receiveFile(caller(ctx), f);
        if (answer === false) continue;
        await ctx.sendActivity(reply(answer));
        return true;
      }
      return false;
    },
    register(app: BotApp) {
      onCardAction(app, VERBS.spendImportApply, (ctx, data) => actions.apply(caller(ctx), data));
      onCardAction(app, VERBS.spendImportCancel, (ctx, data) => actions.cancel(caller(ctx), data));
    },
  };
}
