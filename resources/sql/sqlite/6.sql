-- Schema version 6: the lease of each projection's one active instance (expires_at in
-- milliseconds since 1970).
CREATE TABLE IF NOT EXISTS ${schema}.projection_lease (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    token INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    taken_at TEXT
);
