import fs from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { plainText } from '../core/text';
import { fromRoot } from '../util/paths';

/** Template names: one JSON file each in cards/. */
export const CARD_TEMPLATES = [
  'welcome',
  'help',
  'contract-results',
  'contract-details',
  'contract-no-hits',
  'contract-card',
  'contract-import-report',
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
  'published-list',
  'survey',
  'survey-thanks',
  'nki-report',
  'survey-start',
  'plan',
  'plan-digest',
  'control-report',
  'unmet-searches',
  'spend-compliance',
  'spend-administration',
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

/**
 * Every place Teams renders markdown in a card (TextBlock and TextRun text, FactSet titles and values)
 * made unable to form a link. Cards put user text there (titles, needs, answers, comments), and no
 * product text links anywhere: links are Action.OpenUrl buttons, which this leaves alone.
 */
export function neutraliseLinks(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(neutraliseLinks);
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') o.text = plainText(o.text);
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    for (const f of o.facts as Record<string, unknown>[]) {
      if (f && typeof f.title === 'string') f.title = plainText(f.title);
      if (f && typeof f.value === 'string') f.value = plainText(f.value);
    }
  }
  for (const v of Object.values(o)) if (v && typeof v === 'object') neutraliseLinks(v);
}

/** Binds data to a template. Templates are parsed once and kept. */
export function renderCard(name: CardTemplate, data: object): AdaptiveCardJson {
  const card = template(name).expand({ $root: data }) as AdaptiveCardJson;
  neutraliseLinks(card);
  return card;
}

/** An Adaptive Card as a message attachment (the shape the Bot Framework and Teams take). */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
  /** For message extension results: the list entry Teams shows before the card is picked. */
  preview?: { contentType: string; content: Record<string, unknown> };
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A rendered card as an attachment. */
export function asAttachment(card: AdaptiveCardJson): CardAttachment {
  return { contentType: ADAPTIVE_CARD, content: card };
}

export function cardAttachment(name: CardTemplate, data: object): CardAttachment {
  return asAttachment(renderCard(name, data));
}
