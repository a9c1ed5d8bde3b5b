import { serviceKey } from '../core/services';
/** What other parts may use of the survey capability: its service, by name; the NKI figures that may be published. */
import type { SurveyService } from './service';
export type { SurveyService };
export type { PublishedFigure, PublishedNki } from './published';
/** Every report showing NKI (the yearly internal-control report too) reads its figures through these: the anonymity rule holds across all of them. */
export { NKI_GROUP, publishNki } from './published';
export { loadPublishedNki } from './report';
/** "Andel nöjda" computed one way everywhere (the top band of the overall question, default 8–10). */
export { andelNojda, DEFAULT_SATISFIED_BAND } from './nki';
export type { SatisfiedBand } from './nki';

/** The service name under which the survey module provides its SurveyService. */
export const SURVEY_SERVICE = serviceKey<SurveyService>('survey.service');
