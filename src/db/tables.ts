/** Row types of every table, as Kysely sees them. JSON is stored as text on both databases. */
export interface IncidentsTable {
  id: string;
  kind: string;
  title: string;
  severity: string;
  status: string;
  component: string | null;
  failure_type: string | null;
  /** Canonical RFC 3339 with the source precision. */
  started_at: string;
  /** Fixed nine-digit form: string order is time order. */
  started_key: string;
  ended_at: string | null;
  ended_key: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IncidentRecordsTable {
  id: string;
  /** The full record content (all sections) as JSON. */
  record: string;
}

export interface IdCountersTable {
  key: string;
  last: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  source: string;
  request_id: string | null;
  action: string;
  subject: string;
  changes: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

export interface EvidenceTable {
  id: string;
  incident_id: string | null;
  /** snapshot | file | url | alert */
  kind: string;
  name: string;
  created_at: string;
  created_by: string;
  size: number | null;
  sha256: string | null;
  /** The content itself when small enough to keep; large files are kept by reference. */
  content: string | null;
  metadata: string;
}

export interface PostmortemEventsTable {
  incident_id: string;
  seq: number;
  /** submitted | approved | changes_requested | published | reopened */
  action: string;
  actor: string;
  role: string;
  at: string;
  incident_version: number;
  content_sha256: string;
  comment: string | null;
}

export interface PostmortemVersionsTable {
  incident_id: string;
  number: number;
  incident_version: number;
  content_sha256: string;
  published_at: string;
  published_by: string;
  record: string;
  markdown: string;
}

/** A merge key of a timeline entry a curator removed (see postmortem/workspace/store.ts). */
export interface TimelineDismissalsTable {
  incident_id: string;
  key_sha256: string;
  entry_id: string;
  removed_at: string;
  removed_by: string;
}

export interface Tables {
  incidents: IncidentsTable;
  incident_records: IncidentRecordsTable;
  id_counters: IdCountersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  api_tokens: ApiTokensTable;
  evidence: EvidenceTable;
  postmortem_events: PostmortemEventsTable;
  postmortem_versions: PostmortemVersionsTable;
  timeline_dismissals: TimelineDismissalsTable;
}

/**
 * Every table with its primary key, parents before the tables that reference them: the one list
 * that code which must see every table (`pfa store copy`) reads, since the `Tables` interface above
 * cannot be enumerated at run time. `satisfies` makes a table added to `Tables` and not here a type
 * error, and tables.test.ts checks the list against what the migrations create.
 * @example Object.keys(TABLES)[0] === 'incidents'
 */
export const TABLES = {
  incidents: ['id'],
  incident_records: ['id'],
  id_counters: ['key'],
  audit_log: ['seq'],
  audit_head: ['id'],
  api_tokens: ['id'],
  evidence: ['id'],
  postmortem_events: ['incident_id', 'seq'],
  postmortem_versions: ['incident_id', 'number'],
  timeline_dismissals: ['incident_id', 'key_sha256'],
} as const satisfies { [T in keyof Tables]: readonly [keyof Tables[T] & string, ...(keyof Tables[T] & string)[]] };

export type TableName = keyof typeof TABLES;

/** The table names in TABLES order (parents first). */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
