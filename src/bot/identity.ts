import { TurnContext } from 'botbuilder';

/** Who acts in a turn, from Teams' Entra object id: nothing else a client sends proves who they are. */
export interface Actor {
  aadId: string;
  name: string;
}

/** The activity carries no Entra object id: only public contract data may be read without one. */
export class NoIdentityError extends Error {
  constructor() {
    super('activity without an Entra object id');
    this.name = 'NoIdentityError';
  }
}

/**
 * The person behind the turn. Teams always sends `from.aadObjectId` for a signed-in user; `from.id` is a
 * channel account id that a Direct Line token holder could choose, so it never stands in for it.
 * Throws NoIdentityError, which the turn-error handler answers politely.
 */
export function person(ctx: TurnContext): Actor {
  const from = ctx.activity.from;
  const aadId = (from?.aadObjectId ?? '').trim().toLowerCase();
  if (!aadId) throw new NoIdentityError();
  return { aadId, name: from?.name ?? '' };
}
