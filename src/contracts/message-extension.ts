import { MessagingExtensionResult } from 'botbuilder';
import { z } from 'zod';
import { BotApp } from '../bot/teams';
import { turnLocale } from '../bot/turn';
import { t } from '../i18n';
import { contractCardWithPreview } from './cards';
import { todayInSweden } from './model';
import { ContractRepository } from './repository';
import { MAX_OFFSET, MAX_QUERY_LENGTH } from './search-query';

export const SEARCH_COMMAND_ID = 'searchContracts';

const queryParams = z.object({
  queryText: z.string().max(MAX_QUERY_LENGTH * 2).optional(),
  initialRun: z.union([z.boolean(), z.string()]).optional(),
});

/** The search message extension: contract cards with a list preview, to drop into any chat. */
export function register(app: BotApp, deps: { contracts: ContractRepository; now?: () => Date }): void {
  app.messageExtensions.query(SEARCH_COMMAND_ID, async (ctx, _state, query): Promise<MessagingExtensionResult> => {
    const locale = turnLocale(ctx);
    const params = queryParams.safeParse(query.parameters ?? {});
    const text = params.success ? (params.data.queryText ?? '').trim() : '';
    if (text.length < 2) {
      return { type: 'message', text: t(locale, 'contracts.msgext.emptyQuery') };
    }
    const limit = Math.min(Math.max(Number(query.count) || 10, 1), 25);
    const offset = Math.min(Math.max(Number(query.skip) || 0, 0), MAX_OFFSET);
    const result = await deps.contracts.search({ q: text, limit, offset, today: todayInSweden(deps.now?.()) });
    return {
      type: 'result',
      attachmentLayout: 'list',
      attachments: result.items.map((c) => contractCardWithPreview(locale, c)),
    };
  });
}
