import { TeamsParts } from '../bot/teams';
import { CapabilityModule } from '../core/module';
import { CONTRACT_SEARCH, ContractSearch } from './api';
import { CONTRACT_COMMANDS } from './commands';
import { createContractRepository } from './repository';
import * as routes from './routes';
import { contractTeams } from './teams';

/** The contract catalogue: search in chat and in the message extension, the REST service, imports. */
export const contractsModule: CapabilityModule<TeamsParts> = {
  name: 'contracts',
  commands: CONTRACT_COMMANDS,
  setup(ctx) {
    const contracts = createContractRepository(ctx.db);
    ctx.services.provide<ContractSearch>('contracts', CONTRACT_SEARCH, contracts);
    return {
      teams: contractTeams({ contracts, inkopEmail: ctx.config.INKOP_CONTACT_EMAIL, now: ctx.now }),
      routes: (server) => routes.register(server, { db: ctx.db, contracts, adminKey: ctx.config.CONTRACTS_ADMIN_KEY, logger: ctx.logger, now: ctx.now }),
    };
  },
};
