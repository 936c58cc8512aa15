-- evented's own tables, exactly as evented creates them. ${schema} is the quoted schema name.
CREATE TABLE IF NOT EXISTS ${schema}.event (
    seq_no bigserial PRIMARY KEY,
    entity_id uuid NOT NULL,
    version bigint NOT NULL,
    type_name text NOT NULL,
    event jsonb NOT NULL,
    metadata jsonb NOT NULL,
    UNIQUE (entity_id, type_name, version)
);
CREATE TABLE IF NOT EXISTS ${schema}.projection (name text PRIMARY KEY, seq_no bigint);
