-- Schema version 1: the commit order of events (transaction_id) and their time, indexes for
-- catching up and for reading one type, and the record of migrations. Only additions.
ALTER TABLE ${schema}.event ADD COLUMN IF NOT EXISTS transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE ${schema}.event ADD COLUMN IF NOT EXISTS recorded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX IF NOT EXISTS event_transaction_id_seq_no_idx ON ${schema}.event (transaction_id, seq_no);
CREATE INDEX IF NOT EXISTS event_type_name_seq_no_idx ON ${schema}.event (type_name, seq_no);
CREATE TABLE IF NOT EXISTS ${schema}.evented_migrations (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
