-- Schema version 4: the version of each event's shape, and snapshots. Both are the library's
-- own: evented never reads them, and a row it writes has no event_version (version 1).
ALTER TABLE ${schema}.event ADD COLUMN IF NOT EXISTS event_version integer;
CREATE TABLE IF NOT EXISTS ${schema}.snapshot (
    entity_id uuid NOT NULL,
    type_name text NOT NULL,
    version bigint NOT NULL,
    schema_version integer NOT NULL,
    state jsonb NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_id, type_name)
);
