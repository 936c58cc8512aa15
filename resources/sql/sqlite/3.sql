-- Schema version 3: no index on (type_name, seq_no). Every append paid for it; only reading
-- the log of one type used it, and that reads the seq_no order with a filter instead.
DROP INDEX IF EXISTS ${schema}.event_type_name_seq_no_idx;
