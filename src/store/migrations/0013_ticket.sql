-- Resident tickets (居民诉求) and the Open311 GeoReport v2 client keys (issue #14; docs/ticket.md):
-- categories as data with a response-time target, routing by category × region prefix, the
-- tickets with their history, photos and ratings, and each building's contacts.

CREATE TABLE ticket_category (
  id            @ID@,
  code          TEXT NOT NULL UNIQUE,     -- also the Open311 service_code
  name_zh       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  kind          TEXT NOT NULL,            -- opinion | complaint | suggestion | defect
  target_amount INTEGER NOT NULL,         -- response-time target (core/ticket: CheckTarget)
  target_unit   TEXT NOT NULL,            -- working_hours | working_days
  active        INTEGER NOT NULL DEFAULT 1,
  sort_order    INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
);

-- Who handles a category in a region: the longest matching region prefix wins; '' matches all.
CREATE TABLE ticket_route (
  id                  @ID@,
  category_id         BIGINT NOT NULL REFERENCES ticket_category (id),
  region_code         TEXT NOT NULL,      -- the prefix routed ('' = everywhere)
  department          TEXT NOT NULL,      -- the handling department or unit, by name
  handler_region_code TEXT NOT NULL,      -- the region whose staff handle it (their scope sees it)
  created_at          TEXT NOT NULL,
  UNIQUE (category_id, region_code)
);

CREATE TABLE open311_client (
  id         @ID@,
  name       TEXT NOT NULL,
  key_hash   TEXT NOT NULL UNIQUE,        -- SHA-256 hex of the api_key; the key itself is shown once
  active     INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE ticket (
  id                  @ID@,
  code                TEXT NOT NULL UNIQUE,   -- the resident's follow-up code (also the Open311 token)
  category_id         BIGINT NOT NULL REFERENCES ticket_category (id),
  region_code         TEXT NOT NULL,          -- where it is: the estate's community, else the handler's region
  estate_id           BIGINT REFERENCES estate (id),
  channel             TEXT NOT NULL,          -- h5 | staff | open311
  content             TEXT NOT NULL,
  phone               TEXT NOT NULL DEFAULT '',  -- the holder's, never in a public or Open311 answer
  address             TEXT NOT NULL DEFAULT '',
  visit_note          TEXT NOT NULL DEFAULT '',  -- staff intake: the door visit
  status              TEXT NOT NULL,          -- core/ticket: submitted … closed | rejected
  department          TEXT NOT NULL,
  handler_region_code TEXT NOT NULL,
  answer              TEXT NOT NULL DEFAULT '',  -- the last public note (resolution, rejection reason)
  merged_into         BIGINT REFERENCES ticket (id),
  reopen_count        INTEGER NOT NULL DEFAULT 0,
  rating              INTEGER,
  rating_comment      TEXT NOT NULL DEFAULT '',
  client_id           BIGINT REFERENCES open311_client (id),
  client_key          TEXT NOT NULL DEFAULT '',  -- keyed hash of the sender's address (rate limit)
  created_by          BIGINT,
  received_at         TEXT NOT NULL,
  due_at              TEXT NOT NULL,
  resolved_at         TEXT,
  updated_at          TEXT NOT NULL
);
CREATE INDEX ticket_region ON ticket (region_code, id);
CREATE INDEX ticket_handler ON ticket (handler_region_code, id);
CREATE INDEX ticket_client ON ticket (client_key, received_at);
CREATE INDEX ticket_updated ON ticket (updated_at);

CREATE TABLE ticket_event (
  id          @ID@,
  ticket_id   BIGINT NOT NULL REFERENCES ticket (id),
  at          TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status   TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  by_kind     TEXT NOT NULL,              -- staff | resident | open311
  by_user     BIGINT
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, id);
CREATE INDEX ticket_event_at ON ticket_event (at);

CREATE TABLE ticket_photo (
  ticket_id BIGINT NOT NULL REFERENCES ticket (id),
  file_id   BIGINT NOT NULL REFERENCES stored_file (id),
  PRIMARY KEY (ticket_id, file_id)
);

-- Photos residents upload before filing (h5, no login): who sent them (keyed hash of the address,
-- for the rate limit and so that only the same sender attaches them) and when.
CREATE TABLE ticket_upload (
  file_id     BIGINT PRIMARY KEY REFERENCES stored_file (id),
  client_key  TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX ticket_upload_client ON ticket_upload (client_key, uploaded_at);

-- A building's contacts shown to residents: 楼长, grid worker, the work team's public phone.
CREATE TABLE building_contact (
  id           @ID@,
  building_id  BIGINT NOT NULL REFERENCES building (id),
  region_code  TEXT NOT NULL,
  role         TEXT NOT NULL,             -- building_leader | grid_worker | team_phone
  name         TEXT NOT NULL,
  phone        TEXT NOT NULL,
  phone_public INTEGER NOT NULL DEFAULT 0,  -- shown to residents only when published
  updated_at   TEXT NOT NULL,
  UNIQUE (building_id, role)
);
CREATE INDEX building_contact_region ON building_contact (region_code, building_id);

-- Seeded categories (issue #14) with their targets [inference: typical 12345 hotline practice —
-- urgent safety matters within hours, others within working days]; routed everywhere to the
-- street office's urban construction section until administrators route them otherwise.
INSERT INTO ticket_category (code, name_zh, name_en, kind, target_amount, target_unit, sort_order, created_at) VALUES
  ('construction_quality', '施工质量', 'construction quality', 'complaint', 3, 'working_days', 1, '2026-01-01T00:00:00.000Z'),
  ('civilised_construction', '文明施工（扬尘、噪声）', 'civilised construction (dust, noise)', 'complaint', 8, 'working_hours', 2, '2026-01-01T00:00:00.000Z'),
  ('safety_hazard', '安全隐患', 'safety hazard', 'complaint', 4, 'working_hours', 3, '2026-01-01T00:00:00.000Z'),
  ('utility_outage', '停水停电停气', 'water, power or gas cut', 'complaint', 4, 'working_hours', 4, '2026-01-01T00:00:00.000Z'),
  ('property_management', '物业管理', 'property management', 'complaint', 5, 'working_days', 5, '2026-01-01T00:00:00.000Z'),
  ('opinion', '意见', 'opinion', 'opinion', 5, 'working_days', 6, '2026-01-01T00:00:00.000Z'),
  ('suggestion', '建议', 'suggestion', 'suggestion', 10, 'working_days', 7, '2026-01-01T00:00:00.000Z'),
  ('warranty_defect', '保修缺陷', 'warranty defect', 'defect', 5, 'working_days', 8, '2026-01-01T00:00:00.000Z');

INSERT INTO ticket_route (category_id, region_code, department, handler_region_code, created_at)
  SELECT id, '', '街道办事处城建科', '', '2026-01-01T00:00:00.000Z' FROM ticket_category;

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('ticket_category', 'ticket', '诉求类别', 'ticket category'),
  ('ticket_route', 'ticket', '诉求分派规则', 'ticket routing rule'),
  ('open311_client', 'ticket', 'Open311 客户端', 'Open311 client'),
  ('ticket', 'ticket', '居民诉求', 'resident ticket'),
  ('ticket_event', 'ticket', '诉求处理记录', 'ticket history'),
  ('ticket_photo', 'ticket', '诉求照片', 'ticket photo'),
  ('ticket_upload', 'ticket', '居民上传的诉求照片', 'photo uploaded by a resident'),
  ('building_contact', 'ticket', '楼栋联系人', 'building contact');
