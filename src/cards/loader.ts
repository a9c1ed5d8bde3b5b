import fs from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { Attachment, CardFactory } from 'botbuilder';
import { fromRoot } from '../util/paths';

/** Template names: one JSON file each in cards/. */
export const CARD_TEMPLATES = [
  'welcome',
  'help',
  'contract-results',
  'contract-details',
  'contract-no-hits',
  'contract-card',
  'intake-form',
  'intake-contract-check',
  'intake-confirmation',
  'case-card',
  'case-question',
  'case-list',
  'intake-report',
  'policy-answer',
  'policy-calculator',
  'ticket-card',
  'survey',
  'survey-thanks',
  'nki-report',
  'survey-start',
] as const;
export type CardTemplate = (typeof CARD_TEMPLATES)[number];

/** A rendered Adaptive Card (plain JSON, ready to send). */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; body?: unknown[]; actions?: unknown[]; [key: string]: unknown };

const templates = new Map<CardTemplate, ACData.Template>();

function template(name: CardTemplate): ACData.Template {
  let tpl = templates.get(name);
  if (!tpl) {
    const json: unknown = JSON.parse(fs.readFileSync(fromRoot('cards', `${name}.json`), 'utf8'));
    tpl = new ACData.Template(json);
    templates.set(name, tpl);
  }
  return tpl;
}

/** Binds data to a template. Templates are parsed once and kept. */
export function renderCard(name: CardTemplate, data: object): AdaptiveCardJson {
  return template(name).expand({ $root: data }) as AdaptiveCardJson;
}

export function cardAttachment(name: CardTemplate, data: object): Attachment {
  return CardFactory.adaptiveCard(renderCard(name, data));
}
