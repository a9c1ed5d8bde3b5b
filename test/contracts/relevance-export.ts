import { Contract, contractSchema } from '../../src/contracts/model';
import { RelevanceCase } from './relevance-set';

/**
 * A second relevance set over an "export" of our own making, shaped like the organisation's real
 * one: its own category names (data, not the product's list), compound words that the contracts
 * write apart ("Undersökningshandskar nitril och vinyl"), category names that many contracts share,
 * and English keywords. The queries are the ones that once missed on the real export.
 */

/**
 * The organisation's categories, inserted as rows (the category name is indexed with the contract).
 * "IT och telekom" is also the product's own name for it-telekom: that row is kept.
 */
export const EXPORT_CATEGORIES = [
  { slug: 'fastighet-service', nameSv: 'Fastighet och service', nameEn: 'Property and services' },
  { slug: 'halso-sjukvardsmaterial', nameSv: 'Hälso- och sjukvårdsmaterial', nameEn: 'Health and medical supplies' },
  { slug: 'fordon-transporter', nameSv: 'Fordon och transporter', nameEn: 'Vehicles and transport' },
  { slug: 'konsulter-bemanning', nameSv: 'Konsulttjänster och bemanning', nameEn: 'Consultancy and staffing' },
  { slug: 'it-telekom', nameSv: 'IT och telekom', nameEn: 'IT and telecom' },
];

type Entry = [id: string, category: string, title: string, description: string, keywords: string[]];

const ENTRIES: Entry[] = [
  ['EXP-101', 'halso-sjukvardsmaterial', 'Undersökningshandskar nitril och vinyl', 'Puderfria engångshandskar för undersökning och omvårdnad. Beställs via e-handel.', ['engångshandskar', 'gloves']],
  ['EXP-102', 'halso-sjukvardsmaterial', 'Operationshandskar', 'Sterila handskar i latex och syntetmaterial för operation.', ['sterila handskar', 'gloves', 'kirurgi']],
  ['EXP-103', 'halso-sjukvardsmaterial', 'Förbrukningsmaterial för sjukvård', 'Kompresser, tejp, förband och annat material till vårdcentraler.', ['kompresser', 'förband']],
  ['EXP-104', 'halso-sjukvardsmaterial', 'Sängar för sjukhus och vårdboenden', 'Elektriskt reglerbara vårdsängar med madrasser, sänggrindar och service.', ['vårdsäng', 'hospital beds', 'madrass']],
  ['EXP-105', 'halso-sjukvardsmaterial', 'Skyddsförkläden och skyddsrockar', 'Engångsförkläden i plast samt skyddsrockar i nitril och polyeten.', ['förkläde', 'skyddsrock']],
  ['EXP-106', 'halso-sjukvardsmaterial', 'Glasögon och visir för skydd vid vård', 'Visir och glasögon som skyddar mot stänk vid provtagning och omvårdnad.', ['stänkskydd', 'visir']],
  ['EXP-107', 'halso-sjukvardsmaterial', 'Inkontinensskydd', 'Blöjor och inkontinensskydd med hemleverans.', ['blöjor', 'inkontinens']],
  ['EXP-108', 'halso-sjukvardsmaterial', 'Sårvård och förband', 'Förband, plåster och produkter för sårvård.', ['plåster', 'sårvård']],
  ['EXP-201', 'fordon-transporter', 'Hyrbilar och leasingfordon', 'Korttidshyra av personbilar och leasing av tjänstefordon för förvaltningarna.', ['car leasing', 'korttidshyra']],
  ['EXP-202', 'fordon-transporter', 'Elbilar och laddboxar', 'Köp av elbilar samt installation av laddboxar vid arbetsplatser.', ['elbil', 'laddning']],
  ['EXP-203', 'fordon-transporter', 'Fordonsservice och däckbyte', 'Service, reparation och däckbyte för kommunens fordon.', ['verkstad', 'däck']],
  ['EXP-204', 'fordon-transporter', 'Sjuktransporter och liggande transporter', 'Transporter av patienter till och från sjukhus.', ['patienttransport']],
  ['EXP-205', 'fordon-transporter', 'Transport- och servicefordon', 'Lätta lastbilar och skåpbilar för hemtjänst och fastighetsskötsel.', ['lastbil', 'skåpbil']],
  ['EXP-206', 'fordon-transporter', 'Godstransporter', 'Transport av gods och pall mellan förråd och enheter.', ['gods', 'pall', 'frakt']],
  ['EXP-207', 'fordon-transporter', 'Fordon för ambulans och sjuktransport', 'Ambulanser och utrustade fordon för sjukvårdens transporter.', ['ambulanser']],
  ['EXP-208', 'fordon-transporter', 'Drivmedel och tankkort', 'Bensin, diesel och HVO med tankkort för kommunens fordon.', ['bensin', 'diesel', 'fuel']],
  ['EXP-301', 'fastighet-service', 'Service och besiktning av hissar', 'Förebyggande service, besiktning och felavhjälpning av hissar och portar.', ['hiss', 'besiktning']],
  ['EXP-302', 'fastighet-service', 'Snöröjning och halkbekämpning', 'Snöröjning, sandning och halkbekämpning av gårdar och parkeringar.', ['vinterväghållning', 'sandning']],
  ['EXP-303', 'fastighet-service', 'Städning och lokalvård', 'Daglig städning, fönsterputs och golvvård i förvaltningens lokaler.', ['lokalvård', 'fönsterputs', 'cleaning']],
  ['EXP-304', 'fastighet-service', 'Stolar och bord för kontor', 'Höj- och sänkbara skrivbord, arbetsstolar och mötesbord.', ['möbler', 'office chairs']],
  ['EXP-305', 'fastighet-service', 'Kontorsstolar', 'Ergonomiska stolar med inställbart ryggstöd för arbetsplatser.', ['arbetsstol']],
  ['EXP-306', 'fastighet-service', 'Väktare och bevakning', 'Bevakning, larmutryckning och väktartjänster.', ['säkerhet', 'security']],
  ['EXP-307', 'fastighet-service', 'Avfallshantering', 'Hämtning av hushållsavfall, grovavfall och farligt avfall.', ['sopor', 'återvinning']],
  ['EXP-308', 'fastighet-service', 'Byggkonsulttjänster', 'Konsulttjänster för projektering och byggledning vid ombyggnad av lokaler.', ['byggledning', 'projektering']],
  ['EXP-401', 'it-telekom', 'IT-konsulttjänster för systemförvaltning', 'Konsulttjänster inom systemförvaltning, test och projektledning.', ['it-konsult', 'systemförvaltning']],
  ['EXP-402', 'it-telekom', 'Skrivare och kopiatorer', 'Leasing av skrivare och kopiatorer med service och toner.', ['printer', 'leasing']],
  ['EXP-403', 'it-telekom', 'Väskor och fodral för datorer', 'Ryggsäckar, väskor och skyddsfodral för bärbara datorer och surfplattor.', ['ryggsäck', 'fodral']],
  ['EXP-404', 'it-telekom', 'Bärbara datorer', 'Bärbara datorer med dockningsstation och skärm.', ['laptop', 'dator']],
  ['EXP-405', 'it-telekom', 'Abonnemang för mobil och fast telefoni', 'Samtal, data och växeltjänst för förvaltningarnas telefoner.', ['telefoni', 'växel']],
  ['EXP-406', 'it-telekom', 'Mobiltelefoner', 'Smarta telefoner och tillbehör.', ['smartphone', 'mobil']],
  ['EXP-501', 'konsulter-bemanning', 'Bemanning av sjuksköterskor', 'Inhyrda sjuksköterskor vid vakanser och semestrar.', ['hyrsjuksköterska']],
  ['EXP-502', 'konsulter-bemanning', 'Läkarbemanning', 'Inhyrda läkare till vårdcentraler och sjukhus.', ['hyrläkare']],
  ['EXP-503', 'konsulter-bemanning', 'Rekrytering av chefer', 'Stöd vid rekrytering av chefer och specialister.', ['rekrytering', 'headhunting']],
  ['EXP-504', 'konsulter-bemanning', 'Managementkonsulttjänster', 'Konsulttjänster inom ledning, styrning och organisationsutveckling.', ['management']],
  ['EXP-505', 'konsulter-bemanning', 'Juridisk rådgivning', 'Advokattjänster inom upphandlingsrätt och arbetsrätt.', ['jurist', 'advokat']],
  ['EXP-506', 'konsulter-bemanning', 'Tolkning och översättning', 'Språktolkar på plats och på distans samt översättning av dokument.', ['tolk', 'translation']],
];

export const EXPORT_CONTRACTS: Contract[] = ENTRIES.map(([contractId, category, title, description, keywords], i) =>
  contractSchema.parse({
    contractId,
    title,
    description,
    category,
    keywords,
    suppliers: [{ name: `Leverantör ${String.fromCharCode(65 + (i % 26))} AB` }],
    validFrom: '2025-03-01',
    validTo: '2028-02-29',
    regions: [i % 2 === 0 ? 'Sörmland' : 'Västmanland'],
    orderingMethod: 'avrop',
    contractType: 'ramavtal',
  }),
);

export const EXPORT_RELEVANCE_SET: RelevanceCase[] = [
  // Compounds whose parts the contract writes apart (all parts in its title or keywords).
  { q: 'nitrilhandskar', expected: ['EXP-101'], tag: 'split' },
  { q: 'leasingbil', expected: ['EXP-201'], tag: 'split' },
  { q: 'datorväska', expected: ['EXP-403'], tag: 'split' },
  { q: 'ambulansfordon', expected: ['EXP-207'], tag: 'split' },
  { q: 'mobilabonnemang', expected: ['EXP-405'], tag: 'split' },
  { q: 'kontorsstolar', expected: ['EXP-305', 'EXP-304'], tag: 'split' },
  // … with the linking -s- of Swedish compounds.
  { q: 'sjukhussäng', expected: ['EXP-104'], tag: 'split' },
  { q: 'sjukhussängar', expected: ['EXP-104'], tag: 'split' },
  { q: 'skyddsglasögon', expected: ['EXP-106'], tag: 'split' },
  { q: 'transportsfordon', expected: ['EXP-205', 'EXP-207'], tag: 'split' },
  { q: 'sjukvårdsmaterial', expected: ['EXP-103'], tag: 'split' },
  // A word, or a typo of one, that is also (in) a category name many contracts share: the contract
  // that has it in its title, or inside a title compound, and in its description comes first.
  { q: 'konsultjänster', expected: ['EXP-401', 'EXP-504', 'EXP-308'], tag: 'typo' },
  { q: 'konsulttjänster', expected: ['EXP-401', 'EXP-504', 'EXP-308'], tag: 'compound' },
  { q: 'bemaning', expected: ['EXP-501', 'EXP-502'], tag: 'typo' },
  { q: 'transpoter', expected: ['EXP-204', 'EXP-206'], tag: 'typo' },
  { q: 'service', expected: ['EXP-301', 'EXP-203'], tag: 'compound' },
  { q: 'sjukvård', expected: ['EXP-103'], tag: 'word' },
  { q: 'fordon', expected: ['EXP-207', 'EXP-203', 'EXP-205'], tag: 'compound' },
  // English, as staff type it, against the keywords the export carries.
  { q: 'gloves', expected: ['EXP-101', 'EXP-102'], tag: 'keyword' },
  { q: 'hospital beds', expected: ['EXP-104'], tag: 'keyword' },
  { q: 'car leasing', expected: ['EXP-201'], tag: 'keyword' },
  { q: 'printer', expected: ['EXP-402'], tag: 'keyword' },
  { q: 'office chairs', expected: ['EXP-304'], tag: 'keyword' },
  // Plain words, plurals and prefixes on the same export.
  { q: 'nitril', expected: ['EXP-101', 'EXP-105'], tag: 'word' },
  { q: 'leasing', expected: ['EXP-201', 'EXP-402'], tag: 'word' },
  { q: 'hyrbil', expected: ['EXP-201'], tag: 'plural' },
  { q: 'hissar', expected: ['EXP-301'], tag: 'plural' },
  { q: 'snöröjning', expected: ['EXP-302'], tag: 'word' },
  { q: 'däckbyte', expected: ['EXP-203'], tag: 'word' },
  { q: 'läkare', expected: ['EXP-502'], tag: 'compound' },
  { q: 'tolk', expected: ['EXP-506'], tag: 'prefix' },
];
