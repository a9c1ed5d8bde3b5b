import { TeamsParts } from '../bot/teams';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { controlApi } from './openapi';
import { INTAKE_SERVICE, IntakeService } from '../intake/api';
import { SPEND_SERVICE } from '../spend/api';
import { CONTROL_COMMANDS } from './commands';
import * as routes from './routes';
import { createControlReports } from './service';
import { controlTeams } from './teams';

/**
 * The standardised yearly internal-control report (business plan "Internkontroll med risker", purchasing
 * policy § 7): resource planning in both halves, coordinated procurements, appealed and cancelled
 * procurements, the contract-check signal, contract compliance from the ledgers and the published NKI, as a card, a CSV and a printable page.
 */
export const controlModule: CapabilityModule<TeamsParts> = {
  name: 'control',
  api: controlApi,
  commands: CONTROL_COMMANDS,
  setup(ctx) {
    const { config, db, logger } = ctx;
    const reports = createControlReports({
      db,
      // Intake's cases are ControlCases (the compiler holds the two shapes together here).
      intake: ctx.services.get<IntakeService>(INTAKE_SERVICE, 'control'),
      coordinatedTarget: config.CONTROL_COORDINATED_TARGET,
      nki: { minResponses: config.NKI_MIN_RESPONSES, satisfiedFrom: config.NKI_SATISFIED_FROM },
      // Contract compliance from the ledgers: the spend capability's yearly figures (set up before this module).
      ledger: ctx.services.get(SPEND_SERVICE, 'control'),
    });
    const shared = { reports, categories: ctx.categories, minResponses: config.NKI_MIN_RESPONSES, satisfiedFrom: config.NKI_SATISFIED_FROM, now: ctx.now };
    return {
      teams: controlTeams({ ...shared, officers: ctx.officers, privateReply: createPrivateReply({ db, messenger: ctx.messenger, logger }) }),
      routes: (server) => routes.register(server, { ...shared, keys: [config.REPORTS_KEY, config.CONTRACTS_ADMIN_KEY], logger }),
    };
  },
};
