import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { AdaptiveCardJson, CardAttachment, asAttachment } from '../core/messenger';
import { plainText } from '../util/text';
import { fromRoot } from '../util/paths';

/**
 * Card templates, one JSON file each, named by the file: the shared ones in cards/ (the welcome card and
 * others no capability owns) and each capability's in src/<capability>/cards/. A name found twice stops
 * the start. No list to keep: a new file is a new template.
 */
const folders: string[] = [];
let index: Map<string, string> | undefined;

/** The template folders in the source tree: cards/, then src/<folder>/cards in name order. */
export function cardFolders(root = fromRoot()): string[] {
  const src = path.join(root, 'src');
  const own = fs
    .readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(src, e.name, 'cards')) && fs.statSync(path.join(src, e.name, 'cards')).isDirectory())
    .map((e) => path.join(src, e.name, 'cards'))
    .sort();
  return [path.join(root, 'cards'), ...own];
}

/** Adds a folder of templates (a capability outside src/, e.g. a test's fixture). */
export function addCardFolder(folder: string): void {
  if (!folders.includes(folder)) folders.push(folder);
  index = undefined;
}

function templateIndex(): Map<string, string> {
  if (index) return index;
  const found = new Map<string, string>();
  for (const folder of [...cardFolders(), ...folders]) {
    if (!fs.existsSync(folder)) continue;
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
      const name = file.slice(0, -'.json'.length);
      const other = found.get(name);
      if (other) throw new Error(`card template "${name}" is in both ${other} and ${folder}`);
      found.set(name, path.join(folder, file));
    }
  }
  index = found;
  return found;
}

/** Every template name, with the file it is read from. */
export function cardTemplateFiles(): ReadonlyMap<string, string> {
  return templateIndex();
}

/** Template names (from the files; see cardTemplateFiles). */
export const CARD_TEMPLATES: readonly string[] = [...templateIndex().keys()];
export type CardTemplate = string;

export { ADAPTIVE_CARD, asAttachment, type AdaptiveCardJson, type CardAttachment } from '../core/messenger';

const templates = new Map<CardTemplate, ACData.Template>();

function template(name: CardTemplate): ACData.Template {
  let tpl = templates.get(name);
  if (!tpl) {
    const file = templateIndex().get(name);
    if (!file) throw new Error(`no card template named "${name}" (cards/ or src/<capability>/cards/)`);
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
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

export function cardAttachment(name: CardTemplate, data: object): CardAttachment {
  return asAttachment(renderCard(name, data));
}
