import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AdaptiveCardJson } from '../cards/loader';
import { ContractSearch, ContractView, parseQuery } from '../contracts/api';
import { todayInSweden } from '../core/dates';
import { DomainError } from '../core/errors';
import { Caller } from '../core/person';
import { foldText } from '../util/text';
import { Locale, t } from '../i18n';
import { confirmationCard, contractCheckCard, intakeFormCard, usedContractCard } from './cards';
import { Category } from '../core/categories';
import { CategoryDirectory } from '../core/category-repository';
import { NEED_FIELDS, NeedField, NeedForm, fieldErrors, needFormSchema } from './model';
import { IntakeService } from './service';

/**
 * The purchase-need form, from the card's data to the card that replaces it: validation (errors back
 * on the same card, nothing typed lost), the contract-first check, storing. No Teams types: the Teams
 * handler file passes the locale and who is asking.
 */

type CardOrText = AdaptiveCardJson | string;

const formIdSchema = z.string().uuid();
const draftSchema = z.object({ formId: formIdSchema, form: needFormSchema });
const submitIds = z.object({ formId: formIdSchema }).passthrough();
const GENERIC_WORDS = new Set(['inkop', 'upphandling', 'behov', 'ny', 'nya', 'nytt', 'kop', 'anskaffning', 'avtal', 'ramavtal', 'byte', 'utbyte']);

/**
 * Contracts from the check that share the need's head word. A Swedish title names the thing first
 * ("Blodtrycksmätare till vårdcentraler", "Akvarieskötsel i väntrum"), so the first significant word
 * decides; a shared place or purpose word alone is no reason to stop a need.
 */
export function relevantContracts(title: string, candidates: ContractView[]): ContractView[] {
  const head = parseQuery(title).tokens.find((w) => w.length >= 4 && !GENERIC_WORDS.has(w) && !/^\d+$/.test(w));
  if (!head) return [];
  const stem = head.slice(0, Math.max(4, head.length - 2));
  return candidates.filter((c) => foldText([c.title, ...c.keywords].join(' ')).includes(stem));
}

/** Raw card input → the form's string values, for putting back into the card after a failed submit. */
export function formValues(data: Record<string, unknown>): Partial<Record<NeedField, string>> {
  const out: Partial<Record<NeedField, string>> = {};
  for (const f of NEED_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') out[f] = v.slice(0, 4000);
    else if (typeof v === 'number') out[f] = String(v);
    else if (Array.isArray(v)) out[f] = v.filter((x) => typeof x === 'string').join(',').slice(0, 4000);
  }
  return out;
}

/** How many matching contracts the contract-check card shows. */
const SHOWN_MATCHES = 3;

export function createFormFlow(deps: { intake: IntakeService; contracts: ContractSearch; categories: CategoryDirectory; now?: () => Date }) {
  const { intake, contracts } = deps;
  /** The form offers the configured categories and those holding a current contract (not every one an import ever made). */
  const form = async (
    locale: Locale,
    formId: string,
    values: Partial<Record<NeedField, string>> = {},
    errors: Partial<Record<NeedField, string>> = {},
    categories?: readonly Category[],
  ) => intakeFormCard(locale, formId, categories ?? (await deps.categories.offered(today())), values, errors);
  const today = () => todayInSweden(deps.now?.());

  /** Contracts that already cover the need, for the check. */
  async function existing(title: string): Promise<ContractView[]> {
    const candidates = await contracts.search({ q: title, status: 'active', limit: 5, today: today() });
    return relevantContracts(title, candidates.items);
  }

  async function store(
    asker: Caller,
    draft: { formId: string; form: NeedForm },
    choice: 'none' | 'sent-anyway' | 'use-contract',
    matches: string[],
    contractId?: string,
    linkedContractId?: string,
  ): Promise<CardOrText> {
    const { locale } = asker;
    const submitter = { ...asker.person(), locale };
    try {
      const { case: c } = await intake.submit({
        form: draft.form,
        // Per submitter: on a form shared in a group chat, each person who sends it gets their own case.
        idempotencyKey: `${draft.formId}:${submitter.aadId}`,
        submitter,
        contractCheck: { matches, choice, ...(contractId ? { contractId } : {}) },
        submittedOn: today(),
        ...(linkedContractId ? { linkedContractId } : {}),
      });
      if (c.contractCheck.choice !== 'use-contract') return confirmationCard(locale, c);
      return usedContractCard(locale, c, c.contractCheck.contractId ? await contracts.get(c.contractCheck.contractId, today()) : null);
    } catch (err) {
      // A draft kept on a card past its desired start: back to the form, with everything typed kept.
      if (err instanceof DomainError && err.code === 'past-start') return form(locale, draft.formId, formValues(draft.form), { desiredStart: 'past' });
      if (err instanceof DomainError && err.code === 'too-many') return t(locale, 'common.tooMany');
      throw err;
    }
  }

  return {
    /** A new, empty form (prefilled with search words from the no-hit card). */
    newForm(locale: Locale, q?: string): Promise<AdaptiveCardJson> {
      return form(locale, randomUUID(), q ? { title: q.slice(0, 120), need: '' } : {});
    },

    /** Validate → (errors back on the same card) → contract check → store. */
    async submit(asker: Caller, data: Record<string, unknown>): Promise<CardOrText> {
      const { locale } = asker;
      const ids = submitIds.safeParse(data);
      if (!ids.success) return t(locale, 'common.cardDataInvalid');
      const parsed = needFormSchema.safeParse(data);
      const errors = parsed.success ? {} : fieldErrors(parsed.error);
      if (parsed.success && parsed.data.desiredStart < today()) errors.desiredStart = 'past';
      // Read once: the check and a form sent back with errors see the same categories.
      const categories = await deps.categories.offered(today());
      if (parsed.success && !categories.some((c) => c.slug === parsed.data.category)) errors.category = 'choose';
      if (!parsed.success || Object.keys(errors).length > 0) return form(locale, ids.data.formId, formValues(data), errors, categories);
      const draft = { formId: ids.data.formId, form: parsed.data };
      const matches = (await existing(parsed.data.title)).slice(0, SHOWN_MATCHES);
      if (matches.length > 0) return contractCheckCard(locale, matches, JSON.stringify(draft));
      return store(asker, draft, 'none', []);
    },

    /** "Skicka ändå" or "Använd avtalet" on the contract-check card: the draft it carried, checked again. */
    async fromDraft(asker: Caller, raw: string, choice: 'sent-anyway' | 'use-contract', contractId?: string): Promise<CardOrText> {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return t(asker.locale, 'common.cardDataInvalid');
      }
      const draft = draftSchema.safeParse(json);
      if (!draft.success) return t(asker.locale, 'common.cardDataInvalid');
      const found = await existing(draft.data.form.title);
      // A need sent although a contract matched, when a contract the card showed is ending or being renewed: linked to it.
      const renewing = choice === 'sent-anyway' ? found.slice(0, SHOWN_MATCHES).find((c) => c.renewal)?.contractId : undefined;
      return store(asker, draft.data, choice, found.map((c) => c.contractId), contractId, renewing);
    },
  };
}

export type FormFlow = ReturnType<typeof createFormFlow>;
