/** Incidents, per-day id counters, the hash-chained audit log and API tokens. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('severity', 'varchar(4)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('component', 'varchar(500)')
    .addColumn('failure_type', 'varchar(500)')
    .addColumn('started_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(64)')
    .addColumn('ended_key', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(64)', (c) => c.notNull())
    .execute();
  // Lists are newest first, filtered by one or more of these columns: each index serves its filter in
  // time order, so a page stops after `limit` matches instead of sorting every match.
  await db.schema.createIndex('incidents_started_idx').on('incidents').columns(['started_key', 'id']).execute();
  const filters = ['severity', 'status', 'component', 'kind'] as const;
  for (const col of filters) {
    await db.schema.createIndex(`incidents_${col}_idx`).on('incidents').columns([col, 'started_key', 'id']).execute();
    // Counting the matches of combined filters (a list's total) from the index alone, without row lookups.
    const others = filters.filter((c) => c !== col);
    await db.schema.createIndex(`incidents_${col}_f_idx`).on('incidents').columns([col, ...others, 'started_key']).execute();
  }
  // The full record lives apart from the row that lists and filters read, keeping those rows small.
  await db.schema
    .createTable('incident_records')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
    .addColumn('record', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('id_counters')
    .addColumn('key', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(100)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject', 'varchar(100)', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['subject', 'seq']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  // Migrations see the schema as it was then, not today's Tables type, hence the untyped builder.
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(64)')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['api_tokens', 'audit_head', 'audit_log', 'id_counters', 'incident_records', 'incidents']) {
    await db.schema.dropTable(t).execute();
  }
}
