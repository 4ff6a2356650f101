/**
 * Reconstructed events a curator removed from an incident's timeline, so that saving the
 * reconstruction again does not bring them back. One row per merge key of a removed entry (its
 * instant and text, and each evidence line it cites), stored as a SHA-256 so that a 10,000-character
 * event fits an index on both databases.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('timeline_dismissals')
    .addColumn('incident_id', 'varchar(32)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('key_sha256', 'varchar(64)', (c) => c.notNull())
    /** The id the entry had when it was removed (T17), for the curator who wonders where it went. */
    .addColumn('entry_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('removed_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('removed_by', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('timeline_dismissals_pk', ['incident_id', 'key_sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('timeline_dismissals').execute();
}
