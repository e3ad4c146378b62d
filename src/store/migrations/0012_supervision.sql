-- Supervision and rectification (issue #14 "Supervision and rectification"; core/supervision/README.md,
-- docs/supervision.md): responsible units, the supervisors' roster and assignments, the inspection
-- checklist as data, inspections with findings (photos, time, place, the phone's clientId),
-- democratic supervision days with action items, rectification orders with their history
-- (replies, re-inspections, rework, escalation). Dates 'YYYY-MM-DD' (Beijing), times UTC ISO 8601,
-- coordinates in millionths of a degree, photo lists as id text ("3,5,8"; store::JoinIds).

-- A unit an order goes to (issue #14: "a named responsible unit (contractor, supervision firm,
-- utility)"): a company registered once and named by many orders. project_unit keeps the project's
-- participating companies per role without an id; an order needs a stable id, and utilities
-- (water, gas, power) are not among a project's units.
CREATE TABLE responsible_unit (
  id          @ID@,
  region_code TEXT NOT NULL,
  company     TEXT NOT NULL,
  kind        TEXT NOT NULL,              -- contractor | supervision_firm | utility | design
  credit_code TEXT NOT NULL DEFAULT '',   -- 统一社会信用代码, when known
  contact     TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE INDEX responsible_unit_region ON responsible_unit (region_code);

-- The accounts (role contractor or utility) that work for a unit: a linked account sees and answers
-- only its units' orders (issue #14: "contractors and utilities see only theirs").
CREATE TABLE responsible_unit_member (
  unit_id BIGINT NOT NULL REFERENCES responsible_unit (id),
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX responsible_unit_member_user ON responsible_unit_member (user_id);

-- The roster (REFERENCE.md §4.1: 施工监督员, 民情观察员, 政策宣讲员, 志愿者), optionally linked to a
-- user account of role supervisor.
CREATE TABLE supervisor (
  id          @ID@,
  region_code TEXT NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,              -- construction_supervisor | opinion_observer | policy_explainer | volunteer
  phone       TEXT NOT NULL DEFAULT '',
  background  TEXT NOT NULL DEFAULT '',   -- e.g. 退休职工, 党员
  user_id     BIGINT REFERENCES app_user (id),
  created_at  TEXT NOT NULL
);
CREATE INDEX supervisor_region ON supervisor (region_code);

CREATE TABLE supervisor_assignment (
  supervisor_id BIGINT NOT NULL REFERENCES supervisor (id) ON DELETE CASCADE,
  estate_id     BIGINT REFERENCES estate (id),
  project_id    BIGINT REFERENCES project (id)
);
CREATE INDEX supervisor_assignment_supervisor ON supervisor_assignment (supervisor_id);

-- The checklist (as data; REFERENCE.md §4.1: progress, quality, civilised construction, safety).
CREATE TABLE inspection_item (
  code     TEXT PRIMARY KEY,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE inspection (
  id           @ID@,
  project_id   BIGINT NOT NULL REFERENCES project (id),
  region_code  TEXT NOT NULL,
  step_code    TEXT,
  client_id    TEXT,
  inspected_at TEXT NOT NULL,          -- when the supervisor was on site (UTC)
  lat_micro    BIGINT,
  lng_micro    BIGINT,
  place        TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  inspected_by BIGINT NOT NULL REFERENCES app_user (id),
  created_at   TEXT NOT NULL
);
CREATE INDEX inspection_project ON inspection (project_id, id);
CREATE UNIQUE INDEX inspection_client ON inspection (project_id, client_id);

CREATE TABLE inspection_finding (
  id             @ID@,
  inspection_id  BIGINT NOT NULL REFERENCES inspection (id),
  region_code    TEXT NOT NULL,
  item_code      TEXT NOT NULL REFERENCES inspection_item (code),
  text           TEXT NOT NULL,
  photo_file_ids TEXT NOT NULL DEFAULT '',
  position       INTEGER NOT NULL
);
CREATE INDEX inspection_finding_inspection ON inspection_finding (inspection_id, position);

-- Democratic supervision days (民主监督日, e.g. the 10th and 20th of each month).
CREATE TABLE supervision_day (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  region_code TEXT NOT NULL,
  held_on     TEXT NOT NULL,
  attendees   TEXT NOT NULL,           -- names, one per line
  minutes     TEXT NOT NULL DEFAULT '',
  created_by  BIGINT NOT NULL REFERENCES app_user (id),
  created_at  TEXT NOT NULL
);
CREATE INDEX supervision_day_project ON supervision_day (project_id, held_on);

CREATE TABLE supervision_action (
  id          @ID@,
  day_id      BIGINT NOT NULL REFERENCES supervision_day (id),
  region_code TEXT NOT NULL,
  text        TEXT NOT NULL,
  owner       TEXT NOT NULL,
  due_on      TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open',  -- open | done
  position    INTEGER NOT NULL
);
CREATE INDEX supervision_action_day ON supervision_action (day_id, position);

-- Rectification orders (整改通知). `status` open | replied | closed (overdue is derived from due_on);
-- `level` the escalation level observed so far (0–2), kept after closing.
CREATE TABLE rectification_order (
  id                   @ID@,
  project_id           BIGINT NOT NULL REFERENCES project (id),
  region_code          TEXT NOT NULL,
  unit_id              BIGINT NOT NULL REFERENCES responsible_unit (id),
  finding_id           BIGINT REFERENCES inspection_finding (id),
  step_code            TEXT,
  item_code            TEXT,
  finding              TEXT NOT NULL,
  photo_file_ids       TEXT NOT NULL DEFAULT '',
  issued_on            TEXT NOT NULL,
  working_days         INTEGER NOT NULL,
  due_on               TEXT NOT NULL,
  status               TEXT NOT NULL,
  level                INTEGER NOT NULL DEFAULT 0,
  reworks              INTEGER NOT NULL DEFAULT 0,
  reply_note           TEXT,
  reply_photo_file_ids TEXT NOT NULL DEFAULT '',
  replied_at           TEXT,
  closed_on            TEXT,
  closed_at            TEXT,
  issued_by            BIGINT NOT NULL REFERENCES app_user (id),
  created_at           TEXT NOT NULL
);
CREATE INDEX rectification_order_region ON rectification_order (region_code, status);
CREATE INDEX rectification_order_project ON rectification_order (project_id, id);
CREATE INDEX rectification_order_unit ON rectification_order (unit_id);
-- The orders still pending by due day: the overdue list, the escalation pass and the workbench
-- counts read only these, from the index alone (100 000 orders, docs/BENCHMARKS.md).
CREATE INDEX rectification_order_pending ON rectification_order (due_on, status, level) WHERE status <> 'closed';

-- An order's history: issue, reply, recheck_passed, rework (a failed re-inspection), escalated.
CREATE TABLE rectification_event (
  id             @ID@,
  order_id       BIGINT NOT NULL REFERENCES rectification_order (id),
  region_code    TEXT NOT NULL,
  kind           TEXT NOT NULL,
  level          INTEGER,
  note           TEXT NOT NULL DEFAULT '',
  photo_file_ids TEXT NOT NULL DEFAULT '',
  step_code      TEXT,
  by_user        BIGINT REFERENCES app_user (id),
  created_at     TEXT NOT NULL
);
CREATE INDEX rectification_event_order ON rectification_event (order_id, id);

INSERT INTO inspection_item (code, name_zh, name_en, position) VALUES
  ('progress', '施工进度（对照计划）', 'Progress against the schedule', 1),
  ('materials', '进场材料', 'Materials on entry', 2),
  ('quality', '工序质量', 'Process quality', 3),
  ('civilised', '文明施工', 'Civilised construction', 4),
  ('safety', '施工安全', 'Safety', 5),
  ('residents', '居民意见', 'Residents'' opinions', 6);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('responsible_unit', 'supervision', '责任单位', 'responsible unit'),
  ('responsible_unit_member', 'supervision', '责任单位账号', 'responsible unit account'),
  ('supervisor', 'supervision', '监督员', 'supervisor'),
  ('supervisor_assignment', 'supervision', '监督员分配', 'supervisor assignment'),
  ('inspection_item', 'supervision', '巡查检查项', 'inspection checklist item'),
  ('inspection', 'supervision', '巡查记录', 'inspection'),
  ('inspection_finding', 'supervision', '巡查发现问题', 'inspection finding'),
  ('supervision_day', 'supervision', '民主监督日', 'democratic supervision day'),
  ('supervision_action', 'supervision', '监督日整改事项', 'supervision day action item'),
  ('rectification_order', 'supervision', '整改通知单', 'rectification order'),
  ('rectification_event', 'supervision', '整改记录', 'rectification history');
