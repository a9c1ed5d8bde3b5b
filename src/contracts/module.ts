import { TeamsParts } from '../bot/teams';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { RENEWAL_STATUS, RenewalStatusProvider } from '../core/renewal';
import { CONTRACT_SEARCH, ContractSearch } from './api';
import { CONTRACT_COMMANDS } from './commands';
import { withRenewalStatus } from './renewal';
import { createContractRepository } from './repository';
import * as routes from './routes';
import { NO_SEARCH_LOG, UNMET_WINDOW_DAYS, createForgetJob, createSearchLog } from './search-log';
import { forgetRareSearches, purgeSearchLog, writeSearches } from './search-log-repository';
import { contractTeams } from './teams';
import * as unmetRoutes from './unmet-routes';
import { purgeContractData } from './upload-repository';

/** The contract catalogue: search in chat and in the message extension, the REST service, imports, searches without a hit. */
export const contractsModule: CapabilityModule<TeamsParts> = {
  name: 'contracts',
  commands: CONTRACT_COMMANDS,
  purge: async (tx, days) => ({ ...(await purgeContractData(tx, days)), ...(await purgeSearchLog(tx, days)) }),
  setup(ctx) {
    const contracts = createContractRepository(ctx.db);
    // Staff's views (cards, the intake's contract check) carry a renewal under way or a near end, from
    // whichever module provides the status (the plan), looked up at call time.
    const staffView = withRenewalStatus(contracts, () => ctx.services.find<RenewalStatusProvider>(RENEWAL_STATUS));
    ctx.services.provide<ContractSearch>('contracts', CONTRACT_SEARCH, staffView);
    const imports = {
      maxRemovalShare: ctx.config.IMPORT_MAX_REMOVAL_PERCENT / 100,
      maxFileBytes: ctx.config.IMPORT_MAX_FILE_MB * 1024 * 1024,
      maxNewCategories: ctx.config.IMPORT_MAX_NEW_CATEGORIES,
    };
    // Keys of the people count rotate with the report window, or the retention period when shorter (see search-log-repository.ts).
    const keyPeriodDays = Math.min(ctx.config.RETENTION_DAYS ?? UNMET_WINDOW_DAYS, UNMET_WINDOW_DAYS);
    const searchLog = ctx.config.SEARCH_LOG ? createSearchLog({ write: (rows) => writeSearches(ctx.db, rows, keyPeriodDays), logger: ctx.logger }) : NO_SEARCH_LOG;
    const unmetMinPeople = ctx.config.UNMET_MIN_PEOPLE;
    const forgetRare = createForgetJob({ forget: () => forgetRareSearches(ctx.db, UNMET_WINDOW_DAYS, unmetMinPeople), logger: ctx.logger });
    return {
      teams: contractTeams({
        contracts: staffView,
        inkopEmail: ctx.config.INKOP_CONTACT_EMAIL,
        now: ctx.now,
        searchLog,
        unmetMinPeople,
        imports: {
          db: ctx.db,
          officers: ctx.officers,
          logger: ctx.logger,
          // Local mode (no app id: the test tools) is the only place a file may come from loopback.
          download: { hosts: ctx.config.IMPORT_DOWNLOAD_HOSTS, allowLoopback: ctx.config.localMode, maxBytes: imports.maxFileBytes },
          maxRemovalShare: imports.maxRemovalShare,
          maxNewCategories: imports.maxNewCategories,
          privateReply: createPrivateReply({ db: ctx.db, messenger: ctx.messenger, logger: ctx.logger }),
          limits: ctx.limits,
        },
      }),
      routes: (server) => {
        routes.register(server, { db: ctx.db, contracts, adminKey: ctx.config.CONTRACTS_ADMIN_KEY, logger: ctx.logger, now: ctx.now, imports, searchLog });
        const keys = [ctx.config.REPORTS_KEY, ctx.config.CONTRACTS_ADMIN_KEY];
        unmetRoutes.register(server, { db: ctx.db, searchLog, keys, minPeople: unmetMinPeople, logger: ctx.logger });
      },
      schedule: forgetRare,
      stop: () => searchLog.stop(),
    };
  },
};
