-- Schema version 8: the events that projections with the Park strategy set aside, one row per
-- projection and event: where it is in the commit order, what it was, and why its handler failed
-- (the event as stored, for people; a re-run reads it from the event table).
CREATE TABLE IF NOT EXISTS ${schema}.projection_parked (
    name text NOT NULL,
    seq_no bigint NOT NULL,
    transaction_id xid8 NOT NULL,
    entity_id uuid NOT NULL,
    type_name text NOT NULL,
    event jsonb,
    error text NOT NULL,
    parked_at timestamptz NOT NULL DEFAULT now(),
    reruns integer NOT NULL DEFAULT 0,
    PRIMARY KEY (name, seq_no)
);
-- And the instances that run a partitioned projection, each renewing its row while it lives:
-- they share the partitions out by their number.
CREATE TABLE IF NOT EXISTS ${schema}.projection_member (
    name text NOT NULL,
    member text NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (name, member)
);
