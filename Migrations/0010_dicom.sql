-- DICOM: each project's key for new UIDs, pseudonyms and date shifts, and its de-identification policy; the
-- original-to-new UID table where the policy keeps it; and the studies brought into the project.
CREATE TABLE dicom_projects (
    project_id uuid PRIMARY KEY REFERENCES projects (id),
    -- 32 random bytes; HMAC-SHA256 under this key derives the project's UIDs, so it never leaves Haven.
    uid_key bytea NOT NULL CHECK (length(uid_key) = 32),
    policy jsonb NOT NULL DEFAULT '{"dates": "keep", "allowedPrivateTags": [], "keepUIDMap": false}',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dicom_uid_map (
    project_id uuid NOT NULL REFERENCES projects (id),
    original_uid text NOT NULL,
    new_uid text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, original_uid)
);

CREATE TABLE dicom_studies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    -- The de-identified Study Instance UID, as stored in the project's DICOM store.
    study_uid text NOT NULL,
    source text NOT NULL CHECK (source IN ('pacs', 'import')),
    purpose text,
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    instance_count integer NOT NULL CHECK (instance_count >= 0),
    -- Per series: the new Series Instance UID, the series check and the converted volume's object path.
    series jsonb NOT NULL
);

CREATE INDEX dicom_studies_project ON dicom_studies (project_id, study_uid);
