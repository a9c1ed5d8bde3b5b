import { TeamsParts } from '../bot/teams';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { CONTRACT_SEARCH, ContractSearch } from './api';
import { CONTRACT_COMMANDS } from './commands';
import { createContractRepository } from './repository';
import * as routes from './routes';
import { contractTeams } from './teams';
import { purgeContractData } from './upload-repository';

/** The contract catalogue: search in chat and in the message extension, the REST service, imports. */
export const contractsModule: CapabilityModule<TeamsParts> = {
  name: 'contracts',
  commands: CONTRACT_COMMANDS,
  purge: purgeContractData,
  setup(ctx) {
    const contracts = createContractRepository(ctx.db);
    ctx.services.provide<ContractSearch>('contracts', CONTRACT_SEARCH, contracts);
    const imports = { maxRemovalShare: ctx.config.IMPORT_MAX_REMOVAL_PERCENT / 100, maxFileBytes: ctx.config.IMPORT_MAX_FILE_MB * 1024 * 1024 };
    return {
      teams: contractTeams({
        contracts,
        inkopEmail: ctx.config.INKOP_CONTACT_EMAIL,
        now: ctx.now,
        imports: {
          db: ctx.db,
          officers: ctx.officers,
          logger: ctx.logger,
          // Local mode (no app id: the test tools) is the only place a file may come from loopback.
          download: { hosts: ctx.config.IMPORT_DOWNLOAD_HOSTS, allowLoopback: ctx.config.localMode, maxBytes: imports.maxFileBytes },
          maxRemovalShare: imports.maxRemovalShare,
          privateReply: createPrivateReply({ db: ctx.db, messenger: ctx.messenger, logger: ctx.logger }),
          limits: ctx.limits,
        },
      }),
      routes: (server) =>
        routes.register(server, { db: ctx.db, contracts, adminKey: ctx.config.CONTRACTS_ADMIN_KEY, logger: ctx.logger, now: ctx.now, imports }),
    };
  },
};
