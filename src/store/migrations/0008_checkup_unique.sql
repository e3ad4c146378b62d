-- Check-up observations (issue #11 §2): one per (check-up, object, criterion); a second observation
-- of the same object and criterion updates the first, so totals and problem counts never double.
--
-- Rows that already doubled are merged first, keeping the latest of each group (by updated_at, then
-- id), so the unique index can be built. One statement serves both dialects: ROW_NUMBER() is in
-- SQLite since 3.25 (Debian 12 ships 3.40, and RETURNING already needs 3.35) and in PostgreSQL,
-- and the derived table has the alias PostgreSQL requires.
DELETE FROM checkup_observation WHERE id IN (
  SELECT id FROM (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY checkup_id, object_key, criterion
                                  ORDER BY updated_at DESC, id DESC) AS position
    FROM checkup_observation
  ) ranked
  WHERE position > 1
);

CREATE UNIQUE INDEX checkup_observation_object ON checkup_observation (checkup_id, object_key, criterion);
