-- Schema version 6: the lease of each projection's one active instance. A table of its own, so
-- that evented's tables keep their meaning: the owner, a fencing token that grows with every
-- takeover, and an expiry that heartbeats renew. No session state is needed, so it works through
-- a transaction-mode pooler.
CREATE TABLE IF NOT EXISTS ${schema}.projection_lease (
    name text PRIMARY KEY,
    owner text NOT NULL,
    token bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    taken_at timestamptz
);
