-- Evaluations (检查评比; issue #15 "Evaluations"; core/evaluation/README.md, docs/evaluation.md):
-- scorecards as data (items with their maximum points, optional grade bands), evaluations of estates
-- with a score per item, and the rectification orders an evaluation issued (supervision context).
-- Points in integer hundredths (95.5 points = 9550); dates 'YYYY-MM-DD' (Beijing), times UTC ISO 8601.

-- A scorecard (评比细则). subject_level estate; period_kind monthly | quarterly. Its items' points
-- add up to max_points (10000: 100 points).
CREATE TABLE scorecard (
  id            @ID@,
  name          TEXT NOT NULL UNIQUE,
  subject_level TEXT NOT NULL,
  period_kind   TEXT NOT NULL,
  max_points    BIGINT NOT NULL,
  created_by    BIGINT REFERENCES app_user (id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE scorecard_item (
  scorecard_id BIGINT NOT NULL REFERENCES scorecard (id),
  code         TEXT NOT NULL,
  name_zh      TEXT NOT NULL,
  name_en      TEXT NOT NULL,
  max_points   BIGINT NOT NULL,
  group_name   TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL,
  PRIMARY KEY (scorecard_id, code)
);

-- The scorecard's own grade bands, highest first; none: the configured default (the Jiangxi bands,
-- boundary side from evaluation.grade_boundary).
CREATE TABLE scorecard_band (
  scorecard_id  BIGINT NOT NULL REFERENCES scorecard (id),
  position      INTEGER NOT NULL,
  code          TEXT NOT NULL,
  name_zh       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  min_points    BIGINT NOT NULL,
  min_inclusive INTEGER NOT NULL,
  PRIMARY KEY (scorecard_id, position)
);

-- One evaluation of an estate on a day with one scorecard: its total and the grade it earned then.
CREATE TABLE evaluation (
  id           @ID@,
  estate_id    BIGINT NOT NULL REFERENCES estate (id),
  scorecard_id BIGINT NOT NULL REFERENCES scorecard (id),
  region_code  TEXT NOT NULL,
  evaluated_on TEXT NOT NULL,
  total        BIGINT NOT NULL,
  grade        TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  created_by   BIGINT NOT NULL REFERENCES app_user (id),
  created_at   TEXT NOT NULL
);
CREATE INDEX evaluation_region ON evaluation (region_code, evaluated_on);
CREATE INDEX evaluation_estate ON evaluation (estate_id, evaluated_on);
CREATE INDEX evaluation_scorecard ON evaluation (scorecard_id);

CREATE TABLE evaluation_score (
  evaluation_id BIGINT NOT NULL REFERENCES evaluation (id),
  item_code     TEXT NOT NULL,
  points        BIGINT NOT NULL,
  finding       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (evaluation_id, item_code)
);

-- The rectification orders (supervision context) an evaluation issued, by scorecard item.
CREATE TABLE evaluation_rectification (
  order_id      BIGINT PRIMARY KEY REFERENCES rectification_order (id),
  evaluation_id BIGINT NOT NULL REFERENCES evaluation (id),
  item_code     TEXT,
  region_code   TEXT NOT NULL
);
CREATE INDEX evaluation_rectification_evaluation ON evaluation_rectification (evaluation_id);

-- A believable monthly scorecard of an estate's upkeep after renovation (长效管理检查评比), after the
-- items county inspections score (REFERENCE.md §4.4): 100 points in all.
INSERT INTO scorecard (name, subject_level, period_kind, max_points, created_by, created_at, updated_at) VALUES
  ('老旧小区长效管理月度检查评比', 'estate', 'monthly', 10000, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO scorecard_item (scorecard_id, code, name_zh, name_en, max_points, group_name, position) VALUES
  (1, 'sanitation', '环境卫生', 'Sanitation', 2000, '环境', 1),
  (1, 'greenery', '绿化养护', 'Greenery upkeep', 1500, '环境', 2),
  (1, 'facilities', '设施完好', 'Facilities in repair', 2000, '设施', 3),
  (1, 'safety', '安全管理', 'Safety management', 1500, '设施', 4),
  (1, 'service', '物业服务', 'Property services', 1500, '管理', 5),
  (1, 'satisfaction', '居民满意度', 'Residents'' satisfaction', 1500, '管理', 6);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('scorecard', 'evaluation', '评比细则', 'scorecard'),
  ('scorecard_item', 'evaluation', '评比细则条目', 'scorecard item'),
  ('scorecard_band', 'evaluation', '评比等次', 'scorecard grade band'),
  ('evaluation', 'evaluation', '检查评比', 'evaluation'),
  ('evaluation_score', 'evaluation', '检查评比得分', 'evaluation score'),
  ('evaluation_rectification', 'evaluation', '检查评比整改单', 'evaluation rectification order');
