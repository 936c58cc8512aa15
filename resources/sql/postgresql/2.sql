-- Schema version 2: projection state that other processes (the inspector, eventedctl) read.
ALTER TABLE ${schema}.projection
    ADD COLUMN IF NOT EXISTS transaction_id xid8,
    ADD COLUMN IF NOT EXISTS status text,
    ADD COLUMN IF NOT EXISTS error text,
    ADD COLUMN IF NOT EXISTS error_seq_no bigint,
    ADD COLUMN IF NOT EXISTS waiting_on_pid integer,
    ADD COLUMN IF NOT EXISTS waiting_since timestamptz,
    ADD COLUMN IF NOT EXISTS owner text,
    ADD COLUMN IF NOT EXISTS updated_at timestamptz;
