-- The access log: one row per audited attempt, allowed or not. Rows are never changed or removed.
CREATE TABLE audit_events (
    sequence bigserial PRIMARY KEY,
    time timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL,
    on_behalf_of uuid,
    job_id uuid,
    project_id uuid,
    action text NOT NULL,
    resource text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    rule text,
    bytes bigint,
    request_id text,
    client_address text,
    detail text
);

CREATE INDEX audit_events_project ON audit_events (project_id, sequence);

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
