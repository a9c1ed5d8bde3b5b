import { CommandSpec } from '../core/commands';
import { isCalculatorQuestion } from './calculator';
import { isQuestion } from './intent';

/** "Policyfråga" (from the command menu) before the question, with what may separate them. */
export const QUESTION_PREFIX = /^(policy\s*fr[aå]ga|policy\s+question)\s*[:,.!?-]?\s*/i;
/** "Fråga en inköpare" before a question for the officers. */
export const ASK_PREFIX = /^(fr[aå]ga\s+en\s+ink[oö]pare|ask\s+a\s+(procurement\s+)?officer)\s*[:,-]?\s*/i;

/** Policy guidance in chat. */
export const POLICY_COMMANDS: readonly CommandSpec[] = [
  { id: 'policy.question', pattern: /^(policy\s*fr[aå]ga|policy\s+question)(?:\s*[:,.!?-])?(?:\s.*)?$/i, scopes: ['personal', 'groupChat'], help: true },
  { id: 'policy.ask', pattern: /^(fr[aå]ga\s+en\s+ink[oö]pare|ask\s+a\s+(procurement\s+)?officer)\b/i, scopes: [], help: true },
  { id: 'policy.kb', pattern: /^(kunskapsbank(en)?\s+f[oö]rslag|kb[- ]f[oö]rslag|knowledge\s+base\s+suggestions)\s*$/i, scopes: ['team'], officersOnly: true, help: true },
  // Officers' answers published to the knowledge base: the list (with a withdraw button each), and withdrawing by number.
  {
    id: 'policy.published',
    pattern: /^(kunskapsbank(en)?\s+publicerat?|publicerade\s+svar|published\s+answers|knowledge\s+base\s+published)\s*[.!]?$/i,
    scopes: ['team'],
    officersOnly: true,
    help: true,
  },
  { id: 'policy.withdraw', pattern: /^(dra\s+tillbaka|withdraw)\s+KB-\d{1,9}\s*[.!]?$/i, scopes: [], officersOnly: true, help: true },
  // After the catalogue: a question about rules, an amount for the calculator, or a buying question that
  // also asks what policy says ("får jag köpa kaffe utanför avtalet?").
  {
    id: 'policy.free-question',
    pattern: (t) => isQuestion(t) || isCalculatorQuestion(t),
    scopes: [],
    fallback: 20,
    reads: (r) => r.intent === 'policy' || r.intent === 'amount' || r.policyToo,
  },
];
