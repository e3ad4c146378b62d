-- Assessment of streets and departments (督查考核; issue #15; core/assessment/README.md,
-- docs/assessment.md): the department responsibility matrix, joint meetings (联席会议) with their
-- action items, and the annual performance evaluation's scores (REFERENCE.md §4.4). The KPIs
-- themselves are not stored: they are computed from the other contexts' data on each request.
-- Dates 'YYYY-MM-DD' (Beijing), times UTC ISO 8601.

-- Which KPIs a department of a county answers for (部门职责). kpis: comma-separated KPI codes.
CREATE TABLE assessment_duty (
  region_code TEXT NOT NULL,          -- the county (or city) whose matrix it is
  department  TEXT NOT NULL,          -- code: housing | finance | natural_resources | urban_management | …
  name_zh     TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  task        TEXT NOT NULL DEFAULT '',
  kpis        TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  updated_by  BIGINT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (region_code, department)
);

-- A joint meeting: date, the departments that attended (codes, comma-separated), the minutes.
CREATE TABLE joint_meeting (
  id          @ID@,
  region_code TEXT NOT NULL,
  held_on     TEXT NOT NULL,
  title       TEXT NOT NULL,
  attendees   TEXT NOT NULL DEFAULT '',
  minutes     TEXT NOT NULL DEFAULT '',
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX joint_meeting_region ON joint_meeting (region_code, held_on);

-- An action item decided at a meeting: owner department, deadline, open | done (overdue derived).
CREATE TABLE meeting_action (
  id          @ID@,
  meeting_id  BIGINT NOT NULL REFERENCES joint_meeting (id),
  region_code TEXT NOT NULL,
  text        TEXT NOT NULL,
  owner       TEXT NOT NULL,
  deadline    TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open',
  done_on     TEXT,
  position    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX meeting_action_meeting ON meeting_action (meeting_id, position);

-- One indicator's score in a region's annual evaluation: entered (points) or computed from its KPI
-- (points NULL; computed on each read).
CREATE TABLE annual_score (
  region_code TEXT NOT NULL,
  year        INTEGER NOT NULL,
  indicator   TEXT NOT NULL,          -- I01 … I18 (core/assessment/scorecard.hpp)
  mode        TEXT NOT NULL,          -- entered | computed
  points      BIGINT,                 -- hundredths of a point, when entered
  note        TEXT NOT NULL DEFAULT '',
  updated_by  BIGINT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (region_code, year, indicator)
);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('assessment_duty', 'assessment', '部门职责', 'department responsibility'),
  ('joint_meeting', 'assessment', '联席会议', 'joint meeting'),
  ('meeting_action', 'assessment', '联席会议督办事项', 'joint meeting action item'),
  ('annual_score', 'assessment', '年度绩效评价得分', 'annual evaluation score');
