-- Schema version 5: correlation and causation of each event, and the commands handled with an id.
ALTER TABLE ${schema}.event ADD COLUMN correlation_id TEXT;
ALTER TABLE ${schema}.event ADD COLUMN causation_id TEXT;
CREATE TABLE IF NOT EXISTS ${schema}.command (
    command_id TEXT PRIMARY KEY,
    type_name TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    seq_nos TEXT NOT NULL,
    handled_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS ${schema}.command_handled_at_idx ON command (handled_at);
