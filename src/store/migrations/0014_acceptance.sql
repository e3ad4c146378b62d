-- Acceptance and warranty (issue #14 "Acceptance and warranty"; core/acceptance/README.md,
-- docs/acceptance.md): household acceptance per dwelling and work (分户验收) with the resident's
-- signature (a stored PNG) or refusal, the project's punch list (整改清单), completion acceptance
-- (竣工验收) with its participants and the 1–5 scored checklist (REFERENCE.md §4), the handover
-- record (移交接管), and the routing of warranty-defect tickets by the warranty clock. Dates
-- 'YYYY-MM-DD' (Beijing), times UTC ISO 8601.

-- The punch list of a project: entries written at completion acceptance, and refusals of household
-- acceptance (source household, naming the dwelling and work). status open | resolved | waived.
CREATE TABLE punch_item (
  id            @ID@,
  project_id    BIGINT NOT NULL REFERENCES project (id),
  region_code   TEXT NOT NULL,
  source        TEXT NOT NULL,              -- completion | household
  dwelling_id   BIGINT REFERENCES dwelling (id),
  work          TEXT,
  description   TEXT NOT NULL,
  status        TEXT NOT NULL,
  waiver_reason TEXT NOT NULL DEFAULT '',
  created_by    BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX punch_item_project ON punch_item (project_id, id);

-- Household acceptance of an in-home work (REFERENCE.md §1.4, Shanxi: windows and water pipes with
-- each household): accepted with the resident's signature drawn on the phone, or refused with a
-- reason (then punch_item_id names its entry on the punch list).
CREATE TABLE household_acceptance (
  project_id        BIGINT NOT NULL REFERENCES project (id),
  dwelling_id       BIGINT NOT NULL REFERENCES dwelling (id),
  work              TEXT NOT NULL,
  estate_id         BIGINT NOT NULL REFERENCES estate (id),
  region_code       TEXT NOT NULL,
  result            TEXT NOT NULL,          -- accepted | refused
  signature_file_id BIGINT REFERENCES stored_file (id),
  reason            TEXT NOT NULL DEFAULT '',
  punch_item_id     BIGINT REFERENCES punch_item (id),
  recorded_by       BIGINT NOT NULL,
  recorded_at       TEXT NOT NULL,
  PRIMARY KEY (project_id, dwelling_id, work)
);
CREATE INDEX household_acceptance_region ON household_acceptance (region_code);

-- Completion acceptance: one per project, passed on `accepted_on` (the day warranties count from,
-- REFERENCE.md §4.2), with the form's points.
CREATE TABLE completion_acceptance (
  id          @ID@,
  project_id  BIGINT NOT NULL UNIQUE REFERENCES project (id),
  region_code TEXT NOT NULL,
  accepted_on TEXT NOT NULL,
  points      INTEGER NOT NULL,
  max_points  INTEGER NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX completion_acceptance_region ON completion_acceptance (region_code);

-- Who took part (REFERENCE.md §4.3): role (core/acceptance ParticipantRole), the unit or the
-- people, the person who signed for it.
CREATE TABLE acceptance_participant (
  acceptance_id  BIGINT NOT NULL REFERENCES completion_acceptance (id),
  region_code    TEXT NOT NULL,
  role           TEXT NOT NULL,
  name           TEXT NOT NULL,
  representative TEXT NOT NULL DEFAULT '',
  position       INTEGER NOT NULL
);
CREATE INDEX acceptance_participant_acceptance ON acceptance_participant (acceptance_id, position);

-- The scored checklist: one row per item and criterion, 1–5 points.
CREATE TABLE acceptance_score (
  acceptance_id BIGINT NOT NULL REFERENCES completion_acceptance (id),
  region_code   TEXT NOT NULL,
  item_code     TEXT NOT NULL REFERENCES renovation_item (code),
  criterion     TEXT NOT NULL,
  score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  position      INTEGER NOT NULL
);
CREATE INDEX acceptance_score_acceptance ON acceptance_score (acceptance_id, position);

-- The handover to long-term management (移交接管, REFERENCE.md §4: street-led with the owners'
-- committee and the property company).
CREATE TABLE acceptance_handover (
  project_id  BIGINT PRIMARY KEY REFERENCES project (id),
  region_code TEXT NOT NULL,
  handed_on   TEXT NOT NULL,
  receiver    TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);

-- Warranty-defect routing on tickets (docs/acceptance.md): the item the resident named, the unit the
-- ticket went to while the warranty ran, the warranty's last day and why it went where it went.
ALTER TABLE ticket ADD COLUMN defect_item TEXT;
ALTER TABLE ticket ADD COLUMN responsible_unit_id BIGINT REFERENCES responsible_unit (id);
ALTER TABLE ticket ADD COLUMN warranty_until TEXT;
ALTER TABLE ticket ADD COLUMN routing_reason TEXT NOT NULL DEFAULT '';

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('punch_item', 'acceptance', '整改清单', 'punch list entry'),
  ('household_acceptance', 'acceptance', '分户验收', 'household acceptance'),
  ('completion_acceptance', 'acceptance', '竣工验收', 'completion acceptance'),
  ('acceptance_participant', 'acceptance', '验收参加单位', 'acceptance participant'),
  ('acceptance_score', 'acceptance', '验收评分', 'acceptance score'),
  ('acceptance_handover', 'acceptance', '移交接管记录', 'handover record');
