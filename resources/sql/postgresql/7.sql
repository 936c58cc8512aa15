-- Schema version 7: a running digest of the events each projection has passed, stored with its
-- position (nullable: a position written without one has none), and checkpoints of it every
-- 10,000 events, so that a check can name the range where it differs.
ALTER TABLE ${schema}.projection
    ADD COLUMN IF NOT EXISTS digest bigint,
    ADD COLUMN IF NOT EXISTS digest_events bigint;
CREATE TABLE IF NOT EXISTS ${schema}.projection_checkpoint (
    name text NOT NULL,
    transaction_id xid8 NOT NULL,
    seq_no bigint NOT NULL,
    digest bigint NOT NULL,
    events bigint NOT NULL,
    PRIMARY KEY (name, transaction_id, seq_no)
);
