import { Db } from '../db';

/**
 * Who is a procurement officer: the Entra object ids in PROCUREMENT_OFFICERS, and the members of the
 * team whose channel was registered to receive needs (kept in the database, refreshed on changes).
 */
export function createOfficerDirectory(db: Db, configured: readonly string[]) {
  const fixed = new Set(configured.map((id) => id.toLowerCase()));
  return {
    async isOfficer(aadId: string | undefined): Promise<boolean> {
      if (!aadId) return false;
      const id = aadId.toLowerCase();
      if (fixed.has(id)) return true;
      const rows = await db.query('SELECT 1 FROM officer_team_members WHERE aad_object_id = $1', [id]);
      return rows.length > 0;
    },

    /** Replaces the member list of the officers' team. */
    async setTeamMembers(teamId: string, members: { aadObjectId: string; name: string }[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM officer_team_members');
        for (const m of members) {
          await tx.query(
            `INSERT INTO officer_team_members (aad_object_id, name, team_id) VALUES ($1, $2, $3)
             ON CONFLICT (aad_object_id) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id, updated_at = now()`,
            [m.aadObjectId.toLowerCase(), m.name, teamId],
          );
        }
      });
    },

    async addMembers(teamId: string, members: { aadObjectId: string; name: string }[]): Promise<void> {
      for (const m of members) {
        await db.query(
          `INSERT INTO officer_team_members (aad_object_id, name, team_id) VALUES ($1, $2, $3)
           ON CONFLICT (aad_object_id) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id, updated_at = now()`,
          [m.aadObjectId.toLowerCase(), m.name, teamId],
        );
      }
    },

    /** Members who left the team `teamId`; membership of the officers' team comes from that team only. */
    async removeMembers(aadObjectIds: string[], teamId: string): Promise<void> {
      if (aadObjectIds.length === 0) return;
      await db.query('DELETE FROM officer_team_members WHERE aad_object_id = ANY($1::text[]) AND team_id = $2', [aadObjectIds.map((a) => a.toLowerCase()), teamId]);
    },

    /** Configured officers plus team members (for card refresh lists), at most 60 as Teams allows. */
    async refreshList(): Promise<string[]> {
      const rows = await db.query<{ aad_object_id: string }>('SELECT aad_object_id FROM officer_team_members ORDER BY aad_object_id LIMIT 60');
      return [...new Set([...fixed, ...rows.map((r) => r.aad_object_id)])].slice(0, 60);
    },

    /** True when teamId is the registered officers' team (its members are in the directory). */
    async isOfficersTeam(teamId: string): Promise<boolean> {
      const rows = await db.query('SELECT 1 FROM officer_team_members WHERE team_id = $1 LIMIT 1', [teamId]);
      return rows.length > 0;
    },

    hasConfigured(): boolean {
      return fixed.size > 0;
    },
  };
}

export type OfficerDirectory = ReturnType<typeof createOfficerDirectory>;
