import { TeamsParts } from '../bot/teams';
import { VERBS, verbsStartingWith } from '../cards/verbs';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { POLICY_COMMANDS } from './commands';
import { createTicketDelivery } from './delivery';
import { createPublishService } from './published';
import { purgePublished } from './published-repository';
import { purgePolicy } from './repository';
import { policyTeams } from './teams';
import { createPolicyModel } from './teams-model';
import { createTicketService } from './tickets';
import * as routes from './routes';

/** Policy guidance: answers from the knowledge base with sources, the calculator, the optional model, questions to officers. */
export const policyModule: CapabilityModule<TeamsParts> = {
  name: 'policy',
  limits: (c) => ({ question: c.LIMIT_QUESTIONS_PER_HOUR }),
  verbs: [...verbsStartingWith('policy.', 'ticket.', 'kb.'), VERBS.menuPolicy],
  commands: POLICY_COMMANDS,
  api: { operations: [routes.answerPolicyQuestionOperation] },
  // Questions, model answers and feedback; who published a live knowledge entry (the entry stays); withdrawn entries.
  purge: async (tx, days) => ({ ...(await purgePolicy(tx, days)), ...(await purgePublished(tx, days)) }),
  setup(ctx) {
    const { db, logger, config } = ctx;
    const tickets = createTicketService({ db, officers: ctx.officers, limits: ctx.limits, onEnqueued: ctx.kick });
    const published = createPublishService({ db, officers: ctx.officers, now: ctx.now, onEnqueued: ctx.kick });
    const model = createPolicyModel(config, db, logger);
    if (model) logger.info('policy answers use the configured language model, with the documents as fallback');
    return {
      teams: policyTeams({ db, tickets, published, model, now: ctx.now, privateReply: createPrivateReply({ db, messenger: ctx.messenger, logger }) }),
      deliveries: createTicketDelivery({ db, messenger: ctx.messenger, config }),
      routes: (server) => routes.register(server, { db, logger, access: ctx.apiAccess, inkopEmail: config.INKOP_CONTACT_EMAIL, now: ctx.now }),
    };
  },
};
