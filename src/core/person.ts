import { Locale } from '../i18n';

/** Someone who acts: their Entra object id (lower case) and display name. */
export interface Person {
  aadId: string;
  name: string;
}

/** Who asks in a turn, as plain code sees it: their language, and the person (which throws when the turn does not say). */
export interface Caller {
  locale: Locale;
  person(): Person;
}
