-- Consultation and owner decisions (issue #5): the renovation catalogue, consultations with items,
-- rounds, ballots (current and every change), receipts, online codes, follow-up work, stored files.

-- The renovation content catalogue (REFERENCE.md §1.2, 国办发〔2020〕23号). Categories are data: a
-- city may add its own tier (Chengdu's 安全类) or items without a code change.
CREATE TABLE renovation_category (
  code     TEXT PRIMARY KEY,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE renovation_item (
  code     TEXT PRIMARY KEY,
  category TEXT NOT NULL REFERENCES renovation_category (code),
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  position INTEGER NOT NULL,
  active   INTEGER NOT NULL DEFAULT 1
);
INSERT INTO renovation_category (code, name_zh, name_en, position) VALUES
  ('basic', '基础类', 'Basic', 1), ('improve', '完善类', 'Improvement', 2), ('upgrade', '提升类', 'Upgrade', 3);
INSERT INTO renovation_item (code, category, name_zh, name_en, position) VALUES
  ('B01', 'basic', '供水设施改造', 'Water supply', 1),
  ('B02', 'basic', '排水设施改造（雨污分流）', 'Drainage (separate rain and sewage)', 2),
  ('B03', 'basic', '供电设施改造', 'Power supply', 3),
  ('B04', 'basic', '弱电与通信（光纤入户）', 'Telecom and fibre to the home', 4),
  ('B05', 'basic', '小区道路', 'Estate roads', 5),
  ('B06', 'basic', '燃气管道', 'Gas pipework', 6),
  ('B07', 'basic', '供热设施', 'Heating', 7),
  ('B08', 'basic', '消防设施与消防通道', 'Fire safety and fire lanes', 8),
  ('B09', 'basic', '安防设施', 'Security facilities', 9),
  ('B10', 'basic', '公共照明', 'Public lighting', 10),
  ('B11', 'basic', '架空线规整（入地）', 'Tidy or bury overhead cables', 11),
  ('B12', 'basic', '屋面防水', 'Roof waterproofing', 12),
  ('B13', 'basic', '外墙修缮', 'External walls', 13),
  ('B14', 'basic', '楼道修缮与清理', 'Stairwell repair and clearing', 14),
  ('B15', 'basic', '生活垃圾分类设施', 'Waste sorting facilities', 15),
  ('B16', 'basic', '围墙修缮', 'Boundary walls', 16),
  ('I01', 'improve', '拆除违法建设', 'Demolish illegal structures', 1),
  ('I02', 'improve', '绿化提升', 'Greenery', 2),
  ('I03', 'improve', '口袋公园与健身设施', 'Pocket parks and fitness equipment', 3),
  ('I04', 'improve', '适老化与无障碍设施', 'Age-friendly and barrier-free facilities', 4),
  ('I05', 'improve', '停车场（库）', 'Parking', 5),
  ('I06', 'improve', '汽车与电动自行车充电设施', 'Car and e-bike charging', 6),
  ('I07', 'improve', '智能快件箱与信报箱', 'Parcel lockers and letter boxes', 7),
  ('I08', 'improve', '加装电梯', 'Add lifts', 8),
  ('I09', 'improve', '建筑节能改造', 'Building energy retrofit', 9),
  ('I10', 'improve', '物业用房', 'Property-management premises', 10),
  ('I11', 'improve', '文化休闲与体育设施', 'Culture, leisure and sports facilities', 11),
  ('I12', 'improve', '公共信息公示栏', 'Public notice board', 12),
  ('U01', 'upgrade', '社区综合服务设施', 'Community service centre', 1),
  ('U02', 'upgrade', '卫生服务站', 'Health service station', 2),
  ('U03', 'upgrade', '幼儿园', 'Kindergarten', 3),
  ('U04', 'upgrade', '养老服务设施', 'Elderly care', 4),
  ('U05', 'upgrade', '托育服务设施', 'Childcare', 5),
  ('U06', 'upgrade', '助餐服务', 'Meal assistance', 6),
  ('U07', 'upgrade', '便民市场与便利店', 'Convenience market and stores', 7),
  ('U08', 'upgrade', '邮政快递末端综合服务站', 'Postal and parcel end-point station', 8),
  ('U09', 'upgrade', '智能感知设施（周界防护、车辆识别）', 'Smart sensing (perimeter, vehicle cameras)', 9);

-- Uploaded evidence (a photo of a signed ballot form). Bytes live in <var>/files/<sha256>.
CREATE TABLE stored_file (
  id           @ID@,
  sha256       TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes   BIGINT NOT NULL,
  name         TEXT NOT NULL,
  region_code  TEXT NOT NULL,
  uploaded_by  BIGINT NOT NULL,
  created_at   TEXT NOT NULL
);

CREATE TABLE consultation (
  id            @ID@,
  estate_id     BIGINT NOT NULL REFERENCES estate (id),
  region_code   TEXT NOT NULL,
  title         TEXT NOT NULL,
  kind          TEXT NOT NULL,      -- willingness | menu | plan_approval | formal_decision | management
  law_version   TEXT NOT NULL,      -- civil-code-2021 | property-law-2007
  state         TEXT NOT NULL,      -- draft | open | closed
  current_round INTEGER NOT NULL DEFAULT 0,
  ballots_cast  BIGINT NOT NULL DEFAULT 0,  -- also the per-consultation ballot sequence (row lock)
  opens_at      TEXT,
  closes_at     TEXT,
  opened_at     TEXT,
  closed_at     TEXT,
  created_by    BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX consultation_region ON consultation (region_code, id);
CREATE INDEX consultation_estate ON consultation (estate_id, id);

CREATE TABLE consultation_item (
  id                @ID@,
  consultation_id   BIGINT NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  title             TEXT NOT NULL,
  catalog_item_code TEXT,
  rule              TEXT NOT NULL,   -- JSON, as in the API
  scope_type        TEXT NOT NULL,   -- estate | building | stairwell
  building_id       BIGINT REFERENCES building (id),
  stairwell         INTEGER
);
CREATE INDEX consultation_item_c ON consultation_item (consultation_id, position);

CREATE TABLE consultation_round (
  consultation_id BIGINT NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  number          INTEGER NOT NULL,
  item_ids        TEXT NOT NULL,     -- comma-separated
  dwelling_ids    TEXT,              -- comma-separated; NULL = every dwelling
  opened_at       TEXT NOT NULL,
  opened_by       BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, number)
);

-- One row per accepted ballot submission; the receipt code is what residents check publicly.
CREATE TABLE ballot_receipt (
  code             TEXT PRIMARY KEY,
  consultation_id  BIGINT NOT NULL REFERENCES consultation (id),
  dwelling_id      BIGINT NOT NULL,
  round            INTEGER NOT NULL,
  channel          TEXT NOT NULL,    -- door | paper | online
  choices          TEXT NOT NULL,    -- JSON [{"itemId":…,"choice":…}]
  dwelling_ids     TEXT NOT NULL,    -- the dwellings it was recorded for (comma-separated)
  evidence_file_id BIGINT REFERENCES stored_file (id),
  user_id          BIGINT NOT NULL,  -- 0 when cast online by the resident
  cast_at          TEXT NOT NULL
);
CREATE INDEX ballot_receipt_c ON ballot_receipt (consultation_id, dwelling_id);

-- The standing ballot of each dwelling on each item.
CREATE TABLE ballot (
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  item_id         BIGINT NOT NULL REFERENCES consultation_item (id),
  dwelling_id     BIGINT NOT NULL REFERENCES dwelling (id),
  choice          TEXT NOT NULL,     -- agree | disagree | abstain
  round           INTEGER NOT NULL,
  channel         TEXT NOT NULL,
  receipt         TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  cast_at         TEXT NOT NULL,
  PRIMARY KEY (item_id, dwelling_id)
);
CREATE INDEX ballot_c ON ballot (consultation_id, dwelling_id);

-- Every ballot ever recorded (changes included), for per-round tallies and the audit trail.
CREATE TABLE ballot_event (
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  seq             BIGINT NOT NULL,
  item_id         BIGINT NOT NULL,
  dwelling_id     BIGINT NOT NULL,
  choice          TEXT NOT NULL,
  round           INTEGER NOT NULL,
  receipt         TEXT NOT NULL,
  PRIMARY KEY (consultation_id, seq, item_id, dwelling_id)
);

-- The one-time code printed on each paper ballot (online voting; QR).
CREATE TABLE ballot_code (
  code            TEXT PRIMARY KEY,
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  dwelling_id     BIGINT NOT NULL REFERENCES dwelling (id),
  used_round      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (consultation_id, dwelling_id)
);

CREATE TABLE followup_assignment (
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  dwelling_id     BIGINT NOT NULL REFERENCES dwelling (id),
  user_id         BIGINT NOT NULL REFERENCES app_user (id),
  assigned_by     BIGINT NOT NULL,
  assigned_at     TEXT NOT NULL,
  PRIMARY KEY (consultation_id, dwelling_id)
);

CREATE TABLE followup_visit (
  id              @ID@,
  consultation_id BIGINT NOT NULL REFERENCES consultation (id),
  dwelling_id     BIGINT NOT NULL REFERENCES dwelling (id),
  item_id         BIGINT,
  outcome         TEXT NOT NULL,     -- absent | refused | agreed | will_decide
  note            TEXT NOT NULL,
  user_id         BIGINT NOT NULL,
  visited_at      TEXT NOT NULL
);
CREATE INDEX followup_visit_c ON followup_visit (consultation_id, dwelling_id, id);
