/** What other parts may use of the survey capability: its service, by name. */
export type { SurveyService } from './service';

/** The service name under which the survey module provides its SurveyService. */
export const SURVEY_SERVICE = 'survey.service';
