import { randomUUID } from 'node:crypto';
import { AdaptiveCard } from '@microsoft/teams-ai';
import { CardFactory, TeamsInfo, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BotApp } from '../bot/teams';
import { person } from '../bot/identity';
import { PrivateReply } from '../bot/private-reply';
import { messageText, turnLocale } from '../bot/turn';
import { AdaptiveCardJson } from '../cards/loader';
import { VERBS } from '../cards/verbs';
import { ContractView, todayInSweden } from '../contracts/model';
import { ContractRepository } from '../contracts/repository';
import { parseQuery } from '../contracts/search-query';
import { foldText } from '../contracts/text';
import { Db } from '../db';
import { Locale, t } from '../i18n';
import { Logger } from '../logger';
import { OutboxRepository, loadConversationRef, saveConversationRef } from '../outbox/repository';
import {
  caseCard,
  caseListCard,
  confirmationCard,
  contractCheckCard,
  intakeFormCard,
  usedContractCard,
} from './cards';
import { CASE_STATUSES } from './lifecycle';
import { NEED_FIELDS, NeedField, NeedForm, fieldErrors, needFormSchema } from './model';
import { OfficerDirectory } from './officers';
import { IntakeError, IntakeService, OFFICERS_CHANNEL, userTarget } from './service';
import { buildIntakeReport, reportCard } from './report';

export interface IntakeBotDeps {
  db: Db;
  intake: IntakeService;
  officers: OfficerDirectory;
  contracts: ContractRepository;
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

const caseNumber = z.string().trim().regex(/^INK-\d{4}-\d{4,6}$/i);
const formIdSchema = z.string().uuid();
const draftSchema = z.object({ formId: formIdSchema, form: needFormSchema });
const payloads = {
  submit: z.object({ formId: formIdSchema }).passthrough(),
  use: z.object({ contractId: z.string().min(1).max(40), draft: z.string().max(20_000) }),
  sendAnyway: z.object({ draft: z.string().max(20_000) }),
  caseOnly: z.object({ caseNumber }),
  status: z.object({ caseNumber, status: z.enum(CASE_STATUSES), comment: z.string().max(1000).optional() }),
  ask: z.object({ caseNumber, question: z.string().trim().min(2).max(1000) }),
  answer: z.object({ caseNumber, answer: z.string().trim().min(1).max(2000) }),
  withdraw: z.object({ caseNumber, comment: z.string().max(500).optional() }),
  menu: z.object({ q: z.string().max(200).optional() }).passthrough(),
};

export { person };

const card = (json: AdaptiveCardJson) => json as unknown as AdaptiveCard;

const GENERIC_WORDS = new Set(['inkop', 'upphandling', 'behov', 'ny', 'nya', 'nytt', 'kop', 'anskaffning', 'avtal', 'ramavtal', 'byte', 'utbyte']);

/**
 * Contracts from the check that share the need's head word. A Swedish title names the thing first
 * ("Blodtrycksmätare till vårdcentraler", "Akvarieskötsel i väntrum"), so the first significant word
 * decides; a shared place or purpose word alone is no reason to stop a need.
 */
export function relevantContracts(title: string, candidates: ContractView[]): ContractView[] {
  const head = parseQuery(title).tokens.find((w) => w.length >= 4 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));
  if (!head) return [];
  const stem = head.slice(0, Math.max(4, head.length - 2));
  return candidates.filter((c) => foldText([c.title, ...c.keywords].join(' ')).includes(stem));
}

/** Raw card input → the form's string values, for putting back into the card after a failed submit. */
function formValues(data: Record<string, unknown>): Partial<Record<NeedField, string>> {
  const out: Partial<Record<NeedField, string>> = {};
  for (const f of NEED_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') out[f] = v.slice(0, 4000);
    else if (typeof v === 'number') out[f] = String(v);
    else if (Array.isArray(v)) out[f] = v.filter((x) => typeof x === 'string').join(',').slice(0, 4000);
  }
  return out;
}

/** Purchase needs in chat: the form, the contract check, the officers' channel card actions, "mina ärenden". */
export function register(app: BotApp, deps: IntakeBotDeps): void {
  const { intake, officers, contracts, db, logger } = deps;
  const today = () => todayInSweden(deps.now?.());

  const refused = (locale: Locale, err: unknown): string => {
    if (err instanceof IntakeError) return t(locale, `intake.errorsApi.${err.code}`, err.params);
    throw err;
  };

  // Remember where each user can be reached 1:1, for notices about their cases.
  const knownRefs = new Map<string, string>();
  app.turn('beforeTurn', async (ctx) => {
    const a = ctx.activity;
    if (a.conversation?.conversationType === 'personal' && a.from?.aadObjectId) {
      const key = userTarget(a.from.aadObjectId);
      const stamp = `${a.serviceUrl}|${a.conversation.id}`;
      if (knownRefs.get(key) !== stamp) {
        await saveConversationRef(db, key, TurnContext.getConversationReference(a));
        knownRefs.set(key, stamp);
      }
    }
    return true;
  });

  const newForm = (locale: Locale, q?: string) =>
    intakeFormCard(locale, randomUUID(), q ? { title: q.slice(0, 120), need: '' } : {});

  async function store(ctx: TurnContext, draft: { formId: string; form: NeedForm }, choice: 'none' | 'sent-anyway' | 'use-contract', matches: string[], contractId?: string) {
    const locale = turnLocale(ctx);
    const submitter = { ...person(ctx), locale };
    const submitted = await intake
      .submit({
      form: draft.form,
      // Per submitter: on a form shared in a group chat, each person who sends it gets their own case.
      idempotencyKey: `${draft.formId}:${submitter.aadId}`,
      submitter,
      contractCheck: { matches, choice, ...(contractId ? { contractId } : {}) },
      submittedOn: today(),
      })
      .catch((err: unknown) => {
        // A draft kept on a card past its desired start: back to the form, with everything typed kept.
        if (err instanceof IntakeError && err.code === 'past-start') return null;
        if (err instanceof IntakeError && err.code === 'too-many') return 'too-many' as const;
        throw err;
      });
    if (submitted === 'too-many') return t(locale, 'common.tooMany');
    if (!submitted) return intakeFormCard(locale, draft.formId, formValues(draft.form), { desiredStart: 'past' });
    const c = submitted.case;
    if (c.contractCheck.choice === 'use-contract') {
      return usedContractCard(locale, c, c.contractCheck.contractId ? await contracts.get(c.contractCheck.contractId, today()) : null);
    }
    return confirmationCard(locale, c);
  }

  /** Validate → (errors back on the same card) → contract check → store. Returns the card that replaces the form. */
  async function submit(ctx: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCardJson | string> {
    const locale = turnLocale(ctx);
    const ids = payloads.submit.safeParse(data);
    if (!ids.success) return t(locale, 'common.cardDataInvalid');
    const parsed = needFormSchema.safeParse(data);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (parsed.success && parsed.data.desiredStart < today()) errors.desiredStart = 'past';
    if (!parsed.success || Object.keys(errors).length > 0) return intakeFormCard(locale, ids.data.formId, formValues(data), errors);
    const form = parsed.data;
    const draft = { formId: ids.data.formId, form };
    const candidates = await contracts.search({ q: form.title, status: 'active', limit: 5, today: today() });
    const matches = relevantContracts(form.title, candidates.items).slice(0, 3);
    if (matches.length > 0) return contractCheckCard(locale, matches, JSON.stringify(draft));
    return store(ctx, draft, 'none', []);
  }

  async function fromDraft(ctx: TurnContext, raw: string, choice: 'sent-anyway' | 'use-contract', contractId?: string): Promise<AdaptiveCardJson | string> {
    const locale = turnLocale(ctx);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return t(locale, 'common.cardDataInvalid');
    }
    const draft = draftSchema.safeParse(json);
    if (!draft.success) return t(locale, 'common.cardDataInvalid');
    const candidates = await contracts.search({ q: draft.data.form.title, status: 'active', limit: 5, today: today() });
    const matches = relevantContracts(draft.data.form.title, candidates.items).map((c) => c.contractId);
    return store(ctx, draft.data, choice, matches, contractId);
  }

  /** Both Action.Execute (the card is replaced) and Action.Submit (older clients: a new message). */
  function both(verb: string, handler: (ctx: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCardJson | string>) {
    app.adaptiveCards.actionExecute(verb, async (ctx, _state, data) => {
      const out = await handler(ctx, (data ?? {}) as Record<string, unknown>);
      return typeof out === 'string' ? out : card(out);
    });
    app.adaptiveCards.actionSubmit(verb, async (ctx, _state, data) => {
      const out = await handler(ctx, (data ?? {}) as Record<string, unknown>);
      await ctx.sendActivity(typeof out === 'string' ? out : { attachments: [CardFactory.adaptiveCard(out)] });
    });
  }

  both(VERBS.intakeSubmit, submit);
  both(VERBS.intakeSendAnyway, async (ctx, data) => {
    const p = payloads.sendAnyway.safeParse(data);
    return p.success ? fromDraft(ctx, p.data.draft, 'sent-anyway') : t(turnLocale(ctx), 'common.cardDataInvalid');
  });
  both(VERBS.intakeUseContract, async (ctx, data) => {
    const p = payloads.use.safeParse(data);
    return p.success ? fromDraft(ctx, p.data.draft, 'use-contract', p.data.contractId) : t(turnLocale(ctx), 'common.cardDataInvalid');
  });

  // The form from the menu, the no-hit card (prefilled with the search words) and chat commands.
  app.adaptiveCards.actionSubmit(VERBS.menuIntake, async (ctx, _state, data) => {
    const p = payloads.menu.safeParse(data ?? {});
    await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(newForm(turnLocale(ctx), p.success ? p.data.q : undefined))] });
  });
  const command = (re: RegExp) => async (ctx: TurnContext) => re.test(messageText(ctx));
  app.message(command(/^(anm[aä]l(\s+ett)?(\s+ink[oö]ps)?\s*behov|nytt\s+(ink[oö]ps)?behov|submit(\s+a)?\s+(purchase\s+)?need|new\s+need)\s*[.!]?$/i), async (ctx) => {
    await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(newForm(turnLocale(ctx)))] });
  });

  // "mina ärenden": the submitter's own cases; officers also see every open case and undelivered notices.
  app.message(command(/^(mina\s+[aä]renden|my\s+cases)\s*[.!]?$/i), async (ctx) => {
    const locale = turnLocale(ctx);
    const actor = person(ctx);
    const isOfficer = await officers.isOfficer(actor.aadId);
    const cases = await intake.listFor(actor, isOfficer ? 'all' : 'mine');
    const undelivered = isOfficer
      ? (await deps.outbox.pending(20)).filter((r) => r.attempts > 0).map((r) =>
          t(locale, 'intake.mine.undeliveredItem', { kind: r.kind, target: r.target, attempts: r.attempts, error: r.lastError ?? '' }),
        )
      : [];
    await deps.privateReply(ctx, {
      attachments: [CardFactory.adaptiveCard(caseListCard(locale, cases, { officerView: isOfficer, undelivered, viewerAadId: actor.aadId }))],
    });
  });

  // An officer registers the channel where new needs should land.
  app.message(command(/^(ta\s+emot\s+behov\s+h[aä]r|receive\s+needs\s+here)\s*[.!]?$/i), async (ctx) => {
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
        const members: { aadObjectId: string; name: string }[] = [];
        let token: string | undefined;
        do {
          const page = await TeamsInfo.getPagedTeamMembers(ctx, teamId, 500, token);
          for (const m of page.members) if (m.aadObjectId) members.push({ aadObjectId: m.aadObjectId, name: m.name ?? '' });
          token = page.continuationToken ?? undefined;
        } while (token);
        if (!members.some((m) => m.aadObjectId.toLowerCase() === actor.aadId)) members.push({ aadObjectId: actor.aadId, name: actor.name });
        await officers.setTeamMembers(teamId, members);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'could not read the team members; officers are those in PROCUREMENT_OFFICERS plus the one who registered');
        await officers.setTeamMembers(teamId, [{ aadObjectId: actor.aadId, name: actor.name }]);
      }
    }
    logger.info({ channelId, teamId, by: actor.aadId, bootstrap }, 'officers channel registered');
    await ctx.sendActivity(t(locale, 'intake.channel.registered'));
  });

  // Keep the officers' team membership current.
  app.conversationUpdate('membersAdded', async (ctx) => {
    const teamId = (ctx.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    const registered = (await loadConversationRef(db, OFFICERS_CHANNEL)) as { conversation?: { id?: string } } | null;
    if (!teamId || !registered) return;
    const rows = await db.query('SELECT 1 FROM officer_team_members WHERE team_id = $1 LIMIT 1', [teamId]);
    if (rows.length === 0) return;
    const added = (ctx.activity.membersAdded ?? []).filter((m) => m.aadObjectId).map((m) => ({ aadObjectId: m.aadObjectId as string, name: m.name ?? '' }));
    await officers.addMembers(teamId, added);
  });
  app.conversationUpdate('membersRemoved', async (ctx) => {
    // Only leaving the officers' team ends being an officer; leaving any other team (or chat) does not.
    const teamId = (ctx.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!teamId) return;
    const removed = (ctx.activity.membersRemoved ?? []).map((m) => m.aadObjectId).filter((x): x is string => Boolean(x));
    await officers.removeMembers(removed, teamId);
  });

  // The officers' channel card, as the answer to the officer who acted. The message itself (with its
  // Universal Actions refresh) is updated for everyone by the outbox; without `refresh` here, teams-ai
  // answers this officer only instead of making a second, synchronous update of the message.
  const officerCard = async (locale: Locale, caseNo: string) => {
    const c = await intake.get(caseNo);
    if (!c) throw new IntakeError('not-found', { caseNumber: caseNo });
    const { refresh: _refresh, ...rest } = caseCard(locale, c, await intake.events(c), await officers.refreshList());
    return card(rest as AdaptiveCardJson);
  };
  const execute = <T extends z.ZodTypeAny>(verb: string, schema: T, run: (ctx: TurnContext, data: z.infer<T>) => Promise<AdaptiveCard | string>) => {
    app.adaptiveCards.actionExecute(verb, async (ctx, _state, data) => {
      const locale = turnLocale(ctx);
      const p = schema.safeParse(data ?? {});
      if (!p.success) return t(locale, 'common.cardDataInvalid');
      try {
        return await run(ctx, p.data);
      } catch (err) {
        return refused(locale, err);
      }
    });
  };
  execute(VERBS.caseRefresh, payloads.caseOnly, async (ctx, d) => {
    // The officers' card shows the submitter and the whole history: for officers only, like its buttons.
    if (!(await officers.isOfficer(person(ctx).aadId))) throw new IntakeError('forbidden');
    return officerCard(turnLocale(ctx), d.caseNumber);
  });
  execute(VERBS.caseAssign, payloads.caseOnly, async (ctx, d) => {
    await intake.assign(d.caseNumber, person(ctx));
    return officerCard(turnLocale(ctx), d.caseNumber);
  });
  execute(VERBS.caseSetStatus, payloads.status, async (ctx, d) => {
    await intake.transition(d.caseNumber, d.status, person(ctx), d.comment?.trim() || null);
    return officerCard(turnLocale(ctx), d.caseNumber);
  });
  execute(VERBS.caseAsk, payloads.ask, async (ctx, d) => {
    await intake.ask(d.caseNumber, person(ctx), d.question);
    return officerCard(turnLocale(ctx), d.caseNumber);
  });
  execute(VERBS.caseAnswer, payloads.answer, async (ctx, d) => {
    const c = await intake.answer(d.caseNumber, person(ctx), d.answer);
    return t(turnLocale(ctx), 'intake.notice.answerThanks', { caseNumber: c.caseNumber });
  });
  execute(VERBS.caseWithdraw, payloads.withdraw, async (ctx, d) => {
    const actor = person(ctx);
    const locale = turnLocale(ctx);
    const c = await intake.get(d.caseNumber);
    if (!c || c.submitter.aadId !== actor.aadId) return t(locale, 'intake.errorsApi.forbiddenOwn');
    await intake.transition(d.caseNumber, 'atertagen', actor, d.comment?.trim() || null);
    const cases = await intake.listFor(actor, 'mine');
    return card(caseListCard(locale, cases, { officerView: false, undelivered: [], viewerAadId: actor.aadId }));
  });

  // "rapport behov [år]": the internal-control report, for officers.
  app.message(command(/^(rapport\s+behov|needs\s+report)(\s+(\d{4}))?$/i), async (ctx) => {
    const locale = turnLocale(ctx);
    const year = Number(/(\d{4})\s*$/.exec(messageText(ctx))?.[1] ?? today().slice(0, 4));
    try {
      const cases = await intake.casesOfYear(person(ctx), year);
      await deps.privateReply(ctx, { attachments: [CardFactory.adaptiveCard(reportCard(locale, year, buildIntakeReport(cases)))] });
    } catch (err) {
      await ctx.sendActivity(refused(locale, err));
    }
  });
}
