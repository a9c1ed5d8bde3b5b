import { TeamsParts } from '../bot/teams';
import { verbsStartingWith } from '../cards/verbs';
import { contractsApi } from './openapi';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { RENEWAL_CHANGED } from '../core/renewal';
import { CONTRACT_SEARCH, ContractSearch, IMPORT_ACTION, UNMET_SEARCHES, UnmetSearchList } from './api';
import { CONTRACT_COMMANDS } from './commands';
import { withRenewalStatus } from './renewal';
import { createContractRepository } from './repository';
import * as routes from './routes';
import { NO_SEARCH_LOG, SearchAggregate, UNMET_WINDOW_DAYS, createForgetJob, createSearchLog } from './search-log';
import { searchLogSecret } from './search-log-secret';
import { forgetRareSearches, purgeSearchLog, unmetSearches, writeSearches } from './search-log-repository';
import { contractTeams } from './teams';
import * as unmetRoutes from './unmet-routes';
import { purgeContractData } from './import-repository';
import { seedSampleContracts } from './seed';

/** The contract catalogue: search in chat and in the message extension, the REST service, imports, searches without a hit. */
export const contractsModule: CapabilityModule<TeamsParts> = {
  name: 'contracts',
  limits: (c) => ({ [IMPORT_ACTION]: c.LIMIT_IMPORT_ACTIONS_PER_HOUR }),
  verbs: verbsStartingWith('contracts.'),
  api: contractsApi,
  commands: CONTRACT_COMMANDS,
  purge: async (tx, days) => ({ ...(await purgeContractData(tx, days)), ...(await purgeSearchLog(tx, days)) }),
  seed: ({ db, logger }) => seedSampleContracts(db, logger),
  setup(ctx) {
    const contracts = createContractRepository(ctx.db);
    // Staff's views (cards, the intake's contract check) carry a renewal under way (read with the page from
    // the kernel's renewal_status) or a near end (PLAN_STAFF_MONTHS); a change here drops remembered pages.
    const staffView = withRenewalStatus(contracts, ctx.config.PLAN_STAFF_MONTHS);
    ctx.events.on(RENEWAL_CHANGED, async () => contracts.invalidateVocabulary());
    ctx.services.provide<ContractSearch>('contracts', CONTRACT_SEARCH, staffView);
    const imports = {
      maxRemovalShare: ctx.config.IMPORT_MAX_REMOVAL_PERCENT / 100,
      maxFileBytes: ctx.config.IMPORT_MAX_FILE_MB * 1024 * 1024,
      maxNewCategories: ctx.config.IMPORT_MAX_NEW_CATEGORIES,
    };
    // Keys of the people count rotate with the report window, or the retention period when shorter (see search-log-repository.ts).
    const keyPeriodDays = Math.min(ctx.config.RETENTION_DAYS ?? UNMET_WINDOW_DAYS, UNMET_WINDOW_DAYS);
    const unmetMinPeople = ctx.config.UNMET_MIN_PEOPLE;
    const secret = searchLogSecret(ctx.config.SEARCH_LOG_SECRET, ctx.config.DATA_DIR);
    const write = (rows: SearchAggregate[]) => writeSearches(ctx.db, rows, { secret: secret(), periodDays: keyPeriodDays, minPeople: unmetMinPeople, windowDays: UNMET_WINDOW_DAYS });
    const searchLog = ctx.config.SEARCH_LOG ? createSearchLog({ write, logger: ctx.logger }) : NO_SEARCH_LOG;
    // The unmet-searches list for other capabilities (spend's "avtalslösa områden"): this instance's latest searches count too.
    ctx.services.provide<UnmetSearchList>('contracts', UNMET_SEARCHES, {
      async top(limit) {
        await searchLog.flush({ all: true });
        return unmetSearches(ctx.db, { days: UNMET_WINDOW_DAYS }, unmetMinPeople, limit);
      },
    });
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
        routes.register(server, { db: ctx.db, contracts, adminKey: ctx.config.CONTRACTS_ADMIN_KEY, logger: ctx.logger, now: ctx.now, imports, searchLog, access: ctx.apiAccess });
        const keys = [ctx.config.REPORTS_KEY, ctx.config.CONTRACTS_ADMIN_KEY];
        unmetRoutes.register(server, { db: ctx.db, searchLog, keys, minPeople: unmetMinPeople, logger: ctx.logger });
      },
      schedule: forgetRare,
      stop: () => searchLog.stop(),
    };
  },
};
