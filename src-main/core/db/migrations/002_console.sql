-- The console's own state: API tokens (stored as SHA-256 of a 256-bit random
-- secret, so a stolen database file yields no usable token) and settings.

CREATE TABLE api_tokens (
  name TEXT PRIMARY KEY NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  -- JSON arrays; both empty = full access.
  workspaces TEXT NOT NULL DEFAULT '[]',
  organisations TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
