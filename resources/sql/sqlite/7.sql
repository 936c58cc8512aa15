-- Schema version 7: a running digest of the events each projection has passed, stored with its
-- position, and checkpoints of it every 10,000 events (see the PostgreSQL script).
ALTER TABLE ${schema}.projection ADD COLUMN digest INTEGER;
ALTER TABLE ${schema}.projection ADD COLUMN digest_events INTEGER;
CREATE TABLE IF NOT EXISTS ${schema}.projection_checkpoint (
    name TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    seq_no INTEGER NOT NULL,
    digest INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (name, transaction_id, seq_no)
);
