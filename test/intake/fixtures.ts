import { NeedForm } from '../../src/intake/model';

export const OFFICER = { aadId: 'aaaaaaaa-0000-0000-0000-00000000a001', name: 'Olle Officer' };
export const SUBMITTER = { aadId: '11111111-2222-3333-4444-555555555555', name: 'Karin Sjuksköterska', locale: 'sv' };
export const OTHER = { aadId: '99999999-0000-0000-0000-000000000000', name: 'Någon Annan' };

/** A complete, valid form as the card sends it (strings, multi-selects comma-separated). */
export const FORM_INPUT: Record<string, string> = {
  title: 'Blodtrycksmätare till vårdcentraler',
  need: 'Vi behöver automatiska blodtrycksmätare för 14 vårdcentraler, med manschetter i flera storlekar.',
  category: 'medicinteknik',
  purchaseKind: 'supplies-services',
  valuePerYear: '300 000',
  valueTotal: '1 200 000',
  recurrence: 'aterkommande',
  desiredStart: '2027-09-01',
  unit: 'Primärvården Västmanland',
  costCentre: '4711',
  regions: 'Västmanland',
  currentContract: '',
  currentEnd: '',
  trigger: 'avtal-loper-ut',
  budgetDecided: 'ja',
  referenceGroup: 'Anna Andersson, distriktssköterska',
  specialRequirements: 'mdr',
  sustainability: 'medicinteknik',
  marketContacts: '',
  freeText: '',
};

export const FORM: NeedForm = {
  title: 'Blodtrycksmätare till vårdcentraler',
  need: FORM_INPUT.need,
  category: 'medicinteknik',
  purchaseKind: 'supplies-services',
  valuePerYear: 300_000,
  valueTotal: 1_200_000,
  recurrence: 'aterkommande',
  desiredStart: '2027-09-01',
  unit: 'Primärvården Västmanland',
  costCentre: '4711',
  regions: ['Västmanland'],
  currentContract: undefined,
  currentEnd: undefined,
  trigger: 'avtal-loper-ut',
  budgetDecided: 'ja',
  referenceGroup: 'Anna Andersson, distriktssköterska',
  specialRequirements: ['mdr'],
  sustainability: 'medicinteknik',
  marketContacts: undefined,
  freeText: undefined,
};
