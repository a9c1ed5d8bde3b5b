import { TeamsParts } from '../bot/teams';
import { VERBS, verbsStartingWith } from '../cards/verbs';
import { createPrivateReply } from '../bot/turn';
import { CONTRACT_SEARCH, ContractSearch } from '../contracts/api';
import { CapabilityModule } from '../core/module';
import { intakeApi } from './openapi';
import { RENEWAL_CHANGED } from '../core/renewal';
import { createOutboxRepository } from '../outbox/repository';
import { CASE_ACTUAL_START, CASE_STATUS_CHANGED, CaseActualStart, CaseStatusChanged, INTAKE_SERVICE } from './api';
import { INTAKE_COMMANDS } from './commands';
import { createIntakeDelivery } from './delivery';
import { createFormFlow } from './form';
import { purgeCases } from './repository';
import * as routes from './routes';
import { IntakeService, createIntakeService } from './service';
import { intakeTeams } from './teams';

/** Purchase needs: the form with the contract-first check, cases and their lifecycle, the officers' channel. */
export const intakeModule: CapabilityModule<TeamsParts> = {
  name: 'intake',
  api: intakeApi,
  limits: (c) => ({ case: c.LIMIT_CASES_PER_HOUR }),
  verbs: [...verbsStartingWith('intake.', 'case.'), VERBS.menuIntake],
  commands: INTAKE_COMMANDS,
  purge: purgeCases,
  setup(ctx) {
    const { config, db, logger, officers } = ctx;
    const intake = createIntakeService({
      db,
      officers,
      leadTimes: config.LEAD_TIMES,
      limits: ctx.limits,
      onEnqueued: ctx.kick,
      afterStatus: (tx, c, to, actor) => ctx.events.emit<CaseStatusChanged>(CASE_STATUS_CHANGED, { tx, case: c, to, actor }),
      afterActualStart: (tx, c) => ctx.events.emit<CaseActualStart>(CASE_ACTUAL_START, { tx, case: c }),
      // The trigger on cases has kept renewal_status in the same transaction; this process's search pages go.
      afterCommit: () => void ctx.events.emit(RENEWAL_CHANGED, {}),
    });
    ctx.services.provide<IntakeService>('intake', INTAKE_SERVICE, intake);
    const contracts = ctx.services.get<ContractSearch>(CONTRACT_SEARCH, 'intake');
    return {
      teams: intakeTeams({
        db,
        intake,
        contracts,
        form: createFormFlow({ intake, contracts, categories: ctx.categories, now: ctx.now }),
        officers,
        categories: ctx.categories,
        outbox: createOutboxRepository(db),
        logger,
        localMode: config.localMode,
        intakeChannelId: config.INTAKE_CHANNEL_ID,
        privateReply: createPrivateReply({ db, messenger: ctx.messenger, logger }),
        now: ctx.now,
      }),
      deliveries: createIntakeDelivery({ db, messenger: ctx.messenger, officers, config }),
      routes: (server) => routes.register(server, { db, keys: [config.REPORTS_KEY, config.CONTRACTS_ADMIN_KEY], logger }),
      // Keep the officers' team membership current: joining it makes an officer, leaving it ends that.
      async onEvent(event) {
        if (event.kind === 'membersAdded' && event.teamId && (await officers.isOfficersTeam(event.teamId))) {
          const added = event.members.filter((m) => m.aadObjectId).map((m) => ({ aadObjectId: m.aadObjectId as string, name: m.name ?? '' }));
          await officers.addMembers(event.teamId, added);
        } else if (event.kind === 'membersRemoved' && event.teamId) {
          // Only leaving the officers' team ends being an officer; leaving any other team (or chat) does not.
          await officers.removeMembers(event.members.map((m) => m.aadObjectId).filter((x): x is string => Boolean(x)), event.teamId);
        } else if (event.kind === 'teamDeleted' && (await officers.isOfficersTeam(event.teamId))) {
          logger.warn({ teamId: event.teamId }, "the officers' team was deleted: its members are no longer officers; register a new channel");
          await officers.setTeamMembers(event.teamId, []);
        }
      },
    };
  },
};
