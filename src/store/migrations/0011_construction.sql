-- Construction (issue #13; core/construction/README.md, docs/construction.md): seasons per city,
-- step templates as data, the steps of a project with their crews, trenches ("综合改一次"),
-- disruptions and windows, the schedules the engine computed and the baselines, delay alerts,
-- progress reports and weights, household works with the tendered teams, and the cut notices the
-- residents read. Dates 'YYYY-MM-DD', times UTC ISO 8601, quantities in hundredths.

-- Seasons of a city (or any region; the nearest ancestor's row applies): the heating season (no
-- heating-pipe works inside it), the frost window (no exterior wet works), exam days (no noisy
-- works). 'MM-DD'; a season may wrap the year (11-15 → 03-15). NULL = no such season here.
CREATE TABLE construction_season (
  region_code  TEXT PRIMARY KEY,
  heating_from TEXT,
  heating_to   TEXT,
  frost_from   TEXT,
  frost_to     TEXT,
  exam_days    TEXT NOT NULL DEFAULT '',  -- comma-separated 'MM-DD', sorted
  updated_by   BIGINT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- Step templates (as data): the steps a renovation item generates. `after` lists predecessors
-- inside the same item ("FS:excavate+0,SS:lay+2") or of another item of the project
-- ("FS:B12.remove_bars+0"); duration = base_days + ceil(quantity × milli_days_per_unit / 1000).
CREATE TABLE step_template (
  item_code           TEXT NOT NULL REFERENCES renovation_item (code),
  suffix              TEXT NOT NULL,
  seq                 INTEGER NOT NULL,
  name_zh             TEXT NOT NULL,
  name_en             TEXT NOT NULL,
  crew_type           TEXT NOT NULL,
  crew_count          INTEGER NOT NULL,
  base_days           INTEGER NOT NULL,
  milli_days_per_unit BIGINT NOT NULL DEFAULT 0,
  trench_utility      TEXT,               -- water | drainage | gas | power | telecom | heating
  disruption_kind     TEXT,               -- water | power | gas | heating | road | noise
  window_kind         TEXT,               -- outside_heating | outside_frost | no_exam_days
  after               TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_code, suffix)
);

-- The steps of a project. Generated rows (generated = 1) are the openings of the trenches: one
-- excavation, backfill and resurfacing per road segment (or per segment and utility when split).
CREATE TABLE construction_step (
  id              @ID@,
  project_id      BIGINT NOT NULL REFERENCES project (id),
  region_code     TEXT NOT NULL,
  code            TEXT NOT NULL,
  name            TEXT NOT NULL,
  item_code       TEXT REFERENCES renovation_item (code),
  estate_id       BIGINT REFERENCES estate (id),
  duration_days   INTEGER NOT NULL,
  crew_type       TEXT NOT NULL,
  crew_count      INTEGER NOT NULL,
  trench_segment  TEXT,
  trench_utility  TEXT,
  trench_split    INTEGER NOT NULL DEFAULT 0,
  disruption_kind TEXT,
  window_kind     TEXT,
  generated       INTEGER NOT NULL DEFAULT 0,
  position        INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (project_id, code)
);

CREATE TABLE construction_step_building (
  step_id     BIGINT NOT NULL REFERENCES construction_step (id),
  building_id BIGINT NOT NULL REFERENCES building (id),
  PRIMARY KEY (step_id, building_id)
);
CREATE INDEX construction_step_building_building ON construction_step_building (building_id);

CREATE TABLE construction_step_predecessor (
  step_id        BIGINT NOT NULL REFERENCES construction_step (id),
  predecessor_id BIGINT NOT NULL REFERENCES construction_step (id),
  type           TEXT NOT NULL,           -- FS | SS
  lag_days       INTEGER NOT NULL,
  PRIMARY KEY (step_id, predecessor_id)
);

-- The crews a project has, by type (施工班组): the capacity each step's crew is checked against.
CREATE TABLE construction_crew (
  project_id BIGINT NOT NULL REFERENCES project (id),
  crew_type  TEXT NOT NULL,
  capacity   INTEGER NOT NULL CHECK (capacity > 0),
  PRIMARY KEY (project_id, crew_type)
);

-- A schedule the engine computed. The latest of a project is its current plan; a baseline is a
-- schedule saved as such (construction_baseline), against which progress and re-plans are compared.
CREATE TABLE construction_schedule (
  id                 @ID@,
  project_id         BIGINT NOT NULL REFERENCES project (id),
  region_code        TEXT NOT NULL,
  start_on           TEXT NOT NULL,
  end_on             TEXT NOT NULL,
  makespan_days      INTEGER NOT NULL,
  lower_bound_days   INTEGER NOT NULL,    -- critical path on the calendars
  resource_bound_days INTEGER NOT NULL DEFAULT 0,  -- the crews' work-days bound (core/construction/rcpsp.hpp)
  disruption_days    BIGINT NOT NULL,
  openings_merged    INTEGER NOT NULL,
  openings_naive     INTEGER NOT NULL,
  crews              TEXT NOT NULL,       -- 'type:count,…' as asked
  working_days_only  INTEGER NOT NULL DEFAULT 0,
  created_by         BIGINT NOT NULL,
  created_at         TEXT NOT NULL
);
CREATE INDEX construction_schedule_project ON construction_schedule (project_id, id);

CREATE TABLE construction_schedule_step (
  schedule_id BIGINT NOT NULL REFERENCES construction_schedule (id),
  step_code   TEXT NOT NULL,
  start_on    TEXT NOT NULL,
  end_on      TEXT NOT NULL,
  bound_by    TEXT NOT NULL,              -- start | predecessor | calendar | window | crew
  bound_ref   TEXT NOT NULL DEFAULT '',   -- the predecessor's code, the window or the crew type
  critical    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (schedule_id, step_code)
);

CREATE TABLE construction_baseline (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  schedule_id BIGINT NOT NULL REFERENCES construction_schedule (id),
  region_code TEXT NOT NULL,
  saved_by    BIGINT NOT NULL,
  saved_at    TEXT NOT NULL
);
CREATE INDEX construction_baseline_project ON construction_baseline (project_id, id);

-- Alerts for the contractor and the street office: a step later than its baseline by more than the
-- configured days (delay), a project of year Y planned to end after 31 December of Y (year_end).
CREATE TABLE construction_alert (
  id              @ID@,
  project_id      BIGINT NOT NULL REFERENCES project (id),
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL,          -- delay | year_end
  step_code       TEXT NOT NULL DEFAULT '',
  baseline_id     BIGINT,
  baseline_end_on TEXT NOT NULL DEFAULT '',
  forecast_end_on TEXT NOT NULL,
  delay_days      INTEGER NOT NULL,
  raised_at       TEXT NOT NULL,
  cleared_at      TEXT
);
CREATE INDEX construction_alert_project ON construction_alert (project_id, id);
CREATE INDEX construction_alert_region ON construction_alert (region_code, cleared_at);

-- Progress reports per step (percent, optional quantity, date, photo); the latest per step counts.
CREATE TABLE construction_progress (
  id            @ID@,
  project_id    BIGINT NOT NULL REFERENCES project (id),
  region_code   TEXT NOT NULL,
  step_id       BIGINT NOT NULL REFERENCES construction_step (id),
  percent       INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  quantity_centi BIGINT,
  on_date       TEXT NOT NULL,
  photo_file_id BIGINT REFERENCES stored_file (id),
  note          TEXT NOT NULL DEFAULT '',
  client_id     TEXT,                      -- the phone's id for a queued report (sent once)
  reported_by   BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (project_id, client_id)
);
CREATE INDEX construction_progress_step ON construction_progress (step_id, on_date, id);

-- Weights of the items in the project's roll-up when set by hand (default: budget shares).
CREATE TABLE construction_item_weight (
  project_id      BIGINT NOT NULL REFERENCES project (id),
  item_code       TEXT NOT NULL REFERENCES renovation_item (code),
  weight_permille INTEGER NOT NULL CHECK (weight_permille >= 0),
  PRIMARY KEY (project_id, item_code)
);

-- The tendered teams residents may choose for household works (金茵: 4 teams).
CREATE TABLE household_team (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  region_code TEXT NOT NULL,
  name        TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  works       TEXT NOT NULL DEFAULT '',   -- comma-separated work codes the team was tendered for
  created_at  TEXT NOT NULL,
  UNIQUE (project_id, name)
);

-- Household works per dwelling (in-home heating, water meter, windows …).
CREATE TABLE household_work (
  project_id  BIGINT NOT NULL REFERENCES project (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwelling (id),
  work        TEXT NOT NULL,
  estate_id   BIGINT NOT NULL,
  building_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  status      TEXT NOT NULL,               -- not_started | in_progress | done | declined
  done_by     TEXT,                        -- contractor | self
  team_id     BIGINT REFERENCES household_team (id),
  updated_by  BIGINT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, dwelling_id, work)
);
CREATE INDEX household_work_building ON household_work (project_id, work, building_id);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('construction_season', 'construction', '施工季节', 'construction seasons'),
  ('step_template', 'construction', '工序模板', 'step template'),
  ('construction_step', 'construction', '施工工序', 'construction step'),
  ('construction_step_building', 'construction', '工序影响楼栋', 'building a step affects'),
  ('construction_step_predecessor', 'construction', '工序前置关系', 'step predecessor'),
  ('construction_crew', 'construction', '施工班组', 'crew'),
  ('construction_schedule', 'construction', '施工排程', 'construction schedule'),
  ('construction_schedule_step', 'construction', '排程工序', 'scheduled step'),
  ('construction_baseline', 'construction', '施工基线', 'schedule baseline'),
  ('construction_alert', 'construction', '工期预警', 'delay alert'),
  ('construction_progress', 'construction', '进度填报', 'progress report'),
  ('construction_item_weight', 'construction', '进度权重', 'progress weight'),
  ('household_team', 'construction', '入户施工队', 'household works team'),
  ('household_work', 'construction', '入户工程', 'household work');

-- Templates for the items of the catalogue that are built on site (REFERENCE.md §2; durations are
-- planning defaults a project edits: milli_days_per_unit is per unit of the budget line — a pipe crew
-- lays about 170 m of main a day in an open trench, a paving crew overlays about 300 m² a day). Trench steps (trench_utility) are the works inside an opening: the
-- excavation, backfill and resurfacing around them are generated once per road segment (综合改一次).
INSERT INTO step_template (item_code, suffix, seq, name_zh, name_en, crew_type, crew_count, base_days,
                           milli_days_per_unit, trench_utility, disruption_kind, window_kind, after) VALUES
  ('B01', 'lay', 1, '供水管道敷设', 'Lay water mains', 'pipe', 1, 2, 6, 'water', NULL, NULL, ''),
  ('B01', 'connect', 2, '供水切改通水', 'Switch water supply over', 'pipe', 1, 1, 0, 'water', 'water', NULL, 'FS:lay+0'),
  ('B02', 'lay', 1, '雨污管道敷设', 'Lay rain and sewage pipes', 'pipe', 1, 3, 8, 'drainage', NULL, NULL, ''),
  ('B02', 'test', 2, '闭水试验', 'Closed-water test', 'pipe', 1, 2, 0, 'drainage', NULL, NULL, 'FS:lay+0'),
  ('B03', 'lay', 1, '电缆敷设', 'Lay power cables', 'electrical', 1, 2, 6, 'power', NULL, NULL, ''),
  ('B03', 'switch', 2, '供电切改', 'Switch power over', 'electrical', 1, 1, 0, 'power', 'power', NULL, 'FS:lay+0'),
  ('B04', 'lay', 1, '通信管线敷设', 'Lay telecom ducts', 'electrical', 1, 2, 4, 'telecom', NULL, NULL, ''),
  ('B05', 'base', 1, '道路基层', 'Road base course', 'paving', 1, 3, 3, NULL, 'road', NULL, ''),
  ('B05', 'pave', 2, '道路面层', 'Road surface', 'paving', 1, 2, 2, NULL, 'road', NULL, 'FS:base+0'),
  ('B06', 'lay', 1, '燃气管道敷设', 'Lay gas pipes', 'pipe', 1, 2, 6, 'gas', NULL, NULL, ''),
  ('B06', 'connect', 2, '燃气置换通气', 'Purge and reconnect gas', 'pipe', 1, 1, 0, 'gas', 'gas', NULL, 'FS:lay+0'),
  ('B07', 'lay', 1, '供热管网敷设', 'Lay heating pipes', 'pipe', 1, 3, 8, 'heating', NULL, 'outside_heating', ''),
  ('B07', 'connect', 2, '供热管网碰口', 'Tie heating pipes in', 'pipe', 1, 1, 0, 'heating', 'heating', 'outside_heating', 'FS:lay+0'),
  ('B11', 'lay', 1, '架空线入地', 'Bury overhead cables', 'electrical', 1, 2, 6, 'power', NULL, NULL, ''),
  ('B11', 'remove', 2, '拆除架空线与线杆', 'Remove overhead lines and poles', 'electrical', 1, 1, 20, NULL, 'power', NULL, 'FS:lay+0'),
  ('B12', 'strip', 1, '铲除旧防水层', 'Strip the old roofing', 'roofing', 1, 2, 3, NULL, 'noise', 'no_exam_days', ''),
  ('B12', 'waterproof', 2, '防水层施工', 'Lay the waterproofing', 'roofing', 1, 3, 5, NULL, NULL, 'outside_frost', 'FS:strip+0'),
  ('B12', 'protect', 3, '保护层施工', 'Lay the protective layer', 'roofing', 1, 2, 3, NULL, NULL, 'outside_frost', 'FS:waterproof+1'),
  ('B13', 'remove_bars', 1, '拆除防盗窗与外墙杂物', 'Remove burglar bars and clutter', 'facade', 1, 2, 2, NULL, 'noise', 'no_exam_days', ''),
  ('B13', 'plaster', 2, '外墙抹灰修补', 'Repair the render', 'facade', 1, 4, 4, NULL, NULL, 'outside_frost', 'FS:remove_bars+0'),
  ('B13', 'paint', 3, '外墙涂料', 'Paint the facade', 'facade', 1, 3, 3, NULL, NULL, 'outside_frost', 'FS:plaster+2'),
  ('I09', 'windows', 1, '更换外窗', 'Replace windows', 'facade', 1, 3, 50, NULL, NULL, NULL, 'FS:B13.remove_bars+0'),
  ('I09', 'insulate', 2, '外墙保温', 'Insulate the facade', 'facade', 1, 5, 4, NULL, NULL, 'outside_frost', 'FS:windows+0'),
  ('I02', 'plant', 1, '绿化种植', 'Planting', 'greening', 1, 3, 2, NULL, NULL, NULL, 'FS:B05.pave+0'),
  ('I03', 'build', 1, '口袋公园与健身设施', 'Build the pocket park', 'greening', 1, 4, 100, NULL, 'noise', 'no_exam_days', ''),
  ('I05', 'build', 1, '停车位施工', 'Build the parking', 'paving', 1, 3, 100, NULL, 'road', NULL, ''),
  ('I01', 'demolish', 1, '拆除违法建设', 'Demolish illegal structures', 'earthwork', 1, 2, 10, NULL, 'noise', 'no_exam_days', ''),
  ('B10', 'install', 1, '公共照明安装', 'Install lighting', 'electrical', 1, 2, 200, NULL, NULL, NULL, ''),
  ('B14', 'repair', 1, '楼道修缮', 'Repair stairwells', 'plumbing', 1, 3, 500, NULL, NULL, NULL, '');
