-- Interactive GPU sessions: a job of kind `session` runs an app (Jupyter, 3D Slicer or a shell) behind a gateway
-- on its node. The session's end time is the job's placement plus its time limit, which extensions raise.
CREATE TABLE job_sessions (
    job_id uuid PRIMARY KEY REFERENCES jobs (id),
    app text NOT NULL CHECK (app IN ('jupyter', 'slicer', 'shell')),
    -- The idle limit from the policy in force when the session started.
    idle_minutes double precision NOT NULL CHECK (idle_minutes > 0),
    -- The gateway's host:port, reported by the session's runner once it listens.
    address text,
    -- The last byte through the gateway, as the runner last reported it.
    last_activity_at timestamptz,
    -- The one-time connection token (its SHA-256), handed to the requester only and used up by the first
    -- connection that presents it.
    connect_token_hash text,
    connect_token_expires_at timestamptz,
    extended_hours double precision NOT NULL DEFAULT 0 CHECK (extended_hours >= 0)
);

-- Pool creation gave every new pool its load row, but also re-inserted attempt rows of live jobs (a statement
-- left over from the migration above it), which failed whenever a job was live. Only the load row belongs here.
CREATE OR REPLACE FUNCTION pool_load_for_new_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pool_load (pool_id, live) VALUES (NEW.id, 0);
    RETURN NEW;
END;
$$;
