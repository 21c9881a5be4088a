-- The audit ledger. An audited action inserts its entry into audit_events inside its own transaction, as before,
-- now with the fields auditors asked for. One chainer at a time (elected by an advisory lock) then gives committed
-- entries a gap-free ledger sequence and a hash chained over the previous one, in batches, in audit_chain; signed
-- checkpoints of the chain go to audit_checkpoints. All three tables are append-only for everyone.
ALTER TABLE audit_events
    ADD COLUMN source_time timestamptz,
    ADD COLUMN clock_skewed boolean NOT NULL DEFAULT false,
    ADD COLUMN role text,
    ADD COLUMN purpose text,
    ADD COLUMN decision text CHECK (decision IN ('allow', 'deny')),
    ADD COLUMN session_id text,
    -- The writing transaction: the chainer scans only transactions at or after the oldest one that was still
    -- running when it last caught up, instead of the whole table.
    ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX audit_events_txid ON audit_events (txid);

CREATE TABLE audit_chain (
    ledger_sequence bigint PRIMARY KEY CHECK (ledger_sequence > 0),
    event_id bigint NOT NULL UNIQUE REFERENCES audit_events (sequence),
    -- SHA-256 of the entry's canonical encoding, and the chain hash over the previous hash and that digest.
    digest bytea NOT NULL CHECK (length(digest) = 32),
    hash bytea NOT NULL CHECK (length(hash) = 32),
    -- The oldest transaction id that could still add entries when this batch was chained.
    watermark xid8 NOT NULL
);

CREATE TABLE audit_checkpoints (
    ledger_sequence bigint PRIMARY KEY REFERENCES audit_chain (ledger_sequence),
    hash bytea NOT NULL,
    time timestamptz NOT NULL DEFAULT clock_timestamp(),
    signature bytea NOT NULL CHECK (length(signature) = 64),
    public_key bytea NOT NULL CHECK (length(public_key) = 32)
);

CREATE TRIGGER audit_chain_append_only
    BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_chain_no_truncate
    BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_checkpoints_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_checkpoints_no_truncate
    BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Roles are shared by every database of a cluster, so another database's migration may have made them already
-- (or be making them right now).
DO $$
BEGIN
    CREATE ROLE haven_runtime NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;

DO $$
BEGIN
    CREATE ROLE haven_auditor NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;

-- Haven's runtime may add to the ledger and read it, nothing more; auditors may only read it.
REVOKE ALL ON audit_events, audit_chain, audit_checkpoints FROM PUBLIC;
GRANT SELECT, INSERT ON audit_events, audit_chain, audit_checkpoints TO haven_runtime;
GRANT USAGE ON SEQUENCE audit_events_sequence_seq TO haven_runtime;
GRANT SELECT ON audit_events, audit_chain, audit_checkpoints TO haven_auditor;
