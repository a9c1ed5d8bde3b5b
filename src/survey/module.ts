import { TeamsParts } from '../bot/teams';
import { verbsStartingWith } from '../cards/verbs';
import { createPrivateReply } from '../bot/turn';
import { CapabilityModule } from '../core/module';
import { surveyApi } from './openapi';
import { CASE_ACTUAL_START, CASE_STATUS_CHANGED, CaseActualStart, CaseStatusChanged, INTAKE_SERVICE, IntakeService } from '../intake/api';
import { SURVEY_SERVICE } from './api';
import * as routes from './routes';
import { SURVEY_COMMANDS } from './commands';
import { createSurveyDelivery } from './delivery';
import { purgeSurveys, setSurveyContractStart } from './repository';
import { createSurveyService } from './service';
import { surveyTeams } from './teams';

/** The NKI survey after each procurement: invitations, answers, reminders and closing, the report. */
export const surveyModule: CapabilityModule<TeamsParts> = {
  name: 'survey',
  api: surveyApi,
  limits: (c) => ({ survey: c.LIMIT_SURVEY_ACTIONS_PER_HOUR }),
  verbs: verbsStartingWith('survey.'),
  commands: SURVEY_COMMANDS,
  purge: purgeSurveys,
  setup(ctx) {
    const { db, config, logger } = ctx;
    const surveys = createSurveyService({
      db,
      officers: ctx.officers,
      config: { reminderDays: config.REMINDER_DAYS, closeDays: config.CLOSE_DAYS },
      onEnqueued: ctx.kick,
      release: { min: config.NKI_MIN_RESPONSES, band: { from: config.NKI_SATISFIED_FROM, to: 10 }, pseudonymKey: config.NKI_PSEUDONYM_KEY },
      configuredOfficers: config.PROCUREMENT_OFFICERS,
    });
    ctx.services.provide('survey', SURVEY_SERVICE, surveys);
    // A case that reaches the trigger status starts its survey in the same transaction.
    ctx.events.on<CaseStatusChanged>(CASE_STATUS_CHANGED, async (e) => {
      // Only a procurement is surveyed: a need met by an existing contract also ends "avslutad".
      if (e.to === config.SURVEY_TRIGGER && e.case.outcome === 'upphandlad') await surveys.startInTx(e.tx, e.case, e.actor);
    });
    // The survey's contract start is the actual one, once the officer has recorded it.
    ctx.events.on<CaseActualStart>(CASE_ACTUAL_START, (e) => setSurveyContractStart(e.tx, e.case.id, e.case.actualStart));
    const nki = { minResponses: config.NKI_MIN_RESPONSES, satisfiedFrom: config.NKI_SATISFIED_FROM };
    return {
      teams: surveyTeams({
        db,
        surveys,
        intake: ctx.services.get<IntakeService>(INTAKE_SERVICE, 'survey'),
        officers: ctx.officers,
        categories: ctx.categories,
        ...nki,
        privateReply: createPrivateReply({ db, messenger: ctx.messenger, logger }),
        limits: ctx.limits,
        logger,
      }),
      deliveries: createSurveyDelivery({ db, messenger: ctx.messenger, surveys, config }),
      schedule: () => surveys.tick(),
      routes: (server) => routes.register(server, { db, releaser: surveys, keys: [config.REPORTS_KEY, config.CONTRACTS_ADMIN_KEY], ...nki, logger }),
    };
  },
};
