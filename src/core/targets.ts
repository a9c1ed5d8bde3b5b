/** Where notices go, as keys of the stored conversation references. */

/** The officers' channel. */
export const OFFICERS_CHANNEL = 'officers-channel';

/** A person's 1:1 chat with the bot. */
export const userTarget = (aadId: string) => `user:${aadId.toLowerCase()}`;
