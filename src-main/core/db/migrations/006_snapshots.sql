-- Report snapshots (issue #7): a named capture of a dashboard with the API responses behind
-- it (JSON), so it reopens as it was after the data changed; and capture schedules.
CREATE TABLE report_snapshots (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  report TEXT NOT NULL,
  params TEXT NOT NULL,
  timezone TEXT NOT NULL,
  captured_at INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  responses TEXT NOT NULL
);
CREATE INDEX report_snapshots_by_time ON report_snapshots (captured_at);

CREATE TABLE snapshot_schedules (
  id INTEGER PRIMARY KEY,
  report TEXT NOT NULL,
  params TEXT NOT NULL,
  schedule TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_run_at INTEGER
);
