-- Schema version 5: correlation and causation of each event, and the commands handled with an
-- id, so that handling one again appends nothing. The columns are nullable: evented's inserts
-- leave them empty.
ALTER TABLE ${schema}.event ADD COLUMN IF NOT EXISTS correlation_id uuid;
ALTER TABLE ${schema}.event ADD COLUMN IF NOT EXISTS causation_id uuid;
CREATE TABLE IF NOT EXISTS ${schema}.command (
    command_id uuid PRIMARY KEY,
    type_name text NOT NULL,
    entity_id uuid NOT NULL,
    seq_nos jsonb NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS command_handled_at_idx ON ${schema}.command (handled_at);
