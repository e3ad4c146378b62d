-- Register (issue #3): estates, buildings, dwellings, owners, households.
-- Areas in integer dm² (0.01 m²); coordinates in integer micro-degrees; flags 0/1.

CREATE TABLE estate (
  id                    @ID@,
  region_code           TEXT NOT NULL,      -- the 12-digit community
  name                  TEXT NOT NULL,
  address               TEXT NOT NULL,
  built_year            INTEGER NOT NULL,
  land_area_dm2         BIGINT,
  floor_area_dm2        BIGINT,
  ownership_types       TEXT NOT NULL,      -- comma-separated codes (core/register/codes.hpp)
  property_mode         TEXT NOT NULL,
  excl_self_built       INTEGER NOT NULL DEFAULT 0,
  excl_urban_village    INTEGER NOT NULL DEFAULT 0,
  excl_demolition       INTEGER NOT NULL DEFAULT 0,
  excl_recent_renovation INTEGER NOT NULL DEFAULT 0,
  lat_e6                BIGINT,
  lng_e6                BIGINT,
  status                TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  UNIQUE (region_code, name)
);
CREATE INDEX estate_region ON estate (region_code, id);
CREATE INDEX estate_built ON estate (built_year);

CREATE TABLE building (
  id          @ID@,
  estate_id   BIGINT NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
  region_code TEXT NOT NULL,
  number      TEXT NOT NULL,                -- 楼栋号 as written: "3", "3号楼", "A"
  floors      INTEGER NOT NULL,
  stairwells  INTEGER NOT NULL,
  structure   TEXT NOT NULL,
  built_year  INTEGER,
  has_lift    INTEGER NOT NULL DEFAULT 0,
  heating     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (estate_id, number)
);

CREATE TABLE dwelling (
  id                 @ID@,
  building_id        BIGINT NOT NULL REFERENCES building (id) ON DELETE CASCADE,
  estate_id          BIGINT NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
  region_code        TEXT NOT NULL,
  stairwell          INTEGER NOT NULL,
  floor              INTEGER NOT NULL,
  room               TEXT NOT NULL,
  exclusive_area_dm2 BIGINT NOT NULL,
  area_source        TEXT NOT NULL,
  use_type           TEXT NOT NULL,
  sale_status        TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (building_id, stairwell, room)
);
CREATE INDEX dwelling_estate ON dwelling (estate_id);

-- A person, identified across dwellings by the ID number (normalised, upper-case X).
CREATE TABLE owner (
  id         @ID@,
  id_number  TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  phone      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE dwelling_owner (
  dwelling_id BIGINT NOT NULL REFERENCES dwelling (id) ON DELETE CASCADE,
  owner_id    BIGINT NOT NULL REFERENCES owner (id),
  estate_id   BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  PRIMARY KEY (dwelling_id, owner_id)
);
CREATE INDEX dwelling_owner_owner ON dwelling_owner (owner_id);
CREATE INDEX dwelling_owner_estate ON dwelling_owner (estate_id);

CREATE TABLE household (
  dwelling_id  BIGINT PRIMARY KEY REFERENCES dwelling (id) ON DELETE CASCADE,
  region_code  TEXT NOT NULL,
  residents    INTEGER NOT NULL DEFAULT 0,
  aged_60_plus INTEGER NOT NULL DEFAULT 0,
  disabled     INTEGER NOT NULL DEFAULT 0,
  occupancy    TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- Background jobs with progress (large imports, report batches).
CREATE TABLE job (
  id          @ID@,
  kind        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  user_id     BIGINT NOT NULL,
  state       TEXT NOT NULL,                -- queued | running | succeeded | failed
  progress    INTEGER NOT NULL DEFAULT 0,   -- rows done
  total       INTEGER NOT NULL DEFAULT 0,
  result      TEXT,                         -- JSON
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
