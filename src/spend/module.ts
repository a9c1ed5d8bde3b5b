import { TeamsParts } from '../bot/teams';
import { createPrivateReply } from '../bot/turn';
import { verbsStartingWith } from '../cards/verbs';
import { Config, settingsOf } from '../config';
import { CapabilityModule } from '../core/module';
import { createSpendActions } from './actions';
import { parseAccountRanges } from './accounts';
import { UNMET_SEARCHES } from '../contracts/api';
import { SPEND_SERVICE } from './api';
import { PAGE_AREAS_TOP } from './html';
import { SPEND_COMMANDS } from './commands';
import { purgeSpend } from './repository';
import * as routes from './routes';
import { seedSampleLedger } from './seed';
import { SpendConfig, SpendService, createSpendService } from './service';
import { spendApi } from './openapi';
import { spendSettings } from './settings';
import { spendTeams } from './teams';

/** The import settings (purchase accounts, file limit) from the module's environment variables. */
function spendConfig(config: Config): SpendConfig {
  const settings = settingsOf(config, spendModule);
  return { accounts: parseAccountRanges(settings.SPEND_ACCOUNTS) ?? [], maxFileBytes: settings.SPEND_MAX_FILE_MB * 1024 * 1024 };
}

/**
 * Avtalstrohet from the regions' supplier ledgers: imports (command line, REST, a file in the officers'
 * 1:1 chat), the officers' card and anyone's view of an administration, the CSV reports and the printable
 * page. Listed before contracts in src/modules.ts: a file sent in the chat is offered to this module
 * first, which takes it only when its header is a supplier ledger's (the contract import takes the rest).
 */
export const spendModule: CapabilityModule<TeamsParts> = {
  name: 'spend',
  commands: SPEND_COMMANDS,
  verbs: verbsStartingWith('spend.'),
  settings: spendSettings,
  api: spendApi,
  purge: purgeSpend,
  seed: ({ config, db, logger }) => seedSampleLedger(createSpendService({ db, config: spendConfig(config), logger }), logger),
  setup(ctx) {
    const spendSettingsNow = spendConfig(ctx.config);
    const { maxFileBytes } = spendSettingsNow;
    const spend = createSpendService({ db: ctx.db, config: spendSettingsNow, logger: ctx.logger });
    ctx.services.provide<SpendService>('spend', SPEND_SERVICE, spend);
    // "Avtalslösa områden": the contract capability's unmet searches, set up after this module, read at call time.
    const unmet = async () => (await ctx.services.find(UNMET_SEARCHES, 'spend')?.top(PAGE_AREAS_TOP)) ?? null;
    const actions = createSpendActions({
      db: ctx.db,
      spend,
      officers: ctx.officers,
      // Local mode (no app id: the test tools) is the only place a file may come from loopback.
      download: { hosts: ctx.config.IMPORT_DOWNLOAD_HOSTS, allowLoopback: ctx.config.localMode, maxBytes: maxFileBytes },
      inkopEmail: ctx.config.INKOP_CONTACT_EMAIL,
      logger: ctx.logger,
      limits: ctx.limits,
      now: ctx.now,
      unmet,
    });
    return {
      teams: spendTeams(actions, createPrivateReply({ db: ctx.db, messenger: ctx.messenger, logger: ctx.logger })),
      routes: (server) =>
        routes.register(server, {
          spend,
          db: ctx.db,
          adminKey: ctx.config.CONTRACTS_ADMIN_KEY,
          reportKeys: [ctx.config.REPORTS_KEY, ctx.config.CONTRACTS_ADMIN_KEY],
          maxFileBytes,
          logger: ctx.logger,
          now: ctx.now,
          unmet,
        }),
    };
  },
};
