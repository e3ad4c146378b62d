-- Tallies kept as they change (issue #16): per (consultation, round, item, voting unit) the heads,
-- exclusive area and dwellings by choice, with the owner grouping of REFERENCE §8, maintained by the
-- ballot's own transaction (service/consultation Cast applies the change of the owner's head as a
-- delta). The tally reads these rows instead of recounting every ballot. docs/storage.md
-- "Maintained consultation tallies" explains how they are kept equal to a full recount.
--
-- round 0 holds the register-derived rows (bucket 'eligible'); rounds ≥ 1 the ballot-derived ones
-- (agree | disagree | abstain, and 'conflict': heads whose dwellings hold different choices).
-- building_id 0 is the item's whole voting unit; another value that building's share of it; item_id
-- 0 (eligible only) lists the buildings that hold dwellings, for the per-building view.
CREATE TABLE consultation_tally (
  consultation_id BIGINT NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  round           INTEGER NOT NULL,
  item_id         BIGINT NOT NULL,
  building_id     BIGINT NOT NULL,
  bucket          TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  heads           BIGINT NOT NULL DEFAULT 0,
  area_dm2        BIGINT NOT NULL DEFAULT 0,
  dwellings       BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (consultation_id, round, item_id, building_id, bucket)
);
CREATE INDEX consultation_tally_region ON consultation_tally (region_code);

-- A consultation's rows are valid while its state row exists and names the headcount reading the
-- server counts with. Any change to the register that can move a head, an area or a unit (dwellings
-- added, removed, moved, re-measured or re-sold; owners linked or unlinked) deletes the state rows of
-- the estate's consultations: their tallies fall back to the full recount until the next ballot (or
-- round) rebuilds them. Existing databases start with no state rows, so every consultation is
-- recounted (exactly as before) until it is rebuilt.
CREATE TABLE consultation_tally_state (
  consultation_id BIGINT PRIMARY KEY REFERENCES consultation (id) ON DELETE CASCADE,
  estate_id       BIGINT NOT NULL,
  region_code     TEXT NOT NULL,
  reading         TEXT NOT NULL,   -- literal | transitive (core/register/headcount.hpp)
  built_at        TEXT NOT NULL
);
CREATE INDEX consultation_tally_state_estate ON consultation_tally_state (estate_id);
CREATE INDEX consultation_tally_state_region ON consultation_tally_state (region_code);

-- @dialect sqlite
CREATE TRIGGER consultation_tally_dwelling_ins AFTER INSERT ON dwelling
BEGIN DELETE FROM consultation_tally_state WHERE estate_id = NEW.estate_id; END;
CREATE TRIGGER consultation_tally_dwelling_del AFTER DELETE ON dwelling
BEGIN DELETE FROM consultation_tally_state WHERE estate_id = OLD.estate_id; END;
CREATE TRIGGER consultation_tally_dwelling_upd
AFTER UPDATE OF estate_id, building_id, stairwell, exclusive_area_dm2, sale_status ON dwelling
-- An UPDATE that writes every column (DwellingRepository::Update) names these columns even when it
-- only renames a room: compare the values.
WHEN OLD.estate_id IS NOT NEW.estate_id OR OLD.building_id IS NOT NEW.building_id OR OLD.stairwell IS NOT NEW.stairwell
  OR OLD.exclusive_area_dm2 IS NOT NEW.exclusive_area_dm2 OR OLD.sale_status IS NOT NEW.sale_status
BEGIN DELETE FROM consultation_tally_state WHERE estate_id IN (OLD.estate_id, NEW.estate_id); END;
CREATE TRIGGER consultation_tally_owner_ins AFTER INSERT ON dwelling_owner
BEGIN DELETE FROM consultation_tally_state WHERE estate_id = NEW.estate_id; END;
CREATE TRIGGER consultation_tally_owner_del AFTER DELETE ON dwelling_owner
BEGIN DELETE FROM consultation_tally_state WHERE estate_id = OLD.estate_id; END;
CREATE TRIGGER consultation_tally_owner_upd AFTER UPDATE ON dwelling_owner
BEGIN DELETE FROM consultation_tally_state WHERE estate_id IN (OLD.estate_id, NEW.estate_id); END;
-- @dialect postgres
-- Statement triggers with transition tables: a COPY of many rows costs one DELETE, not one per row.
CREATE FUNCTION consultation_tally_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    DELETE FROM consultation_tally_state WHERE estate_id IN (SELECT DISTINCT estate_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM consultation_tally_state WHERE estate_id IN (SELECT DISTINCT estate_id FROM old_rows);
  ELSE
    DELETE FROM consultation_tally_state WHERE estate_id IN (
      SELECT estate_id FROM old_rows UNION SELECT estate_id FROM new_rows);
  END IF;
  RETURN NULL;
END $$;
-- Dwellings: only the columns a tally reads make a change (an edited room name does not).
CREATE FUNCTION consultation_tally_dwelling_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM consultation_tally_state WHERE estate_id IN (
    SELECT o.estate_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.estate_id, o.building_id, o.stairwell, o.exclusive_area_dm2, o.sale_status)
          IS DISTINCT FROM (n.estate_id, n.building_id, n.stairwell, n.exclusive_area_dm2, n.sale_status)
    UNION
    SELECT n.estate_id FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.estate_id, o.building_id, o.stairwell, o.exclusive_area_dm2, o.sale_status)
          IS DISTINCT FROM (n.estate_id, n.building_id, n.stairwell, n.exclusive_area_dm2, n.sale_status));
  RETURN NULL;
END $$;
CREATE TRIGGER consultation_tally_dwelling_ins AFTER INSERT ON dwelling
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_stale();
CREATE TRIGGER consultation_tally_dwelling_del AFTER DELETE ON dwelling
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_stale();
CREATE TRIGGER consultation_tally_dwelling_upd AFTER UPDATE ON dwelling
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_dwelling_upd();
CREATE TRIGGER consultation_tally_owner_ins AFTER INSERT ON dwelling_owner
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_stale();
CREATE TRIGGER consultation_tally_owner_del AFTER DELETE ON dwelling_owner
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_stale();
CREATE TRIGGER consultation_tally_owner_upd AFTER UPDATE ON dwelling_owner
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION consultation_tally_stale();
-- @dialect all

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('consultation_tally', 'consultation', '表决计票汇总（随投票维护）', 'maintained consultation tally'),
  ('consultation_tally_state', 'consultation', '表决计票汇总状态', 'maintained consultation tally state');
