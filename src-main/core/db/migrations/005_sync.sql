-- Remote sync (issue #6).
--
-- Change order: every write of a record stamps it with the next value of sync_clock (one value
-- per import, demo or sync page, all in that write's transaction), so another console can pull
-- "what changed after (sync_seq, rowid)" page by page through its index; an update moves a
-- record to the end of that order, so a reader that already passed it sees it again.
CREATE TABLE sync_clock (value INTEGER NOT NULL);
INSERT INTO sync_clock (value) VALUES (0);

ALTER TABLE workspaces ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX workspaces_by_sync_seq ON workspaces (sync_seq);
ALTER TABLE contacts ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contacts_by_sync_seq ON contacts (sync_seq);
ALTER TABLE rooms ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX rooms_by_sync_seq ON rooms (sync_seq);
ALTER TABLE recordings ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX recordings_by_sync_seq ON recordings (sync_seq);
ALTER TABLE booking_pages ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX booking_pages_by_sync_seq ON booking_pages (sync_seq);
ALTER TABLE contact_events ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX contact_events_by_sync_seq ON contact_events (sync_seq);
ALTER TABLE campaigns ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX campaigns_by_sync_seq ON campaigns (sync_seq);
ALTER TABLE enrollments ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX enrollments_by_sync_seq ON enrollments (sync_seq);
ALTER TABLE ab_tests ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ab_tests_by_sync_seq ON ab_tests (sync_seq);
ALTER TABLE ab_variants ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ab_variants_by_sync_seq ON ab_variants (sync_seq);
ALTER TABLE messages ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_by_sync_seq ON messages (sync_seq);
ALTER TABLE organisations ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX organisations_by_sync_seq ON organisations (sync_seq);
ALTER TABLE spaces ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX spaces_by_sync_seq ON spaces (sync_seq);
ALTER TABLE tasks ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tasks_by_sync_seq ON tasks (sync_seq);
ALTER TABLE calls ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_by_sync_seq ON calls (sync_seq);
ALTER TABLE hosts ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX hosts_by_sync_seq ON hosts (sync_seq);
ALTER TABLE calendar_events ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calendar_events_by_sync_seq ON calendar_events (sync_seq);
ALTER TABLE bookings ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bookings_by_sync_seq ON bookings (sync_seq);
ALTER TABLE booking_activities ADD COLUMN sync_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX booking_activities_by_sync_seq ON booking_activities (sync_seq);

-- Sources: config is JSON without secrets; secrets is the sealed JSON of the secret values
-- (AES-256-GCM under a key kept outside the database, see core/sync/secrets.ts).
CREATE TABLE sync_sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  config TEXT NOT NULL,
  secrets TEXT,
  schedule TEXT NOT NULL DEFAULT 'manual',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Where a source stands, written in the same transaction as the records it covers.
CREATE TABLE sync_checkpoints (
  source_id INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (source_id, key)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,
  trigger TEXT NOT NULL,
  state TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  pages INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  snapshots INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX sync_runs_by_source ON sync_runs (source_id, started_at);

-- Product API snapshots: each documented analytics response as fetched, with its time.
CREATE TABLE remote_snapshots (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,
  run_id INTEGER,
  endpoint TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX remote_snapshots_by_endpoint ON remote_snapshots (source_id, endpoint, fetched_at);
