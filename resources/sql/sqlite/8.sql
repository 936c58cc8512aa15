-- Schema version 8: the events that projections with the Park strategy set aside (see the
-- PostgreSQL script).
CREATE TABLE IF NOT EXISTS ${schema}.projection_parked (
    name TEXT NOT NULL,
    seq_no INTEGER NOT NULL,
    transaction_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    type_name TEXT NOT NULL,
    event TEXT,
    error TEXT NOT NULL,
    parked_at TEXT NOT NULL,
    reruns INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (name, seq_no)
);
-- And the instances that run a partitioned projection (expires_at in milliseconds since 1970).
CREATE TABLE IF NOT EXISTS ${schema}.projection_member (
    name TEXT NOT NULL,
    member TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (name, member)
);
