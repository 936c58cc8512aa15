-- Reading one entity type in order, once the tables are known to be an event store's.
CREATE INDEX IF NOT EXISTS main.event_type_name_seq_no_idx ON event (type_name, seq_no);
