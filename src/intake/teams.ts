import { TeamsInfo, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp, TeamsParts, executeAnswer, onCardAction } from '../bot/teams';
import { person, PrivateReply, turnLocale } from '../bot/turn';
import { asAttachment } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { todayInSweden } from '../core/dates';
import { DomainError } from '../core/errors';
import { CategoryDirectory } from '../core/category-repository';
import { OfficerDirectory } from '../core/officer-repository';
import { OFFICERS_CHANNEL } from '../core/targets';
import { Db } from '../db';
import { t } from '../i18n';
import { Logger } from '../logger';
import { OutboxRepository, loadConversationRef, saveConversationRef } from '../outbox/repository';
import { caseListCard } from './cards';
import { CONTRACT_DATASET } from './outcome-cards';
import { contractStartCommand, contractTypeahead, createCaseActions } from './case-actions';
import { ContractSearch } from '../contracts/api';
import { FormFlow } from './form';
import { refusalText } from './errors';
import { buildIntakeReport, reportCard } from './report';
import { IntakeService } from './service';
import { YEAR_MIN, commandYear, yearMax } from '../util/input';

/** Purchase needs in Teams: the form, the contract check, the officers' channel and its card, "mina ärenden", the report. */
export interface IntakeTeamsDeps {
  db: Db;
  intake: IntakeService;
  contracts: ContractSearch;
  form: FormFlow;
  officers: OfficerDirectory;
  categories: CategoryDirectory;
  outbox: OutboxRepository;
  logger: Logger;
  /** No app id: no token checks, and the first to register the channel may become an officer. */
  localMode: boolean;
  /** INTAKE_CHANNEL_ID: when set, the officers' channel, which chat cannot move. */
  intakeChannelId?: string;
  /** Personal lists and officer views asked for in a group chat or channel go to the person's 1:1 chat. */
  privateReply: PrivateReply;
  now?: () => Date;
}

const payloads = {
  use: z.object({ contractId: z.string().min(1).max(40), draft: z.string().max(20_000) }),
  sendAnyway: z.object({ draft: z.string().max(20_000) }),
  menu: z.object({ q: z.string().max(200).optional() }).passthrough(),
};
const asker = (ctx: TurnContext) => ({ locale: turnLocale(ctx), person: () => person(ctx) });

/** The members of a team, through the Bot Connector, page by page. */
async function teamMembers(ctx: TurnContext, teamId: string): Promise<{ aadObjectId: string; name: string }[]> {
  const members: { aadObjectId: string; name: string }[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(ctx, teamId, 500, token);
    for (const m of page.members) if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, name: m.name ?? '' });
    token = page.continuationToken ?? undefined;
  } while (token);
  return members;
}

/** "ta emot behov här": an officer makes this channel the one that receives needs, and its team the officers. */
async function registerChannel(deps: IntakeTeamsDeps, ctx: TurnContext): Promise<void> {
  const { officers, db, logger } = deps;
  const locale = turnLocale(ctx);
  const a = ctx.activity;
  if (a.conversation?.conversationType !== 'channel') return void (await ctx.sendActivity(t(locale, 'intake.channel.onlyInChannel')));
  const actor = person(ctx);
  const channelData = (a.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const channelId = channelData.channel?.id ?? a.conversation.id.split(';')[0];
  const registered = await loadConversationRef(db, OFFICERS_CHANNEL);
  // Only in local mode (no app id, e.g. the Playground) may the first person to ask become an officer.
  const bootstrap = deps.localMode && !officers.hasConfigured() && !registered;
  const refuse = async (key: string, reason: string) => {
    logger.warn({ by: actor.aadId, channelId, teamId: channelData.team?.id, reason }, 'officers channel registration refused');
    await ctx.sendActivity(t(locale, key));
  };
  if (!(await officers.isOfficer(actor.aadId)) && !bootstrap) {
    return void (await refuse(officers.hasConfigured() || registered ? 'intake.channel.notOfficer' : 'intake.channel.noOfficers', 'not an officer'));
  }
  // INTAKE_CHANNEL_ID is the channel; from chat it can only be confirmed (to read its team's members), not moved.
  if (deps.intakeChannelId && deps.intakeChannelId !== channelId) return void (await refuse('intake.channel.fixedByConfig', 'INTAKE_CHANNEL_ID is set'));
  const ref = TurnContext.getConversationReference(a);
  await saveConversationRef(db, OFFICERS_CHANNEL, { ...ref, conversation: { ...ref.conversation, id: channelId }, activityId: undefined });
  const teamId = channelData.team?.id;
  if (teamId) {
    try {
      const members = await teamMembers(ctx, teamId);
      if (!members.some((m) => m.aadObjectId.toLowerCase() === actor.aadId)) members.push({ aadObjectId: actor.aadId, name: actor.name });
      await officers.setTeamMembers(teamId, members);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not read the team members; officers are those in PROCUREMENT_OFFICERS plus the one who registered');
      await officers.setTeamMembers(teamId, [{ aadObjectId: actor.aadId, name: actor.name }]);
    }
  }
  logger.info({ channelId, teamId, by: actor.aadId, bootstrap }, 'officers channel registered');
  await ctx.sendActivity(t(locale, 'intake.channel.registered'));
}

/** "mina ärenden": the submitter's own cases; officers also see every open case and undelivered notices. */
async function myCases(deps: IntakeTeamsDeps, ctx: TurnContext): Promise<void> {
  const { intake, officers } = deps;
  const locale = turnLocale(ctx);
  const actor = person(ctx);
  const isOfficer = await officers.isOfficer(actor.aadId);
  const cases = await intake.listFor(actor, isOfficer ? 'all' : 'mine');
  const undelivered = isOfficer
    ? (await deps.outbox.pending(20))
        .filter((r) => r.attempts > 0)
        .map((r) => t(locale, 'intake.mine.undeliveredItem', { kind: r.kind, target: r.target, attempts: r.attempts, error: r.lastError ?? '' }))
    : [];
  await deps.privateReply(ctx, { attachments: [asAttachment(caseListCard(locale, cases, { officerView: isOfficer, undelivered, viewerAadId: actor.aadId }))] });
}

/** "rapport behov [år]": the internal-control report, for officers. */
async function report(deps: IntakeTeamsDeps, ctx: TurnContext, text: string): Promise<void> {
  const locale = turnLocale(ctx);
  if (!(await deps.officers.isOfficer(person(ctx).aadId))) return void (await ctx.sendActivity(t(locale, 'errors.forbidden')));
  const year = commandYear(text.replace(/^(?:rapport\s+behov|needs\s+report)/i, ''), todayInSweden(deps.now?.()));
  if (year === null) return void (await ctx.sendActivity(t(locale, 'common.badYear', { min: YEAR_MIN, max: yearMax(), example: t(locale, 'intake.report.yearExample') })));
  try {
    // Like the yearly report's first half: only needs that went to procurement (not those met by a contract,
    // declined or withdrawn before it).
    const cases = (await deps.intake.casesOfYear(person(ctx), year)).filter((c) => c.wentToProcurement);
    await deps.privateReply(ctx, { attachments: [asAttachment(reportCard(locale, year, buildIntakeReport(cases), await deps.categories.list()))] });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await ctx.sendActivity(refusalText(locale, err));
  }
}

export function intakeTeams(deps: IntakeTeamsDeps): TeamsParts {
  const { intake, officers, form } = deps;
  const today = () => todayInSweden(deps.now?.());
  const contractKnown = async (id: string) => (await deps.contracts.get(id, today())) !== null;
  return {
    commands: {
      'intake.register-channel': (ctx) => registerChannel(deps, ctx),
      'intake.new': async (ctx) => void (await ctx.sendActivity({ attachments: [asAttachment(await form.newForm(turnLocale(ctx)))] })),
      'intake.my-cases': (ctx) => myCases(deps, ctx),
      'intake.report': (ctx, text) => report(deps, ctx, text),
      'intake.contract-start': async (ctx, text) => void (await ctx.sendActivity(await contractStartCommand(intake, asker(ctx), text, today()))),
    },
    register(app: BotApp) {
      onCardAction(app, VERBS.intakeSubmit, (ctx, data) => form.submit(asker(ctx), data));
      onCardAction(app, VERBS.intakeSendAnyway, async (ctx, data) => {
        const p = payloads.sendAnyway.safeParse(data);
        return p.success ? form.fromDraft(asker(ctx), p.data.draft, 'sent-anyway') : t(turnLocale(ctx), 'common.cardDataInvalid');
      });
      onCardAction(app, VERBS.intakeUseContract, async (ctx, data) => {
        const p = payloads.use.safeParse(data);
        return p.success ? form.fromDraft(asker(ctx), p.data.draft, 'use-contract', p.data.contractId) : t(turnLocale(ctx), 'common.cardDataInvalid');
      });
      // The form from the menu and the no-hit card (prefilled with the search words).
      app.adaptiveCards.actionSubmit(VERBS.menuIntake, async (ctx, _state, data) => {
        const p = payloads.menu.safeParse(data ?? {});
        await ctx.sendActivity({ attachments: [asAttachment(await form.newForm(turnLocale(ctx), p.success ? p.data.q : undefined))] });
      });
      // The case card's buttons (Universal Actions).
      // The outcome form's contract typeahead (Data.Query on the choice set), for officers.
      app.adaptiveCards.search(CONTRACT_DATASET, async (ctx, _state, query) => {
        if (!(await officers.isOfficer(person(ctx).aadId))) return [];
        return contractTypeahead(deps.contracts, String(query.parameters?.queryText ?? ''), today(), Math.min(Math.max(Number(query.count) || 15, 1), 25));
      });
      for (const [verb, run] of Object.entries(createCaseActions({ intake, officers, contractKnown, today }))) {
        app.adaptiveCards.actionExecute(verb, async (ctx, _state, data) => executeAnswer(await run(asker(ctx), data)));
      }
    },
  };
}
