/**
 * Questions staff ask, in Swedish and English, each with the knowledge-base sections a good answer comes
 * from ("file#start of the section heading"; English questions are answered from the English versions,
 * "<name>.en.md") and the fact the quoted answer must carry. Asserted in retrieval.test.ts: hit@3 (an
 * expected section among the top three) and that the expected section's quote carries the fact.
 * Amount questions ("… för 400 000 kr?") go to the calculator and are tested there, not here.
 */
export interface QuestionCase {
  q: string;
  expected: string[];
  fact: RegExp;
}

const LOU = 'lou-grunder.md';
const KONTAKT = 'kontakta-inkop-och-anmal-behov.md';
const BEST = 'bestallningsvagar.md';
const POLICY = 'inkopspolicy.md';
const MILJO = 'miljokrav.md';
const KOD = 'uppforandekod.md';
const NKI = 'nki.md';
const ORG = 'organisation-och-kategoristyrning.md';
const FAKT = 'fakturering.md';
const en = (key: string) => key.replace('.md#', '.en.md#');

export const SWEDISH_QUESTIONS: QuestionCase[] = [
  { q: 'Får jag direktupphandla konsulttjänster själv?', expected: [`${LOU}#Direktupphandlingsgränsen`, `${KONTAKT}#Får jag direktupphandla själv`], fact: /700 000/ },
  { q: 'Vem ansvarar för avtalstroheten?', expected: [`${POLICY}#Vem ansvarar för avtalstroheten`], fact: /varje verksamhet/i },
  { q: 'Vilka krav ställer ni på leverantörers arbetsvillkor?', expected: [`${KOD}#ILO:s kärnkonventioner`, `${KOD}#Vad är den sociala uppförandekoden`], fact: /ILO|arbetsvillkor/ },
  { q: 'Hur mycket får man köpa för utan att annonsera?', expected: [`${LOU}#Direktupphandlingsgränsen`], fact: /700 000/ },
  { q: 'Vad är gränsen för direktupphandling?', expected: [`${LOU}#Direktupphandlingsgränsen`], fact: /700 000/ },
  { q: 'Måste jag dokumentera en direktupphandling?', expected: [`${LOU}#Dokumentationsplikt`], fact: /100 000/ },
  { q: 'Kan vi dela upp köpet i två delar för att slippa upphandla?', expected: [`${LOU}#Får jag dela upp ett köp`], fact: /inte tillåtet|otillåtet/ },
  { q: 'Räknas alla köp av samma sak under året ihop?', expected: [`${LOU}#Sammanräkning`], fact: /räknas samman|sammanräkning/i },
  { q: 'Hur räknar jag ut värdet, med eller utan moms och optioner?', expected: [`${LOU}#Hur beräknar jag värdet`], fact: /exklusive moms/ },
  { q: 'Vad är tröskelvärdet för varor och tjänster 2026?', expected: [`${LOU}#EU:s tröskelvärden`], fact: /216 000 euro/ },
  { q: 'Vad betyder avtalsspärr?', expected: [`${LOU}#Vad är avtalsspärr`], fact: /väntetid/ },
  { q: 'Hur lång är avtalsspärren?', expected: [`${LOU}#Vad är avtalsspärr`, `${KONTAKT}#Hur lång tid tar det`], fact: /10 dagar/ },
  { q: 'Vad händer om en leverantör begär överprövning?', expected: [`${LOU}#Vad är avtalsspärr`, `${KONTAKT}#Hur lång tid tar det`], fact: /förläng/ },
  { q: 'Vilka upphandlingsförfaranden finns över tröskelvärdet?', expected: [`${LOU}#Upphandlingsförfaranden`], fact: /[Öö]ppet förfarande/ },
  { q: 'Hur lång är anbudstiden i ett öppet förfarande?', expected: [`${LOU}#Upphandlingsförfaranden`], fact: /35 dagar/ },
  { q: 'Vad är direktupphandlingsgränsen för HVB-placeringar och andra sociala tjänster?', expected: [`${LOU}#Direktupphandling av sociala`, `${LOU}#Direktupphandlingsgränsen`], fact: /750 000 euro|bilaga 2/ },
  { q: 'Vilket tröskelvärde gäller om behovet anmäls i december och upphandlingen annonseras i februari?', expected: [`${LOU}#EU:s tröskelvärden`], fact: /annonseras/ },
  { q: 'Vad var tröskelvärdet för byggentreprenader 2024–2025?', expected: [`${LOU}#Tidigare tröskelvärden`, `${LOU}#EU:s tröskelvärden`], fact: /59 880 179/ },
  { q: 'Har regionerna samma riktlinjer för direktupphandling?', expected: [`${POLICY}#Vilka riktlinjer`, `${LOU}#Dokumentationsplikt`], fact: /regionstyrelse/ },
  { q: 'Hur anmäler jag ett nytt inköpsbehov?', expected: [`${KONTAKT}#Hur anmäler jag ett behov`, `${BEST}#Vad gör jag om det inte finns något avtal`], fact: /Anmäl behov|behovsanmälan|behov/ },
  { q: 'Hur lång tid tar en upphandling?', expected: [`${KONTAKT}#Hur lång tid tar det`], fact: /inköpsväg|månader/ },
  { q: 'Hur tidigt ska jag höra av mig inför en upphandling över EU-tröskeln?', expected: [`${KONTAKT}#Hur lång tid tar det`], fact: /över EU:s tröskelvärde: 6–9 månader/ },
  { q: 'Varför ska man höra av sig till Inköp i god tid?', expected: [`${KONTAKT}#Varför ska jag anmäla behovet tidigt`, `${KONTAKT}#När ska jag kontakta Inköp`], fact: /tid|sent/ },
  { q: 'Vad ska stå i en behovsanmälan?', expected: [`${KONTAKT}#Vad ska en behovsanmälan innehålla`, `${BEST}#Vad gör jag om det inte finns något avtal`], fact: /behov/ },
  { q: 'Vad gör Inköp efter att behovet kommit in?', expected: [`${KONTAKT}#Vad händer efter`], fact: /avtal|bedömning/ },
  { q: 'Hur beställer jag på ett avtal?', expected: [`${BEST}#Hur beställer jag från ett avtal`, `${BEST}#Beställa via e-handel`], fact: /avtal/ },
  { q: 'Hur fungerar Proceedo och e-handeln?', expected: [`${BEST}#Beställa via e-handel`], fact: /Proceedo|e-handel/ },
  { q: 'Var beställer jag förbrukningsvaror som handskar?', expected: [`${BEST}#Förbrukningsvaror och Varuförsörjningen`, `${ORG}#Vem upphandlar förbrukningsvaror`], fact: /Varuförsörjningen|förbrukningsvaror/i },
  { q: 'Hur går ett avrop på ett rangordnat ramavtal till?', expected: [`${BEST}#Avrop från ramavtal`], fact: /rangordn/i },
  { q: 'Får jag handla av en annan leverantör än den på avtalet?', expected: [`${BEST}#Får jag köpa utanför avtalet`, `${POLICY}#Vad innebär avtalstrohet`], fact: /inte tillåtet|Nej|avtal/ },
  { q: 'Jag hittar inget avtal i katalogen, vad gör jag?', expected: [`${BEST}#Jag hittar inte avtalet`, `${ORG}#Betyder det att inget avtal finns`, `${BEST}#Vad gör jag om det inte finns något avtal`], fact: /avtal/ },
  { q: 'Hur skickar leverantören fakturan till Region Sörmland?', expected: [`${FAKT}#Hur tar Region Sörmland emot fakturor`, `${FAKT}#Vad ska jag säga till leverantören`], fact: /Peppol/ },
  { q: 'Vad är DLL-numret på fakturan?', expected: [`${FAKT}#Ordernumret som börjar med DLL`], fact: /DLL/ },
  { q: 'Vad gör jag om fakturan har fel pris?', expected: [`${FAKT}#Frågor om fakturor`], fact: /Inköp/ },
  { q: 'Vilka miljökrav ställer Inköp?', expected: [`${MILJO}#Hur arbetar Inköp med miljökrav`, `${MILJO}#Prioriterade områden`], fact: /miljö/i },
  { q: 'Vilka upphandlingsområden är miljöprioriterade?', expected: [`${MILJO}#Prioriterade områden`], fact: /fordon|IT och kommunikation/ },
  { q: 'Vem från miljöorganisationen deltar när miljökraven ställs?', expected: [`${MILJO}#Vem från miljöorganisationerna`], fact: /representant/ },
  { q: 'Är Inköp miljöcertifierat?', expected: [`${MILJO}#Inköps miljöcertifiering`], fact: /ISO 14001/ },
  { q: 'Vilka krav gäller för kemikalier och PVC?', expected: [`${MILJO}#Medicinteknisk utrustning och kemikaliekrav`], fact: /REACH|PVC|kemikalie/ },
  { q: 'Vilka utsläppskrav gäller för fordon och transporter?', expected: [`${MILJO}#Miljökrav på transporter`], fact: /Euro VI/ },
  { q: 'Får leverantören använda barnarbete?', expected: [`${KOD}#Barnarbete`], fact: /barn/i },
  { q: 'Vilka principer bygger uppförandekoden på?', expected: [`${KOD}#FN:s Global Compact`, `${KOD}#Vad är den sociala uppförandekoden`], fact: /Global Compact|principer|rättigheter/ },
  { q: 'Hur kontrolleras att leverantörer följer uppförandekoden?', expected: [`${KOD}#Hur följs uppförandekoden upp`], fact: /revision|följer gemensamt upp/i },
  { q: 'Jag misstänker att en leverantör bryter mot uppförandekoden', expected: [`${KOD}#Vad gör jag om jag misstänker`], fact: /Inköp/ },
  { q: 'Vad är syftet med inköpspolicyn?', expected: [`${POLICY}#Vad är syftet`], fact: /mål|lag/ },
  { q: 'Gäller inköpspolicyn för regionens bolag?', expected: [`${POLICY}#Vem omfattas`], fact: /helägda bolag/ },
  { q: 'Vad ansvarar min enhet för i en upphandling?', expected: [`${POLICY}#Vad ansvarar min verksamhet`], fact: /uppdragsgivare|tid|krav/ },
  { q: 'Vem leder upphandlingarna?', expected: [`${POLICY}#Vad ansvarar Inköp för`, `${LOU}#Vad är LOU`, `${LOU}#Dokumentationsplikt`], fact: /Inköp (leder|som leder)|leder/ },
  { q: 'Hur räknas NKI ut?', expected: [`${NKI}#Hur räknas NKI ut`], fact: /svar − 1|medelvärde|två steg/ },
  { q: 'Vad betyder ett NKI under 40?', expected: [`${NKI}#Hur ska jag tolka ett NKI-värde`], fact: /inte godtagbart/ },
  { q: 'Är mina enkätsvar anonyma?', expected: [`${NKI}#Är mina svar i NKI-enkäten anonyma`], fact: /gruppnivå|tillräckligt många/ },
  { q: 'När startade NKI-mätningen?', expected: [`${NKI}#När började NKI-mätningen`], fact: /1 april 2023/ },
  { q: 'Sparas den faktiska avtalsstarten med NKI-enkäten?', expected: [`${NKI}#Är mina svar i NKI-enkäten anonyma`], fact: /ännu inte|önskade/ },
  { q: 'Vilka kategorier jobbar Inköp med?', expected: [`${ORG}#Vilka inköpskategorier`, `${ORG}#Vad är kategoristyrning`], fact: /medicinteknik|kategori/ },
  { q: 'Var finns Inköps kontor?', expected: [`${ORG}#Hur är Inköp organiserat`], fact: /Nyköping/ },
  { q: 'Vad är Varuförsörjningen?', expected: [`${ORG}#Vem upphandlar förbrukningsvaror`, `${BEST}#Förbrukningsvaror och Varuförsörjningen`], fact: /förbrukningsvaror/i },
];

export const ENGLISH_QUESTIONS: QuestionCase[] = [
  { q: 'May I buy consultancy services by direct procurement myself?', expected: [en(`${LOU}#The direct procurement limit`), en(`${KONTAKT}#May I buy by direct procurement myself`)], fact: /700,000/ },
  { q: 'Who is responsible for contract compliance?', expected: [en(`${POLICY}#Who is responsible for contract compliance`), en(`${POLICY}#What does contract compliance mean`)], fact: /every unit/i },
  { q: 'Who is responsible for following the contracts?', expected: [en(`${POLICY}#Who is responsible for contract compliance`)], fact: /every unit/i },
  { q: 'What are your requirements on suppliers working conditions?', expected: [en(`${KOD}#The ILO core conventions`), en(`${KOD}#What is the social code of conduct`)], fact: /ILO|working conditions/ },
  { q: 'What is the EU threshold for goods and services?', expected: [en(`${LOU}#EU thresholds`)], fact: /216,000/ },
  { q: 'What is the direct procurement limit?', expected: [en(`${LOU}#The direct procurement limit`)], fact: /700,000/ },
  { q: 'How much can I buy without advertising?', expected: [en(`${LOU}#The direct procurement limit`)], fact: /700,000/ },
  { q: 'What is the direct procurement limit for social services such as residential care placements?', expected: [en(`${LOU}#Direct procurement of social`), en(`${LOU}#The direct procurement limit`)], fact: /750,000|Annex 2/ },
  { q: 'Do I have to document a direct procurement?', expected: [en(`${LOU}#Documentation duty`)], fact: /100,000/ },
  { q: 'Can we split a purchase into two to avoid a procurement?', expected: [en(`${LOU}#May I split a purchase`)], fact: /not be split|not allowed/ },
  { q: 'Are purchases of the same kind added together over the year?', expected: [en(`${LOU}#Adding up purchases`)], fact: /added together/ },
  { q: 'How do I calculate the value of a purchase?', expected: [en(`${LOU}#How do I calculate the value`)], fact: /excluding VAT/ },
  { q: 'What was the EU threshold for works in 2024?', expected: [en(`${LOU}#Earlier thresholds`), en(`${LOU}#EU thresholds`)], fact: /59,880,179/ },
  { q: 'Which threshold applies if the procurement is advertised next year?', expected: [en(`${LOU}#EU thresholds`)], fact: /advertised/ },
  { q: 'What is the standstill period?', expected: [en(`${LOU}#What are the standstill period`)], fact: /waiting time|10 days/ },
  { q: 'What happens if a supplier applies for a review?', expected: [en(`${LOU}#What are the standstill period`), en(`${KONTAKT}#How long does it take`)], fact: /extended/ },
  { q: 'Which procedures are used above the EU threshold?', expected: [en(`${LOU}#Procurement procedures`)], fact: /Open procedure/ },
  { q: 'Who sets the guidelines for direct procurement?', expected: [en(`${POLICY}#Which guidelines complement`), en(`${LOU}#Documentation duty`)], fact: /regional board/ },
  { q: 'How do I submit a purchase need?', expected: [en(`${KONTAKT}#How do I submit a need`)], fact: /Submit a need/ },
  { q: 'How long does a procurement take, what is the lead time?', expected: [en(`${KONTAKT}#How long does it take`)], fact: /route|months/ },
  { q: 'How early should I contact Procurement before a procurement above the EU threshold?', expected: [en(`${KONTAKT}#How long does it take`)], fact: /above the EU threshold: 6–9 months/ },
  { q: 'Why should I submit a need early?', expected: [en(`${KONTAKT}#Why should I submit the need early`)], fact: /time|late/ },
  { q: 'What should a purchase need contain?', expected: [en(`${KONTAKT}#What should a submitted need contain`), en(`${BEST}#What do I do if there is no contract`)], fact: /need/ },
  { q: 'What happens after I submit a need?', expected: [en(`${KONTAKT}#What happens after I have submitted a need`)], fact: /Procurement|triage/ },
  { q: 'How does ordering through Proceedo work?', expected: [en(`${BEST}#Ordering through e-commerce`)], fact: /Proceedo|e-commerce/ },
  { q: 'How do I order consumables?', expected: [en(`${BEST}#Consumables and Varuförsörjningen`), en(`${ORG}#Who procures consumables`)], fact: /Varuförsörjningen|consumables/i },
  { q: 'How do call-offs from a ranked framework agreement work?', expected: [en(`${BEST}#Call-offs from framework agreements`)], fact: /rank/i },
  { q: 'May I buy from another supplier than the contracted one?', expected: [en(`${BEST}#May I buy outside the contract`), en(`${POLICY}#What does contract compliance mean`)], fact: /not allowed|No\.|contract/ },
  { q: 'I cannot find a contract in the catalogue, what should I do?', expected: [en(`${BEST}#I cannot find the contract`), en(`${ORG}#If a contract does not show`), en(`${BEST}#What do I do if there is no contract`)], fact: /contract/ },
  { q: 'How should invoices be sent?', expected: [en(`${FAKT}#How does Region Sörmland receive invoices`), en(`${FAKT}#What should I tell the supplier`)], fact: /Peppol/ },
  { q: 'What is the DLL order number?', expected: [en(`${FAKT}#The order number that starts with DLL`)], fact: /DLL/ },
  { q: 'Is Procurement environmentally certified?', expected: [en(`${MILJO}#Procurement's environmental certification`)], fact: /ISO 14001/ },
  { q: 'Which areas have priority for environmental requirements?', expected: [en(`${MILJO}#Priority areas`)], fact: /vehicles|IT and communications/ },
  { q: 'Who takes part in setting environmental requirements in environment-priority procurements?', expected: [en(`${MILJO}#Who from the environmental organisations`)], fact: /representative/ },
  { q: 'Which environmental requirements apply to chemicals?', expected: [en(`${MILJO}#Medical equipment and chemical requirements`)], fact: /REACH|chemical/i },
  { q: 'What emission requirements apply to vehicles?', expected: [en(`${MILJO}#Environmental requirements on transport`)], fact: /Euro VI/ },
  { q: 'Are suppliers allowed to use child labour?', expected: [en(`${KOD}#Child labour`)], fact: /child/i },
  { q: 'How is the code of conduct followed up?', expected: [en(`${KOD}#How is the code of conduct followed up`)], fact: /audit|follow up/ },
  { q: 'What is the purpose of the purchasing policy?', expected: [en(`${POLICY}#What is the purpose`)], fact: /goals|law/ },
  { q: "Does the purchasing policy apply to the regions' companies?", expected: [en(`${POLICY}#Who is covered`)], fact: /wholly owned/ },
  { q: 'What is my unit responsible for in a procurement?', expected: [en(`${POLICY}#What is my unit responsible for`)], fact: /commissioning unit|time|requirements/ },
  { q: 'How is the customer satisfaction index calculated?', expected: [en(`${NKI}#How is NKI calculated`)], fact: /answer − 1|mean|two steps/ },
  { q: 'What does an NKI below 40 mean?', expected: [en(`${NKI}#How should I read an NKI value`)], fact: /not acceptable/ },
  { q: 'Are my survey answers anonymous?', expected: [en(`${NKI}#Are my answers to the NKI survey anonymous`)], fact: /group level|enough/ },
  { q: 'When did the NKI measurement start?', expected: [en(`${NKI}#When did the NKI measurement start`)], fact: /1 April 2023/ },
  { q: 'Which purchasing categories does Procurement work with?', expected: [en(`${ORG}#Which purchasing categories`), en(`${ORG}#What is category management`)], fact: /medical technology|categor/ },
  { q: "Where are Procurement's offices?", expected: [en(`${ORG}#How is Procurement organised`)], fact: /Nyköping/ },
];

export const QUESTION_SET: QuestionCase[] = [...SWEDISH_QUESTIONS, ...ENGLISH_QUESTIONS];
