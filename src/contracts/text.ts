// Text folding and cleaning are kernel functions (src/core/text.ts); contracts' own files import them from here.
export { cleanInput, foldText } from '../core/text';
