-- The entities of DATA.md. Timestamps are INTEGER epoch milliseconds (UTC):
-- compact, fast to compare, and bucketed by day in any timezone by the
-- analytics modules. No SQL foreign keys: the importer checks references
-- itself (with file:line:column messages), and bookings.event_id may dangle.

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE rooms (
  id INTEGER PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  display_name TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE recordings (
  id INTEGER PRIMARY KEY NOT NULL,
  room_id INTEGER NOT NULL,
  duration INTEGER NOT NULL CHECK (duration >= 0),
  created_at INTEGER NOT NULL
);

CREATE TABLE booking_pages (
  id INTEGER PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  title TEXT NOT NULL,
  slug TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE contact_events (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  contact_id TEXT,
  visitor_id TEXT,
  event_type TEXT NOT NULL,
  room_id INTEGER,
  booking_page_id INTEGER,
  utm_source TEXT,
  utm_medium TEXT,
  utm_campaign TEXT,
  created_at INTEGER NOT NULL
);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED')),
  created_at INTEGER NOT NULL
);

CREATE TABLE enrollments (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'EXITED')),
  enrolled_at INTEGER NOT NULL,
  completed_at INTEGER
);

CREATE TABLE ab_tests (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE ab_variants (
  id TEXT PRIMARY KEY NOT NULL,
  ab_test_id TEXT NOT NULL,
  name TEXT NOT NULL
);

CREATE TABLE messages (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  campaign_id TEXT,
  contact_id TEXT,
  variant_id TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PUSH', 'IN_APP', 'WEBHOOK')),
  status TEXT NOT NULL
    CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'BOUNCED', 'FAILED')),
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  delivered_at INTEGER,
  opened_at INTEGER,
  clicked_at INTEGER
);

CREATE TABLE organisations (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  domain_handle TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE spaces (
  id TEXT PRIMARY KEY NOT NULL,
  organisation_id TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY NOT NULL,
  space_id TEXT NOT NULL,
  run_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'failed')),
  created_at INTEGER NOT NULL
);

CREATE TABLE calls (
  id TEXT PRIMARY KEY NOT NULL,
  space_id TEXT NOT NULL,
  task_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'not_connected', 'in_progress')),
  outcome TEXT,
  duration_seconds REAL CHECK (duration_seconds >= 0),
  success_score REAL,
  created_at INTEGER NOT NULL
);

CREATE TABLE hosts (
  id INTEGER PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  email TEXT
);

CREATE TABLE calendar_events (
  id INTEGER PRIMARY KEY NOT NULL,
  host_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  duration_minutes INTEGER
);

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY NOT NULL,
  event_id INTEGER,
  host_id INTEGER,
  group_id TEXT,
  status TEXT NOT NULL
    CHECK (status IN ('scheduled', 'completed', 'cancelled', 'pending', 'rejected', 'no_show')),
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE booking_activities (
  id INTEGER PRIMARY KEY NOT NULL,
  booking_id INTEGER,
  parent_id INTEGER,
  created_by INTEGER,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
