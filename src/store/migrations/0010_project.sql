-- Projects and money (issue #12; core/project/README.md): annual plans, projects (one estate or an
-- area package) with their gates and documents, participating units, budget items and change
-- orders, the multi-source funding ledger, resident bills, the resource list and publicity (公示).
-- Money in fen, area in dm², dates as 'YYYY-MM-DD', times as UTC ISO 8601.

-- 年度计划: one per region (normally a county) and year (REFERENCE.md §1.4 step 1).
CREATE TABLE annual_plan (
  id                @ID@,
  region_code       TEXT NOT NULL,
  year              INTEGER NOT NULL,
  target_estates    BIGINT NOT NULL,
  target_households BIGINT NOT NULL,
  created_by        BIGINT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  UNIQUE (region_code, year)
);

-- 项目: one estate, or an area project (片区) packaging several.
CREATE TABLE project (
  id          @ID@,
  name        TEXT NOT NULL,
  year        INTEGER NOT NULL,
  kind        TEXT NOT NULL,            -- estate | area
  region_code TEXT NOT NULL,            -- the common prefix the project lies in (its street or county)
  status      TEXT NOT NULL,            -- reserve … handed_over (core/project/gates.hpp)
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX project_region ON project (region_code, year, id);

CREATE TABLE project_estate (
  project_id  BIGINT NOT NULL REFERENCES project (id),
  estate_id   BIGINT NOT NULL REFERENCES estate (id),
  region_code TEXT NOT NULL,
  PRIMARY KEY (project_id, estate_id)
);
CREATE INDEX project_estate_estate ON project_estate (estate_id);

-- The status history: every transition, who and when (the audit log has it too, chained).
CREATE TABLE project_transition (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  actor_id    BIGINT NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX project_transition_project ON project_transition (project_id, id);

-- Gate documents: an uploaded file, or a recorded fact (a permit number, a meeting's date), or both.
CREATE TABLE project_document (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  kind        TEXT NOT NULL,            -- core/project/gates.hpp DocumentKind
  title       TEXT NOT NULL,
  reference   TEXT NOT NULL DEFAULT '', -- number, issuing body, date as written on the paper
  file_id     BIGINT REFERENCES stored_file (id),
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX project_document_project ON project_document (project_id, kind);

-- Participating units: design, construction, supervision (监理), material supply.
CREATE TABLE project_unit (
  project_id  BIGINT NOT NULL REFERENCES project (id),
  role        TEXT NOT NULL,            -- design | construction | supervision | material
  company     TEXT NOT NULL,
  credit_code TEXT NOT NULL DEFAULT '', -- 统一社会信用代码, when known
  contact     TEXT NOT NULL,
  phone       TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, role)
);

-- Budget lines: an item of the renovation catalogue with quantity × unit price, then the amounts at
-- each stage (概算 estimate, 预算 budget, 合同 contract, 结算 settlement). Quantity in hundredths.
CREATE TABLE budget_item (
  id              @ID@,
  project_id      BIGINT NOT NULL REFERENCES project (id),
  item_code       TEXT NOT NULL REFERENCES renovation_item (code),
  description     TEXT NOT NULL DEFAULT '',
  unit            TEXT NOT NULL,
  quantity_centi  BIGINT NOT NULL,
  unit_price_fen  BIGINT NOT NULL,
  estimate_fen    BIGINT NOT NULL,
  budget_fen      BIGINT,
  contract_fen    BIGINT,
  settlement_fen  BIGINT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX budget_item_project ON budget_item (project_id, id);

-- Change orders (设计变更/工程洽商): a signed amount against a budget line, with its approval.
CREATE TABLE change_order (
  id              @ID@,
  project_id      BIGINT NOT NULL REFERENCES project (id),
  budget_item_id  BIGINT NOT NULL REFERENCES budget_item (id),
  amount_fen      BIGINT NOT NULL,
  reason          TEXT NOT NULL,
  approved_by     TEXT NOT NULL,        -- who signed it off, as on the paper
  approved_on     TEXT NOT NULL,
  file_id         BIGINT REFERENCES stored_file (id),
  created_by      BIGINT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX change_order_project ON change_order (project_id, id);

-- The funding ledger: committed (计划/承诺), received (到位), paid (支付) per source, each dated.
CREATE TABLE fund_entry (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  region_code TEXT NOT NULL,
  year        INTEGER NOT NULL,
  source      TEXT NOT NULL,
  kind        TEXT NOT NULL,            -- committed | received | paid
  amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
  on_date     TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX fund_entry_project ON fund_entry (project_id, id);
CREATE INDEX fund_entry_region ON fund_entry (region_code, year);

-- Resident contributions billed per dwelling (Chengdu: 800 yuan per household for the water meter).
CREATE TABLE resident_bill (
  id          @ID@,
  project_id  BIGINT NOT NULL REFERENCES project (id),
  dwelling_id BIGINT NOT NULL REFERENCES dwelling (id),
  estate_id   BIGINT NOT NULL REFERENCES estate (id),
  purpose     TEXT NOT NULL,
  amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
  paid_on     TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (project_id, dwelling_id, purpose)
);

-- 资源清单 (REFERENCE.md §2.5): idle or disused spaces an estate could put to use.
CREATE TABLE estate_resource (
  id           @ID@,
  estate_id    BIGINT NOT NULL REFERENCES estate (id),
  region_code  TEXT NOT NULL,
  description  TEXT NOT NULL,
  area_dm2     BIGINT NOT NULL CHECK (area_dm2 > 0),
  owner        TEXT NOT NULL,           -- who holds the space (业主共有, 单位, 公房 …)
  proposed_use TEXT NOT NULL,           -- pocket_park | parking | elderly_station | childcare_station | other
  found_by     TEXT NOT NULL,           -- checkup | staff
  project_id   BIGINT REFERENCES project (id),
  created_by   BIGINT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX estate_resource_region ON estate_resource (region_code, id);

-- Publicity (公示): a notice keeps every version; a revision restarts the window.
CREATE TABLE publicity_notice (
  id              @ID@,
  project_id      BIGINT NOT NULL REFERENCES project (id),
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL,        -- plan | design | budget | result | completion
  current_version INTEGER NOT NULL,
  created_by      BIGINT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX publicity_notice_project ON publicity_notice (project_id, id);

CREATE TABLE publicity_version (
  notice_id     BIGINT NOT NULL REFERENCES publicity_notice (id),
  version       INTEGER NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  starts_on     TEXT NOT NULL,
  working_days  INTEGER NOT NULL,
  ends_on       TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',  -- why it was revised (empty for the first)
  photo_file_id BIGINT REFERENCES stored_file (id),  -- the board as posted on site
  created_by    BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (notice_id, version)
);

CREATE TABLE publicity_objection (
  id          @ID@,
  notice_id   BIGINT NOT NULL REFERENCES publicity_notice (id),
  version     INTEGER NOT NULL,
  content     TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  client_key  TEXT NOT NULL,            -- a keyed hash of the sender's address, for the rate limit
  received_at TEXT NOT NULL,
  answer      TEXT,
  answered_by BIGINT,
  answered_at TEXT
);
CREATE INDEX publicity_objection_notice ON publicity_objection (notice_id, id);
CREATE INDEX publicity_objection_client ON publicity_objection (client_key, received_at);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('annual_plan', 'project', '年度计划', 'annual plan'),
  ('project', 'project', '改造项目', 'project'),
  ('project_estate', 'project', '项目所含小区', 'project estate'),
  ('project_transition', 'project', '项目状态记录', 'project status change'),
  ('project_document', 'project', '项目要件', 'project document'),
  ('project_unit', 'project', '参建单位', 'participating unit'),
  ('budget_item', 'project', '预算明细', 'budget line'),
  ('change_order', 'project', '变更签证', 'change order'),
  ('fund_entry', 'project', '资金台账', 'funding entry'),
  ('resident_bill', 'project', '居民出资账单', 'resident bill'),
  ('estate_resource', 'project', '资源清单', 'estate resource'),
  ('publicity_notice', 'project', '公示', 'publicity notice'),
  ('publicity_version', 'project', '公示版本', 'publicity version'),
  ('publicity_objection', 'project', '公示异议', 'publicity objection');
