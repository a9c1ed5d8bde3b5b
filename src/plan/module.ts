import { TeamsParts } from '../bot/teams';
import { verbsStartingWith } from '../cards/verbs';
import { createPrivateReply } from '../bot/turn';
import { CONTRACT_SEARCH, ContractSearch } from '../contracts/api';
import { todayInSweden } from '../core/dates';
import { CapabilityModule } from '../core/module';
import { planApi } from './openapi';
import { INTAKE_SERVICE, IntakeService } from '../intake/api';
import { Config } from '../config';
import { createPlanActions } from './actions';
import { PLAN_SERVICE } from './api';
import { PLAN_COMMANDS } from './commands';
import { createPlanDelivery } from './delivery';
import { createDigestJob } from './digest-job';
import { purgePlan } from './repository';
import { listPublications } from './public-repository';
import { contractRoutes, leadTimesWith } from './route-defaults';
import * as routes from './routes';
import { PlanConfig, PlanService, createPlanService } from './service';
import { planTeams } from './teams';

/** The plan's settings from the environment (PLAN_*, LEAD_TIMES). */
export function planConfig(config: Config): PlanConfig {
  return {
    horizonMonths: config.PLAN_HORIZON_MONTHS,
    noticeMonths: config.PLAN_NOTICE_MONTHS,
    implementationDays: config.PLAN_IMPLEMENTATION_DAYS,
    alertWeeks: config.PLAN_ALERT_WEEKS,
    staffMonths: config.PLAN_STAFF_MONTHS,
    digestDay: config.PLAN_DIGEST_DAY,
    digestTime: config.PLAN_DIGEST_TIME,
    leadTimes: leadTimesWith(config.LEAD_TIMES),
    contractRoutes: contractRoutes(config.PLAN_CONTRACT_ROUTES),
  };
}

/**
 * The procurement plan: contracts ending within the horizon and open cases, acted on from a card (a
 * re-procurement case, an extension, no new procurement), the weekly renewal digest in the officers'
 * channel, plan.csv. The renewal status staff see on contract cards is data (the kernel's renewal_status
 * table, kept by a trigger on cases, src/core/renewal.ts), which the contract search reads with its page.
 */
export const planModule: CapabilityModule<TeamsParts> = {
  name: 'plan',
  api: planApi,
  verbs: verbsStartingWith('plan.'),
  commands: PLAN_COMMANDS,
  purge: purgePlan,
  setup(ctx) {
    const { db, logger } = ctx;
    const config = planConfig(ctx.config);
    const intake = ctx.services.get<IntakeService>(INTAKE_SERVICE, 'plan');
    const plan = createPlanService({
      db,
      intake,
      contracts: ctx.services.get<ContractSearch>(CONTRACT_SEARCH, 'plan'),
      officers: ctx.officers,
      config,
      now: ctx.now,
      logger,
    });
    ctx.services.provide<PlanService>('plan', PLAN_SERVICE, plan);
    const digest = createDigestJob({
      db,
      plan: (day) => plan.plan(day),
      today: (now) => todayInSweden(now),
      now: ctx.now,
      digestDay: config.digestDay,
      digestTime: config.digestTime,
      alertWeeks: config.alertWeeks,
      logger,
      onEnqueued: ctx.kick,
    });
    return {
      teams: planTeams({
        plan,
        actions: createPlanActions(plan, config.horizonMonths),
        horizonMonths: config.horizonMonths,
        privateReply: createPrivateReply({ db, messenger: ctx.messenger, logger }),
      }),
      deliveries: createPlanDelivery({ db, messenger: ctx.messenger, config: ctx.config }),
      schedule: digest,
      routes: (server) => routes.register(server, { plan: () => plan.plan(), publications: () => listPublications(db), keys: [ctx.config.REPORTS_KEY, ctx.config.CONTRACTS_ADMIN_KEY], logger }),
    };
  },
};
