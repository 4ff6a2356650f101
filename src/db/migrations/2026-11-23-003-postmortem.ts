/**
 * Post-mortem review and publication: every review step (submitted, approved, changes requested,
 * published, reopened) bound to the incident version and content it applied to, and the published
 * versions themselves, immutable.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('postmortem_events')
    .addColumn('incident_id', 'varchar(32)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('at', 'varchar(64)', (c) => c.notNull())
    .addColumn('incident_version', 'integer', (c) => c.notNull())
    /** SHA-256 of the reviewed content: the record without status and bookkeeping. */
    .addColumn('content_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('postmortem_events_pk', ['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('postmortem_versions')
    .addColumn('incident_id', 'varchar(32)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('incident_version', 'integer', (c) => c.notNull())
    .addColumn('content_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(200)', (c) => c.notNull())
    /** The full incident record as published (JSON). */
    .addColumn('record', 'text', (c) => c.notNull())
    /** The post-mortem document as published (Markdown). */
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('postmortem_versions_pk', ['incident_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('postmortem_versions').execute();
  await db.schema.dropTable('postmortem_events').execute();
}
