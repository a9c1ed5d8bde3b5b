import { MessagingExtensionResult, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp, TeamsParts } from '../bot/teams';
import { turnLocale } from '../bot/turn';
import { VERBS } from '../cards/verbs';
import { todayInSweden } from '../core/dates';
import { REGIONS, Region } from '../core/vocabulary';
import { t } from '../i18n';
import { numberInput } from '../util/input';
import { contractCardWithPreview, detailsCard, noHitsCard, resultsCard } from './cards';
import { parseSearchCommand } from './command';
import { ContractRepository } from './repository';
import { MAX_OFFSET, MAX_QUERY_LENGTH, parseQuery } from './search-query';

/** Contract search in Teams: the chat command and free text, the result cards' buttons, the message extension. */
export const PAGE_SIZE = 5;
export const SEARCH_COMMAND_ID = 'searchContracts';

export interface ContractTeamsDeps {
  contracts: ContractRepository;
  inkopEmail: string;
  now?: () => Date;
}

const searchPayload = z.object({ q: z.string().max(MAX_QUERY_LENGTH).default('') });
const morePayload = z.object({
  q: z.string().max(MAX_QUERY_LENGTH),
  region: z.union([z.enum(REGIONS), z.literal('')]).optional(),
  offset: numberInput(z.number().int().min(0).max(MAX_OFFSET)),
});
const detailsPayload = z.object({ id: z.string().min(1).max(40) });
const queryParams = z.object({
  queryText: z.string().max(MAX_QUERY_LENGTH * 2).optional(),
  initialRun: z.union([z.boolean(), z.string()]).optional(),
});

export function contractTeams(deps: ContractTeamsDeps): TeamsParts {
  const today = () => todayInSweden(deps.now?.());

  /** Runs a search and answers with a results card, or a no-hits card that says what to do next. */
  async function replyWithSearch(ctx: TurnContext, q: string, region?: Region, offset = 0): Promise<void> {
    const locale = turnLocale(ctx);
    if (q.trim() === '') return void (await ctx.sendActivity(t(locale, 'contracts.noHits.emptyQuery')));
    const result = await deps.contracts.search({ q, region, offset, limit: PAGE_SIZE, today: today() });
    if (result.items.length === 0) return void (await ctx.sendActivity({ attachments: [noHitsCard(locale, q, deps.inkopEmail)] }));
    await ctx.sendActivity({ attachments: [resultsCard(locale, result, { q, region, offset, pageSize: PAGE_SIZE })] });
  }

  return {
    commands: {
      'contracts.search': async (ctx, text) => {
        const cmd = parseSearchCommand(text);
        await replyWithSearch(ctx, cmd.q, cmd.region);
      },
      'contracts.anything': async (ctx, text) => {
        const cmd = parseSearchCommand(text);
        const parsed = parseQuery(cmd.q);
        if (parsed.tokens.length === 0 && parsed.idKey === null) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.notUnderstood')));
        await replyWithSearch(ctx, cmd.q, cmd.region);
      },
    },

    register(app: BotApp) {
      app.adaptiveCards.actionSubmit(VERBS.contractsSearch, async (ctx, _state, data) => {
        const parsed = searchPayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
        const cmd = parseSearchCommand(parsed.data.q);
        await replyWithSearch(ctx, cmd.q, cmd.region);
      });

      app.adaptiveCards.actionSubmit(VERBS.contractsMore, async (ctx, _state, data) => {
        const parsed = morePayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(turnLocale(ctx), 'common.cardDataInvalid')));
        const { q, region, offset } = parsed.data;
        await replyWithSearch(ctx, q, region || undefined, offset);
      });

      app.adaptiveCards.actionSubmit(VERBS.contractsDetails, async (ctx, _state, data) => {
        const locale = turnLocale(ctx);
        const parsed = detailsPayload.safeParse(data);
        if (!parsed.success) return void (await ctx.sendActivity(t(locale, 'common.cardDataInvalid')));
        const contract = await deps.contracts.get(parsed.data.id, today());
        if (!contract) return void (await ctx.sendActivity(t(locale, 'contracts.notFound', { id: parsed.data.id })));
        await ctx.sendActivity({ attachments: [detailsCard(locale, contract)] });
      });

      // The search message extension: contract cards with a list preview, to drop into any chat.
      app.messageExtensions.query(SEARCH_COMMAND_ID, async (ctx, _state, query): Promise<MessagingExtensionResult> => {
        const locale = turnLocale(ctx);
        const params = queryParams.safeParse(query.parameters ?? {});
        const text = params.success ? (params.data.queryText ?? '').trim() : '';
        if (text.length < 2) return { type: 'message', text: t(locale, 'contracts.msgext.emptyQuery') };
        const limit = Math.min(Math.max(Number(query.count) || 10, 1), 25);
        const offset = Math.min(Math.max(Number(query.skip) || 0, 0), MAX_OFFSET);
        const result = await deps.contracts.search({ q: text, limit, offset, today: today() });
        return { type: 'result', attachmentLayout: 'list', attachments: result.items.map((c) => contractCardWithPreview(locale, c)) };
      });
    },
  };
}
