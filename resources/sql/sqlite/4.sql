-- Schema version 4: the version of each event's shape (null: version 1), and snapshots.
ALTER TABLE ${schema}.event ADD COLUMN event_version INTEGER;
CREATE TABLE IF NOT EXISTS ${schema}.snapshot (
    entity_id TEXT NOT NULL,
    type_name TEXT NOT NULL,
    version INTEGER NOT NULL,
    schema_version INTEGER NOT NULL,
    state TEXT NOT NULL,
    taken_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (entity_id, type_name)
);
