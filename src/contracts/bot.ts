import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp } from '../bot/teams';
import { messageText, turnLocale } from '../bot/turn';
import { VERBS } from '../cards/verbs';
import { t } from '../i18n';
import { Logger } from '../logger';
import { detailsCard, noHitsCard, resultsCard } from './cards';
import { parseSearchCommand } from './command';
import { REGIONS, Region, todayInSweden } from './model';
import { ContractRepository } from './repository';
import { MAX_OFFSET, MAX_QUERY_LENGTH } from './search-query';
import { numberInput } from '../util/input';

export const PAGE_SIZE = 5;

export interface ContractBotDeps {
  contracts: ContractRepository;
  inkopEmail: string;
  logger: Logger;
  now?: () => Date;
}

const searchPayload = z.object({ q: z.string().max(MAX_QUERY_LENGTH).default('') });
const morePayload = z.object({
  q: z.string().max(MAX_QUERY_LENGTH),
  region: z.union([z.enum(REGIONS), z.literal('')]).optional(),
  offset: numberInput(z.number().int().min(0).max(MAX_OFFSET)),
});
const detailsPayload = z.object({ id: z.string().min(1).max(40) });

export function createContractSearchReply(deps: ContractBotDeps) {
  const today = () => todayInSweden(deps.now?.());

  /** Runs a search and answers with a results card, or a no-hits card that says what to do next. */
  return async function replyWithSearch(ctx: TurnContext, q: string, region?: Region, offset = 0): Promise<void> {
    const locale = turnLocale(ctx);
    if (q.trim() === '') {
      await ctx.sendActivity(t(locale, 'contracts.noHits.emptyQuery'));
      return;
    }
    const result = await deps.contracts.search({ q, region, offset, limit: PAGE_SIZE, today: today() });
    if (result.items.length === 0) {
      await ctx.sendActivity({ attachments: [noHitsCard(locale, q, deps.inkopEmail)] });
      return;
    }
    await ctx.sendActivity({ attachments: [resultsCard(locale, result, { q, region, offset, pageSize: PAGE_SIZE })] });
  };
}

export type SearchReply = ReturnType<typeof createContractSearchReply>;

/** Contract search in chat: "avtal …", "sök …", the card buttons, and details. */
export function register(app: BotApp, deps: ContractBotDeps & { replyWithSearch: SearchReply }): void {
  const { replyWithSearch } = deps;
  const today = () => todayInSweden(deps.now?.());

  app.message(/^\s*(?:<at>[^<]*<\/at>\s*)*(s[oö]k|avtal|search|find)\b/i, async (ctx) => {
    const cmd = parseSearchCommand(messageText(ctx));
    await replyWithSearch(ctx, cmd.q, cmd.region);
  });

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
}
