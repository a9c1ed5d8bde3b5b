import { foldText } from '../util/text';

/**
 * Without a model: is this message a question (→ policy guidance) or a thing to buy (→ contract search)?
 * Questions end with "?" or start with a question word or a modal ("får jag", "måste", "hur").
 */
const QUESTION_START =
  /^(vad|vem|vems|hur|nar|var|varfor|vilken|vilket|vilka|far|maste|kan|ska|skall|behover|galler|finns|ar|what|who|whose|how|when|where|why|which|may|can|must|should|do|does|is|are)\b/;
const QUESTION_ANYWHERE = /\b(far jag|far vi|maste jag|maste vi|behover jag|ska jag|kan jag|hur gor|may i|can i|do i|must i)\b/;

export function isQuestion(text: string): boolean {
  const t = text.trim();
  if (t.endsWith('?')) return true;
  const f = foldText(t);
  return QUESTION_START.test(f) || QUESTION_ANYWHERE.test(f);
}
