-- Scale (issue #6): per-estate counters kept by the database itself, so that dashboard roll-ups read
-- one row per estate (220 k nationally) instead of every dwelling (39 M). Triggers keep them exact
-- on every path that writes buildings or dwellings: the API, imports, cascaded deletes, `huanxin gen`
-- and hand edits. SQLite uses row triggers; PostgreSQL statement triggers with transition tables, so
-- a COPY of a million dwellings costs one grouped UPDATE, not a million.

-- On SQLite the key is the rowid (INTEGER PRIMARY KEY), so the per-row trigger's UPDATE finds the
-- counter row directly instead of through a separate index: that trigger runs for every imported
-- dwelling.
-- @dialect sqlite
CREATE TABLE estate_stat (
  estate_id          INTEGER PRIMARY KEY REFERENCES estate (id) ON DELETE CASCADE,
  region_code        TEXT NOT NULL,
  buildings          BIGINT NOT NULL DEFAULT 0,
  dwellings          BIGINT NOT NULL DEFAULT 0,
  exclusive_area_dm2 BIGINT NOT NULL DEFAULT 0
);
-- @dialect postgres
CREATE TABLE estate_stat (
  estate_id          BIGINT PRIMARY KEY REFERENCES estate (id) ON DELETE CASCADE,
  region_code        TEXT NOT NULL,
  buildings          BIGINT NOT NULL DEFAULT 0,
  dwellings          BIGINT NOT NULL DEFAULT 0,
  exclusive_area_dm2 BIGINT NOT NULL DEFAULT 0
);
-- @dialect all
CREATE INDEX estate_stat_region ON estate_stat (region_code);

-- Owner lists by scope read the owners of a region from one index range (OwnerRepository::List).
CREATE INDEX dwelling_owner_region ON dwelling_owner (region_code, owner_id);

INSERT INTO estate_stat (estate_id, region_code, buildings, dwellings, exclusive_area_dm2)
SELECT e.id, e.region_code,
       (SELECT COUNT(*) FROM building b WHERE b.estate_id = e.id),
       (SELECT COUNT(*) FROM dwelling d WHERE d.estate_id = e.id),
       (SELECT COALESCE(SUM(d.exclusive_area_dm2), 0) FROM dwelling d WHERE d.estate_id = e.id)
FROM estate e;

-- @dialect sqlite
CREATE TRIGGER estate_stat_estate_ins AFTER INSERT ON estate
BEGIN INSERT INTO estate_stat (estate_id, region_code) VALUES (NEW.id, NEW.region_code); END;
CREATE TRIGGER estate_stat_estate_region AFTER UPDATE OF region_code ON estate
BEGIN UPDATE estate_stat SET region_code = NEW.region_code WHERE estate_id = NEW.id; END;
CREATE TRIGGER estate_stat_building_ins AFTER INSERT ON building
BEGIN UPDATE estate_stat SET buildings = buildings + 1 WHERE estate_id = NEW.estate_id; END;
CREATE TRIGGER estate_stat_building_del AFTER DELETE ON building
BEGIN UPDATE estate_stat SET buildings = buildings - 1 WHERE estate_id = OLD.estate_id; END;
CREATE TRIGGER estate_stat_dwelling_ins AFTER INSERT ON dwelling
BEGIN
  UPDATE estate_stat SET dwellings = dwellings + 1, exclusive_area_dm2 = exclusive_area_dm2 + NEW.exclusive_area_dm2
  WHERE estate_id = NEW.estate_id;
END;
CREATE TRIGGER estate_stat_dwelling_del AFTER DELETE ON dwelling
BEGIN
  UPDATE estate_stat SET dwellings = dwellings - 1, exclusive_area_dm2 = exclusive_area_dm2 - OLD.exclusive_area_dm2
  WHERE estate_id = OLD.estate_id;
END;
CREATE TRIGGER estate_stat_dwelling_upd AFTER UPDATE OF exclusive_area_dm2, estate_id ON dwelling
BEGIN
  UPDATE estate_stat SET dwellings = dwellings - 1, exclusive_area_dm2 = exclusive_area_dm2 - OLD.exclusive_area_dm2
  WHERE estate_id = OLD.estate_id;
  UPDATE estate_stat SET dwellings = dwellings + 1, exclusive_area_dm2 = exclusive_area_dm2 + NEW.exclusive_area_dm2
  WHERE estate_id = NEW.estate_id;
END;
-- @dialect postgres
CREATE FUNCTION estate_stat_estate_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO estate_stat (estate_id, region_code) SELECT id, region_code FROM new_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER estate_stat_estate_ins AFTER INSERT ON estate
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_estate_ins();
CREATE FUNCTION estate_stat_estate_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE estate_stat s SET region_code = n.region_code FROM new_rows n
  WHERE s.estate_id = n.id AND s.region_code <> n.region_code;
  RETURN NULL;
END $$;
CREATE TRIGGER estate_stat_estate_region AFTER UPDATE ON estate
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_estate_region();
-- One function for buildings: + inserted rows, − deleted rows, per estate.
CREATE FUNCTION estate_stat_building() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE estate_stat s SET buildings = s.buildings + d.n
    FROM (SELECT estate_id, COUNT(*) AS n FROM new_rows GROUP BY estate_id) d WHERE s.estate_id = d.estate_id;
  ELSE
    UPDATE estate_stat s SET buildings = s.buildings - d.n
    FROM (SELECT estate_id, COUNT(*) AS n FROM old_rows GROUP BY estate_id) d WHERE s.estate_id = d.estate_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER estate_stat_building_ins AFTER INSERT ON building
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_building();
CREATE TRIGGER estate_stat_building_del AFTER DELETE ON building
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_building();
-- Dwellings: the change per estate is (new rows) − (old rows), whichever exist for the operation.
CREATE FUNCTION estate_stat_dwelling() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE estate_stat s SET dwellings = s.dwellings + d.n, exclusive_area_dm2 = s.exclusive_area_dm2 + d.a
    FROM (SELECT estate_id, COUNT(*) AS n, SUM(exclusive_area_dm2) AS a FROM new_rows GROUP BY estate_id) d
    WHERE s.estate_id = d.estate_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE estate_stat s SET dwellings = s.dwellings - d.n, exclusive_area_dm2 = s.exclusive_area_dm2 - d.a
    FROM (SELECT estate_id, COUNT(*) AS n, SUM(exclusive_area_dm2) AS a FROM old_rows GROUP BY estate_id) d
    WHERE s.estate_id = d.estate_id;
  ELSE
    UPDATE estate_stat s SET dwellings = s.dwellings + d.n, exclusive_area_dm2 = s.exclusive_area_dm2 + d.a
    FROM (SELECT estate_id, SUM(n) AS n, SUM(a) AS a FROM (
            SELECT estate_id, 1 AS n, exclusive_area_dm2 AS a FROM new_rows
            UNION ALL SELECT estate_id, -1, -exclusive_area_dm2 FROM old_rows) c
          GROUP BY estate_id) d
    WHERE s.estate_id = d.estate_id AND (d.n <> 0 OR d.a <> 0);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER estate_stat_dwelling_ins AFTER INSERT ON dwelling
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_dwelling();
CREATE TRIGGER estate_stat_dwelling_del AFTER DELETE ON dwelling
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_dwelling();
CREATE TRIGGER estate_stat_dwelling_upd AFTER UPDATE ON dwelling
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION estate_stat_dwelling();
-- @dialect all
