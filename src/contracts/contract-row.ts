// The contracts row as SQL returns it, shared by reading (repository.ts) and search (search-repository.ts).
import { Contract, ContractView, Supplier, contractStatus } from './model';

/** One contract as SELECT_COLUMNS reads it (search adds the total hit count). */
export interface ContractRow {
  contract_id: string;
  title: string;
  description: string;
  category: string;
  category_sv: string;
  category_en: string;
  suppliers: Supplier[];
  keywords: string[];
  cpv_codes: string[];
  valid_from: string;
  valid_to: string;
  max_extension_to: string | null;
  regions: string[];
  ordering_method: string;
  contact_name: string | null;
  contact_email: string | null;
  url: string | null;
  contract_type: string;
  /** The open renewal case of the contract, from renewal_status (RENEWAL_JOIN). */
  renewal_case?: string | null;
  total?: number;
}

/** Columns of `contracts c JOIN categories cat ON cat.slug = c.category ${RENEWAL_JOIN}` that toView reads. */
export const SELECT_COLUMNS = `c.contract_id, c.title, c.description, c.category, cat.name_sv AS category_sv, cat.name_en AS category_en,
  c.suppliers, c.keywords, c.cpv_codes, c.valid_from, c.valid_to, c.max_extension_to, c.regions, c.ordering_method,
  c.contact_name, c.contact_email, c.url, c.contract_type, rs.case_number AS renewal_case`;

/** The join SELECT_COLUMNS reads the renewal under way from (the kernel's renewal_status, migration 023): one key lookup a row. */
export const RENEWAL_JOIN = 'LEFT JOIN renewal_status rs ON rs.contract_key = c.id_key';

export function toView(r: ContractRow, today: string): ContractView {
  const contract = {
    contractId: r.contract_id,
    title: r.title,
    description: r.description,
    category: r.category,
    suppliers: r.suppliers,
    keywords: r.keywords,
    cpvCodes: r.cpv_codes,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    maxExtensionTo: r.max_extension_to,
    regions: r.regions,
    orderingMethod: r.ordering_method,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    url: r.url,
    contractType: r.contract_type,
  } as Contract;
  const view: ContractView = { ...contract, status: contractStatus(contract, today), categoryName: { sv: r.category_sv, en: r.category_en } };
  if (r.renewal_case) view.renewalCase = r.renewal_case;
  return view;
}
