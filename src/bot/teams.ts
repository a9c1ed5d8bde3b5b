import { randomUUID } from 'node:crypto';
import { AdaptiveCard, Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import { Activity, ActivityTypes, CallerIdConstants, InvokeResponse, Storage, TurnContext } from 'botbuilder';
import { AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import { AdaptiveCardJson, asAttachment } from '../cards/loader';
import { Config } from '../config';
import { MessageReading } from '../core/reading';
import { t } from '../i18n';
import { Logger } from '../logger';
import { TurnStateOnDemand } from './storage';
import { NoIdentityError, activityTenantIds, turnLocale } from './turn';

export { activityTenantIds };

/**
 * The thin seam to the Teams SDK: building the adapter and the Application. Capabilities register
 * routes on the Application; their domain logic never sees Teams types.
 */
export type BotApp = Application<TurnState>;

/** A card action's answer: the card that replaces the one pressed, or a message. */
export type CardAnswer = AdaptiveCardJson | string;

/** The answer to an Action.Execute, in teams-ai's type (its AdaptiveCard is the same plain JSON). */
export const executeAnswer = (out: CardAnswer): AdaptiveCard | string => (typeof out === 'string' ? out : (out as unknown as AdaptiveCard));

/**
 * A card verb answered both ways: Action.Execute (the card is replaced) and Action.Submit (older
 * clients: the answer comes as a new message).
 */
export function onCardAction(app: BotApp, verb: string, handler: (ctx: TurnContext, data: Record<string, unknown>) => Promise<CardAnswer>): void {
  app.adaptiveCards.actionExecute(verb, async (ctx, _state, data) => executeAnswer(await handler(ctx, (data ?? {}) as Record<string, unknown>)));
  app.adaptiveCards.actionSubmit(verb, async (ctx, _state, data) => {
    const out = await handler(ctx, (data ?? {}) as Record<string, unknown>);
    await ctx.sendActivity(typeof out === 'string' ? out : { attachments: [asAttachment(out)] });
  });
}

/** Handles a chat command: the turn and the message text (mentions removed, cut to the limit). */
/** A command's handler: the message text and, from the router, the one reading of it made for the turn. */
export type CommandHandler = (ctx: TurnContext, text: string, state: TurnState, reading?: MessageReading) => Promise<void>;

/** A file a person sent the bot in a 1:1 chat: its name and Teams' short-lived, pre-authorised download URL. */
export interface ChatFile {
  name: string;
  downloadUrl: string;
  /** The extension Teams reports, lower case without the dot ("csv", "xlsx"). */
  fileType: string;
  /**
   * The bytes, when a handler earlier in the turn fetched the file (under the same download policy) and
   * left it to the next: the next one does not fetch it again.
   */
  fetched?: Buffer;
}

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** The files attached to a message (Teams sends each as a file download info attachment; other attachments are ignored). */
export function chatFiles(activity: Partial<Activity>): ChatFile[] {
  return (activity.attachments ?? []).flatMap((a) => {
    const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    if (a.contentType !== FILE_DOWNLOAD_INFO || typeof content.downloadUrl !== 'string' || content.downloadUrl.length > 4000) return [];
    const name = String(a.name ?? '').slice(0, 260);
    const fileType = (typeof content.fileType === 'string' ? content.fileType : (/\.([a-z0-9]{1,10})$/i.exec(name)?.[1] ?? '')).toLowerCase().slice(0, 20);
    return [{ name, downloadUrl: content.downloadUrl, fileType }];
  });
}

/** Files sent in a 1:1 chat: true when the module took them, false to leave them to the next (and then to the text). */
export type FileHandler = (ctx: TurnContext, files: ChatFile[]) => Promise<boolean>;

/** What a capability's Teams handler file (src/<capability>/teams.ts) gives the seam. */
export interface TeamsParts {
  /** A handler for each command the module declares, by command id. */
  commands?: Record<string, CommandHandler>;
  /** Files a person sends the bot in a 1:1 chat (the manifest's supportsFiles), tried in module order. */
  files?: FileHandler;
  /** Card actions, invokes, message extensions and other routes of its own. */
  register?(app: BotApp): void;
}

/** Why a request to /api/messages was not accepted as coming from the Bot Framework. */
export class BotAuthError extends Error {
  constructor(
    message: string,
    /** The signing keys could not be loaded (network, metadata endpoint): worth an operator's attention. */
    readonly keysUnavailable = false,
  ) {
    super(message);
    this.name = 'BotAuthError';
  }
}

/** How long checking a token (including fetching the signing keys) may take before the request is refused. */
export const AUTH_TIMEOUT_MS = 10_000;

/**
 * The Teams adapter, with the token check split from the turn so the HTTP layer decides what a refusal
 * looks like. botbuilder answers a bad signature or an unreachable key endpoint with a 500 carrying the
 * internal message; here every failure to authenticate is a BotAuthError (→ 401), and a key fetch that
 * hangs is cut off after AUTH_TIMEOUT_MS.
 */
export class InkopAdapter extends TeamsAdapter {
  async authenticate(activity: Partial<Activity>, authHeader: string, timeoutMs = AUTH_TIMEOUT_MS): Promise<AuthenticateRequestResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new BotAuthError('token check timed out', true)), timeoutMs);
    });
    try {
      return await Promise.race([this.botFrameworkAuthentication.authenticateRequest(activity as Activity, authHeader), timeout]);
    } catch (err) {
      if (err instanceof BotAuthError) throw err;
      const e = err as Error & { statusCode?: number; code?: string; type?: string };
      // AuthenticationError carries 401; jsonwebtoken's errors (bad signature, wrong audience) have a name;
      // anything else (node-fetch FetchError, a 5xx from the metadata endpoint) means the keys were not there.
      const keysUnavailable = e.statusCode !== 401 && !/JsonWebTokenError|NotBeforeError|TokenExpiredError/.test(e.name ?? '');
      throw new BotAuthError(String(e.message ?? e).slice(0, 300), keysUnavailable);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs the turn for an activity whose request has been authenticated. */
  async run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface BotParts {
  adapter: InkopAdapter;
  app: BotApp;
}


/**
 * ALLOWED_TENANT_IDS: empty allows every tenant. Otherwise every tenant id the activity names must be on
 * the list, and an activity that names none is refused (fail closed).
 */
export function tenantAllowed(allowed: readonly string[], activity: Partial<Activity>): boolean {
  if (allowed.length === 0) return true;
  const ids = activityTenantIds(activity);
  return ids.length > 0 && ids.every((id) => allowed.includes(id));
}

/**
 * The invoke response that shows `text` to the user: on the card for a card action (Action.Execute), in
 * the compose box for a message extension. null for other invokes, which have no place for a message.
 */
export function invokeMessage(activity: Partial<Activity>, text: string): InvokeResponse | null {
  if (activity.name === 'adaptiveCard/action') return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
  if (activity.name?.startsWith('composeExtension/')) return { status: 200, body: { composeExtension: { type: 'message', text } } };
  return null;
}

/** botbuilder's options: none in local mode; the public cloud's endpoints, with BotOpenIdMetadata when it is set. */
function authOptions(config: Config): Record<string, string | undefined> {
  if (config.localMode) return {};
  const credentials = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  if (!config.BotOpenIdMetadata) return credentials;
  // Setting one endpoint switches botbuilder to "all parameters given": give the public cloud's others.
  return {
    ...credentials,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: config.BotOpenIdMetadata,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** `needsState`: whether a turn keeps conversation or user state (only then is `storage` read and written). */
export function createBot(config: Config, storage: Storage, logger: Logger, needsState: (context: TurnContext) => boolean = () => true): BotParts {
  // Local mode (no app id): no credentials at all, so botbuilder skips token checks.
  const adapter = new InkopAdapter(authOptions(config));
  const app = new Application<TurnState>({
    adapter,
    storage,
    turnStateFactory: () => new TurnStateOnDemand(needsState),
    botAppId: config.MicrosoftAppId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // One turn-error handler: structured log with a reference, a useful message in the user's language.
  app.error(async (context: TurnContext, error: Error) => {
    if (error instanceof NoIdentityError) {
      logger.info({ activityType: context.activity.type, activityName: context.activity.name, fromId: String(context.activity.from?.id ?? '').slice(0, 100) }, 'refused: no Entra object id');
      await answer(context, t(turnLocale(context), 'common.noIdentity'));
      return;
    }
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
    await answer(context, t(turnLocale(context), 'common.unexpectedError', { ref }), ref);
  });

  /** Tells the user: a card action or a search gets the message where the user is looking; other invokes a plain 500. */
  async function answer(context: TurnContext, text: string, ref?: string): Promise<void> {
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: invokeMessage(context.activity, text) ?? { status: 500 } });
        return;
      }
      await context.sendActivity(text);
    } catch (sendErr) {
      logger.error({ ref, err: (sendErr as Error).message }, 'could not tell the user about the failed turn');
    }
  }
  return { adapter, app };
}
