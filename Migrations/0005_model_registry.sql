-- The model registry: model versions of a project, the evaluation reports attached to them, and the model version
-- an inference job names. Training job, dataset and source objects are free references, kept as given.
CREATE TABLE models (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    version text NOT NULL CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
    runtime text NOT NULL,
    training_job text,
    dataset text,
    source_objects text[] NOT NULL DEFAULT '{}',
    description text NOT NULL DEFAULT '',
    state text NOT NULL DEFAULT 'candidate' CHECK (state IN ('candidate', 'deployed', 'retired')),
    registered_by uuid NOT NULL REFERENCES users (id),
    registered_at timestamptz NOT NULL DEFAULT now(),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name, version)
);

CREATE TABLE model_evaluations (
    model_id uuid NOT NULL REFERENCES models (id),
    job_id uuid NOT NULL REFERENCES jobs (id),
    report_path text NOT NULL,
    attached_by uuid NOT NULL REFERENCES users (id),
    attached_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, job_id)
);

ALTER TABLE jobs ADD COLUMN model_id uuid REFERENCES models (id);
