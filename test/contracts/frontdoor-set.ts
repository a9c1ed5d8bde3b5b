/**
 * Everyday questions as people type them in chat, labelled with what a right answer is, against the
 * sample contracts (data/sample-contracts.csv). Measured in frontdoor.test.ts (`npm run frontdoor`):
 * - contract: a buying question ("har vi avtal på tolk?"); right when the catalogue answers first and one
 *   of `expected` is among its top three;
 * - supplier: a question about a supplier (by name or org number), or who supplies something; as contract;
 * - amount: an amount with a product; the catalogue first (top three as above), the calculator after;
 * - policy: a question about rules or routes; right when policy guidance answers and the catalogue does not.
 */
export type FrontDoorLabel = 'contract' | 'supplier' | 'amount' | 'policy';

export interface FrontDoorCase {
  q: string;
  lang: 'sv' | 'en';
  label: FrontDoorLabel;
  /** For every label but policy: the contracts of which one must be in the top three. */
  expected?: string[];
  /** What the case exercises (phrasing, typo, plural, …), for reading the misses. */
  tag: string;
}

const c = (q: string, expected: string[], tag = 'phrasing'): FrontDoorCase => ({ q, lang: 'sv', label: 'contract', expected, tag });
const ce = (q: string, expected: string[], tag = 'phrasing'): FrontDoorCase => ({ q, lang: 'en', label: 'contract', expected, tag });
const s = (q: string, expected: string[], tag = 'supplier'): FrontDoorCase => ({ q, lang: 'sv', label: 'supplier', expected, tag });
const se = (q: string, expected: string[], tag = 'supplier'): FrontDoorCase => ({ q, lang: 'en', label: 'supplier', expected, tag });
const a = (q: string, expected: string[]): FrontDoorCase => ({ q, lang: 'sv', label: 'amount', expected, tag: 'amount' });
const ae = (q: string, expected: string[]): FrontDoorCase => ({ q, lang: 'en', label: 'amount', expected, tag: 'amount' });
const p = (q: string, tag = 'policy'): FrontDoorCase => ({ q, lang: 'sv', label: 'policy', tag });
const pe = (q: string, tag = 'policy'): FrontDoorCase => ({ q, lang: 'en', label: 'policy', tag });

const TOLK = ['RS-2026-0363', 'RS-2024-0364'];
const PENNOR = ['ADDA-2025-0470'];
const TAXI = ['RS-2026-0366', 'RS-2025-0365'];
const DATOR = ['SIC-25.8-0277', 'SIC-24.9-0278'];
const LAPTOP = ['SIC-25.8-0277'];
const HANDSKAR = ['RS-2025-0150', 'RS-2026-0151'];
const STAD = ['RS-2024-0367', 'ADDA-2026-0484'];
const KAFFE = ['SIC-25.8-0259', 'RS-2022-0384', 'ADDA-2024-0489'];
const SKRIVARE = ['ADDA-2026-0288'];
const PAPPER = ['ADDA-2026-0477', 'SIC-23.5-0184'];
const MOBLER = ['SIC-26.4-0471', 'RS-2026-0472', 'ADDA-2024-0473'];
const SPRUTOR = ['RS-2026-0167'];
const FORBAND = ['VF-2021-0158', 'RS-2022-0159'];
const HORAPPARAT = ['SIC-25.2-0118'];
const PATIENTOVERVAKNING = ['RS-2025-0102'];

export const FRONT_DOOR_SET: FrontDoorCase[] = [
  // Swedish buying questions: the issue's own, and their variants.
  c('Har vi avtal på tolk?', TOLK),
  c('har vi nåt avtal på tolkar', TOLK, 'colloquial'),
  c('Finns det något avtal för tolktjänster?', TOLK),
  c('Vilket avtal gäller för tolk?', TOLK),
  c('Var beställer jag tolk?', TOLK),
  c('Jag behöver en tolk till ett patientmöte', TOLK),
  c('Hur bokar jag en teckenspråkstolk?', ['RS-2024-0364']),
  c('Var köper jag pennor?', PENNOR),
  c('var köper jag pennor', PENNOR, 'no question mark'),
  c('Var kan jag beställa kontorsmaterial?', PENNOR),
  c('Har vi avtal på kontorsmaterial?', PENNOR),
  c('Vilket avtal gäller för taxi?', TAXI),
  c('Hur beställer jag taxi?', TAXI),
  c('Finns det avtal på taxiresor?', TAXI),
  c('Vi behöver beställa taxi till en konferens', TAXI),
  c('Har vi avtal på datorer?', DATOR),
  c('Var köper jag en bärbar dator?', LAPTOP),
  c('Jag behöver en ny laptop', LAPTOP),
  c('Var beställer jag handskar?', HANDSKAR),
  c('Har vi avtal på nitrilhandskar?', ['RS-2025-0150']),
  c('Vilket avtal har vi för engångshandskar?', ['RS-2025-0150']),
  c('Var köper man undersökningshandskar', ['RS-2025-0150'], 'no question mark'),
  c('Har vi avtal på städning?', STAD),
  c('Vilket avtal gäller för lokalvård?', ['RS-2024-0367']),
  c('Var köper jag städmaterial?', ['ADDA-2026-0484']),
  c('Var köper jag kaffe till personalrummet?', KAFFE),
  c('Har vi avtal på kaffe?', KAFFE),
  c('Har vi avtal för skrivare?', SKRIVARE),
  c('Var beställer jag toner till skrivaren?', ['ADDA-2023-0478', 'ADDA-2026-0288']),
  c('Var köper jag kopieringspapper?', ['ADDA-2026-0477']),
  c('Har vi avtal på möbler?', MOBLER),
  c('Var köper jag en kontorsstol?', ['SIC-26.4-0471']),
  c('Har vi avtal på sprutor?', SPRUTOR),
  c('Var beställer jag förband?', FORBAND),
  c('Har vi avtal på hörapparater?', HORAPPARAT),
  c('Vilket avtal gäller för patientövervakning?', PATIENTOVERVAKNING),
  c('Finns det avtal på infusionspumpar?', ['RS-2025-0101']),
  c('Var köper jag rullstolar?', ['ADDA-2025-0114', 'ADDA-2022-0116']),
  c('Har vi avtal på hjärtstartare?', ['RS-2027-0104', 'RS-2024-0493']),
  c('Var beställer jag munskydd?', ['VF-2026-0154']),
  c('Har vi något avtal för blöjor?', ['ADDA-2026-0162']),
  c('Var köper vi handsprit?', ['VF-2023-0170']),
  c('Vilket avtal gäller för vaccin?', ['ADDA-2025-0191', 'RS-2025-0193']),
  c('Var beställer jag syrgas?', ['RV-2026-0196', 'RS-2026-0197']),
  c('Har vi avtal på pipetter?', ['RS-2025-0229']),
  c('Var köper jag frukt?', ['RS-2026-0254']),
  c('Har vi avtal på mjölk?', ['ADDA-2025-0253']),
  c('Var köper jag en mobiltelefon?', ['RS-2026-0281']),
  c('Har vi avtal på headset?', ['RS-2025-0294']),
  c('Vilket avtal gäller för hyrbil?', ['SIC-25.2-0442']),
  c('Var tankar jag tjänstebilen? Har vi avtal på drivmedel?', ['ADDA-2026-0448'], 'two sentences'),
  c('Har vi avtal på däck?', ['RS-2026-0450']),
  c('Vem ska jag ringa för snöröjning, finns det avtal för snöröjning?', ['RS-2026-0421'], 'two clauses'),
  c('Var hittar jag en elektriker?', ['RV-2026-0416']),
  c('Har vi avtal med väktare?', ['RS-2025-0372'], 'avtal med a service'),
  c('Vilket avtal gäller för företagshälsovård?', ['RS-2024-0373']),
  c('Var beställer jag översättning?', ['RS-2025-0342']),
  c('Har vi avtal på hiss service?', ['RS-2025-0414']),
  c('Hur beställer jag tvätt av arbetskläder?', ['RV-2023-0368', 'RS-2026-0186']),
  c('Vi behöver köpa nya möbler', MOBLER),
  c('Jag vill beställa kaffe', KAFFE),
  c('tolk?', TOLK, 'one word'),
  c('taxi', TAXI, 'one word'),
  c('Kan du säga var jag köper pennor?', PENNOR, 'softener'),
  c('Hej! Har vi avtal på tolk?', TOLK, 'greeting'),
  c('Har vi avtal på tolk i Västmanland?', ['RS-2026-0363', 'RS-2024-0364'], 'region'),
  // Typos and missing letters.
  c('Har vi avtal på tolkk?', TOLK, 'typo'),
  c('var koper jag pennor', PENNOR, 'no å/ä/ö'),
  c('Har vi avtal pa hjartstartare', ['RS-2027-0104', 'RS-2024-0493'], 'no å/ä/ö'),
  c('Var bestäler jag handskar?', HANDSKAR, 'typo'),
  c('Har vi avtal på defibrilator?', ['RS-2027-0104'], 'typo'),
  c('Var köper jag kontorsmatrial?', PENNOR, 'typo'),
  c('har vi avtal på städtjänster', STAD, 'lower case'),
  // Permission questions: the contracts, and policy beside them.
  c('Får jag köpa kaffe utanför avtalet?', KAFFE, 'permission'),
  c('Får jag köpa pennor på Clas Ohlson?', PENNOR, 'permission'),
  c('Kan jag beställa tolk själv?', TOLK, 'permission'),

  // English buying questions.
  ce('Where can I buy a laptop?', LAPTOP),
  ce('Do we have a contract for interpreters?', TOLK),
  ce('gloves', HANDSKAR, 'one word'),
  ce('Where do I order gloves?', HANDSKAR),
  ce('Is there a contract for examination gloves?', ['RS-2025-0150']),
  ce('Which contract covers interpreting?', TOLK),
  ce('I need an interpreter', TOLK),
  ce('Where can I buy pens?', PENNOR),
  ce('Do we have a contract for office supplies?', PENNOR),
  ce('How do I order a taxi?', TAXI),
  ce('Is there a contract for taxis?', TAXI),
  ce('Where can I buy a computer?', DATOR),
  ce('Do we have a contract for computers?', DATOR),
  ce('I need a new laptop', LAPTOP),
  ce('Where do we buy hearing aids?', HORAPPARAT),
  ce('Do we have a contract for patient monitors?', PATIENTOVERVAKNING),
  ce('Is there an agreement for cleaning?', STAD),
  ce('Where can I order cleaning services?', ['RS-2024-0367']),
  ce('Where do we buy coffee?', KAFFE),
  ce('coffee', KAFFE, 'one word'),
  ce('Do we have a contract for printers?', SKRIVARE),
  ce('Where can I buy printer paper?', ['ADDA-2026-0477']),
  ce('Where do I get paper?', PAPPER),
  ce('Do we have a contract for furniture?', MOBLER),
  ce('Where can I buy an office chair?', ['SIC-26.4-0471']),
  ce('Where do I order syringes?', SPRUTOR),
  ce('Is there a contract for bandages?', FORBAND),
  ce('Where can I buy face masks?', ['VF-2026-0154']),
  ce('Do we have a contract for wheelchairs?', ['ADDA-2025-0114', 'ADDA-2022-0116']),
  ce('Where do I order a defibrillator?', ['RS-2027-0104']),
  ce('Do we have a contract for vaccines?', ['ADDA-2025-0191', 'RS-2025-0193']),
  ce('Where can I buy fruit?', ['RS-2026-0254']),
  ce('Do we have a contract for mobile phones?', ['RS-2026-0281']),
  ce('Where can I rent a car?', ['SIC-25.2-0442']),
  ce('Is there a contract for tyres?', ['RS-2026-0450']),
  ce('Where do I find an electrician?', ['RV-2026-0416']),
  ce('Do we have a contract for translation?', ['RS-2025-0342']),
  ce('Which contract applies to security guards?', ['RS-2025-0372']),
  ce('Where can I order toner?', ['ADDA-2023-0478', 'ADDA-2026-0288']),
  ce('Where can I buy light bulbs?', ['RS-2024-0482']),
  ce('Do we have a contract for hand sanitizer?', ['VF-2023-0170']),
  ce('Where can I buy a headset?', ['RS-2025-0294']),
  ce('Where can I buy gloves in Sörmland?', HANDSKAR, 'region'),
  ce('Hi, where can I buy pens please?', PENNOR, 'greeting'),
  ce('Where can I buy a labtop?', DATOR.concat(LAPTOP), 'typo'),
  ce('do we have a contract for interpretors', TOLK, 'typo'),
  ce('where can i buy glvoes', HANDSKAR, 'typo'),
  ce('Can I buy coffee outside the contract?', KAFFE, 'permission'),
  ce('May I order a taxi myself?', TAXI, 'permission'),
  ce('Looking for snow removal', ['RS-2026-0421']),
  ce('We need to buy new furniture', MOBLER),

  // Suppliers: by name and org number, and who supplies something.
  s('Har vi avtal med Vitalpuls?', ['RS-2025-0101', 'ADDA-2023-0134', 'RS-2025-0138']),
  s('Har vi avtal med Vitalpuls Nordic Systems AB?', ['RS-2025-0101', 'ADDA-2023-0134', 'RS-2025-0138']),
  s('Vad köper vi från Trosa Textil?', ['VF-2026-0154', 'RV-2026-0189']),
  s('Vad kan vi köpa från Bitgården Data?', ['SIC-25.8-0277', 'RS-2026-0287', 'RS-2023-0312']),
  s('Finns det avtal med Rostmästarna Kaffe?', ['ADDA-2026-0258']),
  s('Har vi avtal med Postflödet Sverige AB?', ['RS-2026-0363', 'RS-2026-0366', 'RS-2022-0399']),
  s('Har vi avtal med 559541-7109?', ['SIC-25.8-0277'], 'org number'),
  s('Vad köper vi av 5597364983?', ['RS-2026-0187'], 'org number'),
  s('Vem levererar tolktjänster?', TOLK, 'who supplies'),
  s('Vilken leverantör har vi för taxi?', TAXI, 'who supplies'),
  s('Vem levererar handskar?', HANDSKAR, 'who supplies'),
  s('har vi avtal med vitalpuls', ['RS-2025-0101', 'ADDA-2023-0134', 'RS-2025-0138'], 'lower case'),
  se('Do we have a contract with Vitalpuls?', ['RS-2025-0101', 'ADDA-2023-0134', 'RS-2025-0138']),
  se('What do we buy from Ljuskällan Belysning?', ['RS-2023-0494', 'RS-2026-0496', 'RV-2026-0497']),
  se('Who supplies gloves?', HANDSKAR, 'who supplies'),
  se('Which supplier do we use for interpreters?', TOLK, 'who supplies'),
  se('Who sells laptops to the region?', LAPTOP, 'who supplies'),
  se('Is there a contract with Trosa Textil?', ['VF-2026-0154', 'RV-2026-0189']),

  // Amounts with a product: the contracts first, then the calculator.
  a('Får jag köpa en dator för 15 000 kr utan avtal?', DATOR),
  a('Vi vill köpa städtjänster för 900 000 kr', STAD),
  a('Kan jag köpa kaffe för 5 000 kr?', KAFFE),
  a('Får jag beställa tolk för 30 000 kronor?', TOLK),
  a('Jag vill köpa möbler för 200 000 kr', MOBLER),
  a('Vi behöver handskar för 50 tkr', HANDSKAR),
  ae('Can I buy a laptop for 15,000 SEK without a contract?', LAPTOP.concat(DATOR)),
  ae('We want to buy cleaning services for 900 000 kr', STAD),
  ae('May I buy furniture for 200 000 SEK?', MOBLER),

  // Policy questions: guidance answers, not the catalogue.
  p('Får jag köpa utanför avtalet?'),
  p('Får jag handla av en annan leverantör än den på avtalet?'),
  p('Vad är gränsen för direktupphandling?'),
  p('Måste jag dokumentera en direktupphandling?'),
  p('Hur beställer jag på ett avtal?'),
  p('Vem ansvarar för avtalstroheten?'),
  p('Kan vi dela upp köpet i två delar för att slippa upphandla?'),
  p('Hur lång tid tar en upphandling?'),
  p('Vad betyder avtalsspärr?'),
  p('Hur anmäler jag ett nytt inköpsbehov?'),
  p('Vad är tröskelvärdet för varor och tjänster 2026?'),
  p('Hur fungerar Proceedo och e-handeln?'),
  p('Jag hittar inget avtal i katalogen, vad gör jag?'),
  p('Hur skickar leverantören fakturan till Region Sörmland?'),
  p('Vad är DLL-numret på fakturan?'),
  p('Vilka miljökrav ställer Inköp?'),
  p('Vilka krav ställer ni på leverantörers arbetsvillkor?'),
  p('Räknas alla köp av samma sak under året ihop?'),
  p('Hur går ett avrop på ett rangordnat ramavtal till?'),
  p('Vad händer om en leverantör begär överprövning?'),
  p('Har regionerna samma riktlinjer för direktupphandling?'),
  p('Vad gör Inköp efter att behovet kommit in?'),
  p('Hur mycket får man köpa för utan att annonsera?'),
  p('Vad ska stå i en behovsanmälan?'),
  p('Varför ska man höra av sig till Inköp i god tid?'),
  p('Får jag ta emot gåvor från en leverantör?'),
  p('Vad innebär avtalstrohet?'),
  p('Hur räknar jag ut värdet, med eller utan moms?'),
  p('Får jag direktupphandla konsulttjänster själv?'),
  p('Vad är en direktupphandling?'),
  pe('What is the direct award limit?'),
  pe('Can I buy outside the contract?'),
  pe('Who is responsible for contract compliance?'),
  pe('How long does a procurement take?'),
  pe('What is the EU threshold for goods and services?'),
  pe('How do I report a new purchasing need?'),
  pe('What does standstill period mean?'),
  pe('Do I have to document a direct award?'),
  pe('How should the supplier send the invoice?'),
  pe('What environmental requirements does procurement set?'),
  pe('May we split a purchase to avoid a tender?'),
  pe('I cannot find a contract in the catalogue, what should I do?'),
  pe('What is the code of conduct for suppliers?'),
  pe('How do I order from a contract?'),
  pe('Why should I contact procurement early?'),
];
