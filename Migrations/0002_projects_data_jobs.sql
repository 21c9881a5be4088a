-- Projects with members, their storage endpoints and stored objects, node pools, and jobs.
CREATE TABLE projects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    description text NOT NULL DEFAULT '',
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE project_members (
    project_id uuid NOT NULL REFERENCES projects (id),
    user_id uuid NOT NULL REFERENCES users (id),
    role text NOT NULL CHECK (role IN ('owner', 'researcher', 'data_steward', 'output_reviewer', 'auditor')),
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE storage_endpoints (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    kind text NOT NULL CHECK (kind IN ('filesystem')),
    root_path text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

CREATE TABLE objects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    endpoint_id uuid NOT NULL REFERENCES storage_endpoints (id),
    path text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    nifti jsonb,
    written_by uuid NOT NULL REFERENCES users (id),
    written_by_job uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (endpoint_id, path)
);

CREATE TABLE node_pools (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    driver text NOT NULL CHECK (driver IN ('local')),
    gpu_model text,
    gpus_per_node integer NOT NULL DEFAULT 0 CHECK (gpus_per_node >= 0),
    max_concurrent_jobs integer NOT NULL DEFAULT 1 CHECK (max_concurrent_jobs > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    endpoint_id uuid NOT NULL REFERENCES storage_endpoints (id),
    pool_id uuid NOT NULL REFERENCES node_pools (id),
    kind text NOT NULL CHECK (kind IN ('train', 'infer', 'evaluate')),
    runtime text NOT NULL,
    parameters jsonb NOT NULL DEFAULT '{}',
    inputs text[] NOT NULL,
    output_prefix text NOT NULL,
    submitted_by uuid NOT NULL REFERENCES users (id),
    state text NOT NULL CHECK (state IN ('queued', 'placed', 'running', 'succeeded', 'failed', 'cancelled')),
    progress double precision NOT NULL DEFAULT 0,
    message text NOT NULL DEFAULT '',
    device text,
    result jsonb,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    ended_at timestamptz
);

-- Queued jobs are claimed oldest first; the partial index stays small as jobs finish.
CREATE INDEX jobs_queued ON jobs (pool_id, submitted_at) WHERE state = 'queued';
CREATE INDEX jobs_project ON jobs (project_id, submitted_at);
