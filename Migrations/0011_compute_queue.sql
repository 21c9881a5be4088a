-- Compute: the full job lifecycle (admission, stalls, time limits, lost nodes), attempts of a job, submission
-- idempotency, and a placement queue built to keep its speed under load.
ALTER TABLE node_pools DROP CONSTRAINT node_pools_driver_check;
ALTER TABLE node_pools ADD CONSTRAINT node_pools_driver_check CHECK (driver IN ('local', 'agent', 'slurm'));

ALTER TABLE jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_state_check CHECK (state IN (
    'queued', 'admitted', 'placed', 'running', 'stalled', 'succeeded', 'failed', 'cancelled', 'timed_out', 'lost'));
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('train', 'infer', 'evaluate', 'session'));

ALTER TABLE jobs
    ADD COLUMN attempt integer NOT NULL DEFAULT 1 CHECK (attempt > 0),
    ADD COLUMN retries_used integer NOT NULL DEFAULT 0 CHECK (retries_used >= 0),
    ADD COLUMN max_retries integer NOT NULL DEFAULT 2 CHECK (max_retries >= 0),
    ADD COLUMN gpus integer NOT NULL DEFAULT 0 CHECK (gpus >= 0),
    ADD COLUMN time_limit_hours double precision CHECK (time_limit_hours > 0),
    ADD COLUMN idempotency_key text,
    -- The last report or heartbeat of the runner; a running job silent for longer than the stall timeout stalls.
    ADD COLUMN last_report_at timestamptz;

-- A retried submission with the same key finds the first job instead of making a second one.
CREATE UNIQUE INDEX jobs_idempotency ON jobs (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The queue is job_queue now. With no index on `state`, a job's state changes are HOT updates, and the half of
-- each page left free keeps a job's next versions on the same page.
DROP INDEX jobs_queued;
ALTER TABLE jobs SET (fillfactor = 50);

-- Attempts waiting for a node: narrow rows, inserted on submission or requeue and deleted by the claim that
-- places them. Claimers scan from a watermark of the last sequence they took, so the index entries of rows
-- already claimed (dead until vacuum) are not visited again; vacuum runs early and without throttling.
CREATE TABLE job_queue (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_id uuid NOT NULL,
    job_id uuid NOT NULL,
    attempt integer NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp()
) WITH (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0
);

CREATE INDEX job_queue_pool ON job_queue (pool_id, sequence);

-- Every placement of a job: one row per attempt. The primary key is what makes a second placement of the same
-- attempt impossible, whichever replica tries it. No foreign keys: only the claim inserts rows, for jobs it has
-- just updated, and a key check would take a share lock on the one pool row that every claim references.
CREATE TABLE job_attempts (
    job_id uuid NOT NULL,
    attempt integer NOT NULL CHECK (attempt > 0),
    pool_id uuid NOT NULL,
    placed_by text NOT NULL,
    node text,
    gpus integer NOT NULL DEFAULT 0,
    enqueued_at timestamptz NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_at timestamptz,
    ended_at timestamptz,
    outcome text CHECK (outcome IN ('succeeded', 'failed', 'cancelled', 'timed_out', 'lost', 'preempted', 'requeued')),
    PRIMARY KEY (job_id, attempt)
) WITH (fillfactor = 80);

-- Live attempts per pool, kept by the claim and by attempt ends, so that a claim learns a pool's free room from
-- one row instead of counting attempts. The row is in no index but its key, so its updates are HOT.
CREATE TABLE pool_load (
    pool_id uuid PRIMARY KEY REFERENCES node_pools (id),
    live integer NOT NULL DEFAULT 0 CHECK (live >= 0)
) WITH (fillfactor = 50);

-- Attempts already on a node before this migration get their row, so that their end frees their room.
INSERT INTO job_attempts (job_id, attempt, pool_id, placed_by, enqueued_at, placed_at, started_at)
SELECT id, 1, pool_id, 'migration', submitted_at, submitted_at, started_at FROM jobs WHERE state IN ('placed', 'running');

INSERT INTO pool_load (pool_id, live)
SELECT n.id, (SELECT count(*) FROM jobs j WHERE j.pool_id = n.id AND j.state IN ('placed', 'running'))
FROM node_pools n;

-- Jobs already queued before this migration join the new queue as their first attempt, admitted.
INSERT INTO job_queue (pool_id, job_id, attempt, enqueued_at)
SELECT pool_id, id, 1, submitted_at FROM jobs WHERE state = 'queued' ORDER BY submitted_at;
UPDATE jobs SET state = 'admitted' WHERE state = 'queued';

-- Every new pool starts with an empty load row.
CREATE FUNCTION pool_load_for_new_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Attempts already on a node before this migration get their row, so that their end frees their room.
INSERT INTO job_attempts (job_id, attempt, pool_id, placed_by, enqueued_at, placed_at, started_at)
SELECT id, 1, pool_id, 'migration', submitted_at, submitted_at, started_at FROM jobs WHERE state IN ('placed', 'running');

INSERT INTO pool_load (pool_id, live) VALUES (NEW.id, 0);
    RETURN NEW;
END;
$$;

CREATE TRIGGER node_pools_load AFTER INSERT ON node_pools FOR EACH ROW EXECUTE FUNCTION pool_load_for_new_pool();

-- Agent nodes: a single-use join token (stored as a hash) lets a machine join a pool once; the node then proves
-- itself with a credential of its own (also a hash here). A node silent past its lease is marked lost.
CREATE TABLE node_join_tokens (
    token_hash text PRIMARY KEY,
    pool_id uuid NOT NULL REFERENCES node_pools (id),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

CREATE TABLE nodes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pool_id uuid NOT NULL REFERENCES node_pools (id),
    name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9.-]{0,62}$'),
    credential_hash text NOT NULL UNIQUE,
    state text NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'lost')),
    lease_seconds double precision NOT NULL CHECK (lease_seconds > 0),
    gpus jsonb NOT NULL DEFAULT '[]',
    load double precision NOT NULL DEFAULT 0,
    joined_at timestamptz NOT NULL DEFAULT now(),
    last_heartbeat timestamptz NOT NULL DEFAULT clock_timestamp()
) WITH (fillfactor = 70);

CREATE INDEX job_attempts_live_node ON job_attempts (node) WHERE ended_at IS NULL;

-- Where an attempt runs outside Haven: the Slurm job id and its restart count when the attempt began, and the
-- devices the runner saw (CUDA_VISIBLE_DEVICES, SLURM_JOB_GPUS), as it reported them on start.
ALTER TABLE job_attempts
    ADD COLUMN external_id bigint,
    ADD COLUMN external_restarts integer NOT NULL DEFAULT 0,
    ADD COLUMN devices text;

-- The Slurm partition a `slurm` pool's jobs go to; the cluster's default when null.
ALTER TABLE node_pools ADD COLUMN slurm_partition text;
