-- Storage endpoint kinds beyond the filesystem, soft deletion of objects, and datasets.

-- Endpoints: S3-compatible buckets (and DICOM stores) beside filesystem folders. `settings` holds the kind's
-- public settings (an S3 endpoint URL, bucket, region, key prefix); credentials are sealed with the key vault's
-- envelope scheme and never leave the server.
ALTER TABLE storage_endpoints DROP CONSTRAINT storage_endpoints_kind_check;
ALTER TABLE storage_endpoints ADD CONSTRAINT storage_endpoints_kind_check
    CHECK (kind IN ('filesystem', 's3', 'dicom'));
ALTER TABLE storage_endpoints
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN sealed_credentials bytea,
    ADD COLUMN credentials_key bytea,
    ADD COLUMN credentials_kek_id text CHECK (credentials_kek_id ~ '^[0-9a-f]{16}$');

-- Objects: a deleted object disappears from listings and reads at once; its bytes stay until `purge_after`, and its
-- path stays taken until then, so an object's path never names two different contents while either is kept.
ALTER TABLE objects
    ADD COLUMN deleted_at timestamptz,
    ADD COLUMN deleted_by uuid REFERENCES users (id),
    ADD COLUMN purge_after timestamptz,
    ADD COLUMN purged_at timestamptz;

CREATE INDEX objects_purge ON objects (purge_after) WHERE deleted_at IS NOT NULL AND purged_at IS NULL;

-- Datasets: named per project; each version an immutable manifest of image/label pairs with its label schema and
-- split, written once.
CREATE TABLE datasets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES projects (id),
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

CREATE TABLE dataset_versions (
    dataset_id uuid NOT NULL REFERENCES datasets (id),
    version integer NOT NULL CHECK (version > 0),
    endpoint_id uuid NOT NULL REFERENCES storage_endpoints (id),
    -- The manifest: cases (id, image, label with their SHA-256), label schema, split and membership.
    manifest jsonb NOT NULL,
    -- The SHA-256 of the manifest's canonical JSON, so a copy can be checked against the stored version.
    manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, version)
);

CREATE FUNCTION dataset_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dataset versions are immutable: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER dataset_versions_immutable
    BEFORE UPDATE OR DELETE ON dataset_versions
    FOR EACH ROW EXECUTE FUNCTION dataset_versions_refuse_change();
