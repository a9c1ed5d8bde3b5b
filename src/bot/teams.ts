import { randomUUID } from 'node:crypto';
import { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { Storage, TurnContext } from 'botbuilder';
import { Config } from '../config';
import { t } from '../i18n';
import { Logger } from '../logger';
import { turnLocale } from './turn';

/**
 * The thin seam to the Teams SDK: building the adapter and the Application. Capabilities register
 * routes on the Application; their domain logic never sees Teams types.
 */
export type BotApp = Application<TurnState>;

export interface BotParts {
  adapter: TeamsAdapter;
  app: BotApp;
}

export function createBot(config: Config, storage: Storage, logger: Logger): BotParts {
  // Local mode (no app id): no credentials at all, so botbuilder skips token checks.
  const adapter = new TeamsAdapter(
    config.localMode
      ? {}
      : {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword,
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId,
        },
  );
  const app = new Application<TurnState>({
    adapter,
    storage,
    botAppId: config.MicrosoftAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // One turn-error handler: structured log with a reference, a useful message in the user's language.
  app.error(async (context: TurnContext, error: Error) => {
    const ref = randomUUID().slice(0, 8);
    logger.error(
      {
        ref,
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: context.activity.type,
        activityName: context.activity.name,
        conversationType: context.activity.conversation?.conversationType,
      },
      'turn failed',
    );
    if (context.activity.type === 'invoke') return;
    try {
      await context.sendActivity(t(turnLocale(context), 'common.unexpectedError', { ref }));
    } catch (sendErr) {
      logger.error({ ref, err: (sendErr as Error).message }, 'could not tell the user about the failed turn');
    }
  });
  return { adapter, app };
}
