import { TurnState } from '@microsoft/teams-ai';
import { Storage, StoreItems, TurnContext } from 'botbuilder';
import { Db } from '../db';

/** Thrown when a write carries an eTag that no longer matches: someone else wrote the item first. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict on state key ${key}`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Bot Framework state in the database, with optimistic concurrency: an item read with eTag N can only
 * be written back while the stored eTag is still N. Items written without an eTag (or "*") overwrite.
 */
export class DbStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.query<{ key: string; value: Record<string, unknown>; etag: string }>(
      'SELECT key, value, etag::text AS etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const r of rows) items[r.key] = { ...r.value, eTag: r.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) {
        const { eTag, ...value } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        if (eTag === undefined || eTag === '*' || eTag === '') {
          await tx.query(
            `INSERT INTO bot_state (key, value) VALUES ($1, $2::jsonb)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = bot_state.etag + 1, updated_at = now()`,
            [key, JSON.stringify(value)],
          );
          continue;
        }
        const updated = await tx.query(
          `UPDATE bot_state SET value = $2::jsonb, etag = etag + 1, updated_at = now() WHERE key = $1 AND etag::text = $3 RETURNING 1`,
          [key, JSON.stringify(value), eTag],
        );
        if (updated.length === 0) throw new ETagConflictError(key);
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}

/**
 * teams-ai's turn state, read from and written to storage only on the turns that keep state between turns
 * (`needsState`): no capability keeps conversation or user state today (the policy planner's history is in
 * `temp`), so a turn no longer pays a state read it never uses. A turn that needs state reads it as
 * before, and only such a turn writes it back; the others get empty scopes that live for the turn.
 */
export class TurnStateOnDemand extends TurnState {
  private stored = false;

  constructor(private readonly needsState: (context: TurnContext) => boolean) {
    super();
  }

  override load(context: TurnContext, storage?: Storage): Promise<boolean> {
    this.stored = storage !== undefined && this.needsState(context);
    return super.load(context, this.stored ? storage : undefined);
  }

  override save(context: TurnContext, storage?: Storage): Promise<void> {
    return super.save(context, this.stored ? storage : undefined);
  }
}
