/** Evidence: snapshots, files (by reference, with size and checksum, or stored when small), URLs and alerts. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence')
    .addColumn('id', 'varchar(120)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(32)', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('size', 'bigint')
    .addColumn('sha256', 'varchar(64)')
    .addColumn('content', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_incident_idx').on('evidence').columns(['incident_id', 'created_at']).execute();
  await db.schema.createIndex('evidence_kind_idx').on('evidence').columns(['kind', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence').execute();
}
