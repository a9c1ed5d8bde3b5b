import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { AdaptiveCardJson, CardAttachment, asAttachment } from '../core/messenger';
import { plainText } from '../util/text';
import { fromRoot } from '../util/paths';
import { Unsupported, compileTemplate } from './fast-template';

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

interface Loaded {
  /** adaptivecards-templating's template: the card language, and the expansion of any template or data the compiled one does not take. */
  library: ACData.Template;
  /** The same template compiled once into closures (./fast-template.ts), or null when it uses other expressions. */
  compiled: ((root: unknown) => unknown) | null;
}
const templates = new Map<CardTemplate, Loaded>();

function template(name: CardTemplate): Loaded {
  let tpl = templates.get(name);
  if (!tpl) {
    const file = templateIndex().get(name);
    if (!file) throw new Error(`no card template named "${name}" (cards/ or src/<capability>/cards/)`);
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    tpl = { library: new ACData.Template(json), compiled: compileTemplate(json) };
    templates.set(name, tpl);
  }
  return tpl;
}

/** The card as adaptivecards-templating expands it (the compiled path is held to this by test/cards/fast-template.test.ts). */
export function expandWithLibrary(name: CardTemplate, data: object): AdaptiveCardJson {
  return template(name).library.expand({ $root: data }) as AdaptiveCardJson;
}

/** Whether the template expands through its compiled closures (else through the library). */
export function isCompiled(name: CardTemplate): boolean {
  return template(name).compiled !== null;
}

function expand(name: CardTemplate, data: object): AdaptiveCardJson {
  const { compiled } = template(name);
  if (compiled) {
    try {
      return compiled(data) as AdaptiveCardJson;
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
    }
  }
  return expandWithLibrary(name, data);
}

/**
 * Every place Teams renders markdown in a card (TextBlock and TextRun text, FactSet titles and values)
 * made unable to form a link. Cards put user text there (titles, needs, answers, comments), and no
 * product text links anywhere: links are Action.OpenUrl buttons, which this leaves alone.
 */
export function neutraliseLinks(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) neutraliseLinks(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') o.text = plainText(o.text);
  if (o.type === 'FactSet' && Array.isArray(o.facts)) {
    for (const f of o.facts as Record<string, unknown>[]) {
      if (f && typeof f.title === 'string') f.title = plainText(f.title);
      if (f && typeof f.value === 'string') f.value = plainText(f.value);
    }
  }
  // A plain loop over the keys: no array of values made for every node of every card.
  for (const k in o) {
    const v = o[k];
    if (v && typeof v === 'object') neutraliseLinks(v);
  }
}

/** Binds data to a template. Templates are parsed and compiled once and kept. */
export function renderCard(name: CardTemplate, data: object): AdaptiveCardJson {
  const card = expand(name, data);
  neutraliseLinks(card);
  return card;
}

export function cardAttachment(name: CardTemplate, data: object): CardAttachment {
  return asAttachment(renderCard(name, data));
}
