-- The embedded store's tables: evented's columns in SQLite's types (uuid and JSON as TEXT,
-- times as ISO 8601 UTC text) as of schema version 2; the numbered scripts follow.
CREATE TABLE IF NOT EXISTS ${schema}.event (
    seq_no INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type_name TEXT NOT NULL,
    event TEXT NOT NULL,
    metadata TEXT NOT NULL,
    transaction_id INTEGER NOT NULL DEFAULT 0,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (entity_id, type_name, version)
);
CREATE TABLE IF NOT EXISTS ${schema}.projection (
    name TEXT PRIMARY KEY,
    seq_no INTEGER,
    transaction_id TEXT,
    status TEXT,
    error TEXT,
    error_seq_no INTEGER,
    waiting_on_pid INTEGER,
    waiting_since TEXT,
    owner TEXT,
    updated_at TEXT
);
CREATE TABLE IF NOT EXISTS ${schema}.evented_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
