-- Governance: policy versions and the active one, project lifecycle, dataset classification, groups, token scopes.

-- Every applied policy is kept: who applied it, when, the SHA-256 of its files, and the files themselves.
CREATE TABLE policy_versions (
    version integer PRIMARY KEY,
    content_hash text NOT NULL,
    files jsonb NOT NULL,
    applied_by uuid NOT NULL REFERENCES users (id),
    applied_at timestamptz NOT NULL DEFAULT now(),
    -- The version this one restored, when it was made by a rollback.
    restores integer REFERENCES policy_versions (version)
);

-- One row: the version in force. No row means Haven's built-in policy (the files shipped in Policies/).
CREATE TABLE policy_active (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version integer NOT NULL REFERENCES policy_versions (version)
);

ALTER TABLE projects
    ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('proposed', 'active', 'ended', 'archived')),
    ADD COLUMN starts_at timestamptz,
    ADD COLUMN ends_at timestamptz,
    ADD COLUMN purpose text NOT NULL DEFAULT '';

ALTER TABLE storage_endpoints ADD COLUMN classification text NOT NULL DEFAULT 'pseudonymised';

CREATE TABLE user_groups (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9._-]{0,62}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_group_members (
    group_name text NOT NULL REFERENCES user_groups (name) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (group_name, user_id)
);

CREATE INDEX user_group_members_user ON user_group_members (user_id);

-- What a token may be used for; an empty list is the user's full authority.
ALTER TABLE api_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT '{}';
