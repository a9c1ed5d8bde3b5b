/**
 * The documents a knowledge file may name as its source (issue 23, item 5): the regions' documents in
 * the seeds, external pages (title and address; never quoted), and Inköp's own guidance written for the
 * assistant, which names the documents it builds on. A knowledge file's source_document, document_number
 * and decided fields must match one of these; tests hold every file to it.
 */
export interface KnownSource {
  /** How knowledge files name it (source_document starts with this). */
  title: string;
  kind: 'seed' | 'external' | 'guidance';
  /** The seed file in ../shared/seeds/, for quotation checks. */
  seed?: string;
  number: string;
  decided: string;
  url?: string;
  /** What was not read here. */
  note?: string;
}

export const KNOWN_SOURCES: readonly KnownSource[] = [
  { title: 'Inköpspolicy, Region Sörmland och Region Västmanland', kind: 'seed', seed: '000_04fea2640a3a128a.txt', number: '16-1652 / LS-LED14-325-3', decided: '2015-11-24' },
  { title: 'Inköp, upphandling och fakturering', kind: 'seed', seed: '001_2a4bb8771fec59bf.txt', number: '', decided: '' },
  { title: 'Inköps verksamhetsplan 2023', kind: 'seed', seed: '004_01b515a3a5e3ef21.txt', number: '', decided: '' },
  // A committee's proposal to the regional board, not a decision: no decided date.
  { title: 'protokoll regionstyrelsens arbetsutskott 2020-11-17 § 229', kind: 'seed', seed: '003_10c8555e77e865ad.txt', number: 'RS 1154-2020', decided: '' },
  { title: 'Miljökrav, Inköps leverantörssida', kind: 'external', number: '', decided: '', url: 'http://info.edionet.net/du/leverantorsinformation/vara-varderingar/miljokrav', note: 'Länkad från seed 001; den nuvarande versionen med åtta områden.' },
  { title: 'Lag (2016:1145) om offentlig upphandling', kind: 'external', number: 'SFS 2016:1145', decided: '2016-12-01', url: 'https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-20161145-om-offentlig-upphandling_sfs-2016-1145/' },
  { title: 'Regionernas leverantörssidor om fakturering och fakturareferenser', kind: 'external', number: '', decided: '', note: 'Sidornas adresser och läsdatum är inte inlästa här; uppgifterna följer projektets domänbeskrivning.' },
  { title: 'SCB:s metod för Nöjd Kund Index', kind: 'external', number: '', decided: '', note: 'Metoden som DOMAIN.md sammanfattar; läsgränserna 40/75 är inte SCB:s.' },
  { title: 'Uppförandekod för leverantörer (Sveriges regioner, Hållbar upphandling)', kind: 'external', number: '', decided: '', note: 'Adressen är inte läst här.' },
  { title: 'Inköps vägledning i assistenten', kind: 'guidance', number: '', decided: '' },
  { title: "Inköp's guidance in the assistant", kind: 'guidance', number: '', decided: '' },
];

/** The parts of a source_document field: "A; B (x; y)" → ["A", "B (x; y)"] (a semicolon inside brackets stays). */
export function sourceParts(field: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of field) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ';' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** The known source a part names, or undefined. */
export const knownSource = (part: string): KnownSource | undefined => KNOWN_SOURCES.find((s) => part.startsWith(s.title));
