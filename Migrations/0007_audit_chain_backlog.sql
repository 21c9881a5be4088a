-- The chainer's resume point after a pass that took a full batch. Such a pass leaves committed entries behind,
-- and before this column the next pass had to scan from the old watermark again. Now it records where it
-- stopped: entries still unchained are those of transactions at or after `watermark` (the oldest one running
-- when it looked), or of transactions at or after `backlog_watermark` with an entry sequence above
-- `backlog_after` (the last one it took). Both are null when the pass took every entry it could see.
ALTER TABLE audit_chain
    ADD COLUMN backlog_watermark xid8,
    ADD COLUMN backlog_after bigint;

-- A chained entry's row in audit_events can never go away (both tables refuse update, delete and truncate), so
-- the foreign key's check bought nothing, and it cost a row lock on the entry, written into the very pages the
-- writers were filling, for every entry chained.
ALTER TABLE audit_chain DROP CONSTRAINT IF EXISTS audit_chain_event_id_fkey;
