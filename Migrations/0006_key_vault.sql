-- The key vault: per-project secrets with versions, each version sealed under its own data key, and the secrets
-- each job declared. Values are never stored in clear; `sealed_value` and `wrapped_key` are AES-256-GCM boxes.
CREATE TABLE secrets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    state text NOT NULL CHECK (state IN ('active', 'disabled', 'deleted')),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    -- A deleted secret may be recovered until this time, and purged only after it.
    purge_after timestamptz,
    UNIQUE (project_id, name)
);

CREATE TABLE secret_versions (
    secret_id uuid NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version > 0),
    sealed_value bytea NOT NULL,
    wrapped_key bytea NOT NULL,
    -- The first 16 hex digits of the SHA-256 of the key-encryption key that wrapped `wrapped_key`.
    kek_id text NOT NULL CHECK (kek_id ~ '^[0-9a-f]{16}$'),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Set on older versions by a rotation: they stay readable until then.
    readable_until timestamptz,
    PRIMARY KEY (secret_id, version)
);

CREATE INDEX secret_versions_kek ON secret_versions (kek_id);

CREATE TABLE job_secrets (
    job_id uuid NOT NULL REFERENCES jobs (id),
    secret_id uuid NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    name text NOT NULL,
    delivery text NOT NULL CHECK (delivery IN ('file', 'environment')),
    PRIMARY KEY (job_id, secret_id)
);
