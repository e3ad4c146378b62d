-- Long-term management after renovation (长效管理; issue #15 "Long-term management";
-- core/stewardship/README.md, docs/stewardship.md): the management mode of an estate with the owners'
-- vote that chose it, the owners' committee, the property contract, fee bills per dwelling and their
-- payments, the "三个一点" sources of the fee money, the maintenance fund (住宅专项维修资金) and the
-- transfer of utility assets per network. Money in fen, area in dm², dates 'YYYY-MM-DD' (Beijing),
-- times UTC ISO 8601.

-- The modes of an estate, oldest first; the current one has no ended_on. mode: property_company |
-- hosting | self_management | red_steward. consultation_id: the owners' vote (Art. 278 (4)) that
-- decided it, when one was needed.
CREATE TABLE management_mode (
  id              @ID@,
  estate_id       BIGINT NOT NULL REFERENCES estate (id),
  region_code     TEXT NOT NULL,
  mode            TEXT NOT NULL,
  consultation_id BIGINT REFERENCES consultation (id),
  company         TEXT NOT NULL DEFAULT '',
  fee_fen_per_m2  BIGINT,                    -- fen per m² per month
  started_on      TEXT NOT NULL,
  ended_on        TEXT,
  created_by      BIGINT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX management_mode_estate ON management_mode (estate_id, id);
CREATE INDEX management_mode_region ON management_mode (region_code);

-- The estate's owners' committee (业委会) or property management committee (物业管理委员会):
-- kind owners_committee | management_committee, its term and the assembly that elected it.
CREATE TABLE estate_committee (
  estate_id       BIGINT PRIMARY KEY REFERENCES estate (id),
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  term_start      TEXT NOT NULL,
  term_end        TEXT NOT NULL,
  consultation_id BIGINT REFERENCES consultation (id),
  updated_by      BIGINT NOT NULL,
  updated_at      TEXT NOT NULL
);

-- Its members in the order given; phone is personal data (never public).
CREATE TABLE committee_member (
  estate_id   BIGINT NOT NULL REFERENCES estate_committee (estate_id),
  region_code TEXT NOT NULL,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL,
  phone       TEXT,
  PRIMARY KEY (estate_id, position)
);

-- The property service contract in force: fee in fen per m² per month, billing monthly | yearly,
-- services one per line.
CREATE TABLE property_contract (
  estate_id      BIGINT PRIMARY KEY REFERENCES estate (id),
  region_code    TEXT NOT NULL,
  company        TEXT NOT NULL,
  uscc           TEXT NOT NULL DEFAULT '',
  term_start     TEXT NOT NULL,
  term_end       TEXT NOT NULL,
  fee_fen_per_m2 BIGINT NOT NULL CHECK (fee_fen_per_m2 >= 0),
  billing        TEXT NOT NULL,
  services       TEXT NOT NULL DEFAULT '',
  updated_by     BIGINT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- One bill per dwelling and period ('YYYY-MM' or 'YYYY'): the area and fee it was computed from.
CREATE TABLE fee_bill (
  id             @ID@,
  estate_id      BIGINT NOT NULL REFERENCES estate (id),
  dwelling_id    BIGINT NOT NULL REFERENCES dwelling (id),
  region_code    TEXT NOT NULL,
  period         TEXT NOT NULL,
  area_dm2       BIGINT NOT NULL,
  fee_fen_per_m2 BIGINT NOT NULL,
  amount_fen     BIGINT NOT NULL CHECK (amount_fen >= 0),
  paid_fen       BIGINT NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= amount_fen),
  created_at     TEXT NOT NULL,
  UNIQUE (dwelling_id, period)
);
CREATE INDEX fee_bill_estate ON fee_bill (estate_id, period);

CREATE TABLE fee_payment (
  id          @ID@,
  bill_id     BIGINT NOT NULL REFERENCES fee_bill (id),
  region_code TEXT NOT NULL,
  amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
  paid_on     TEXT NOT NULL,
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX fee_payment_bill ON fee_payment (bill_id, id);

-- Where the fee money comes from ("三个一点"): government_reward | market_income | resident_fees.
CREATE TABLE fee_source_entry (
  id          @ID@,
  estate_id   BIGINT NOT NULL REFERENCES estate (id),
  region_code TEXT NOT NULL,
  source      TEXT NOT NULL,
  amount_fen  BIGINT NOT NULL CHECK (amount_fen > 0),
  on_date     TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX fee_source_entry_estate ON fee_source_entry (estate_id, id);

-- The maintenance fund of an estate as its entries: initial | raise | use, each with the owners'
-- decision that allowed it (Art. 278 (5) use, (6) raise).
CREATE TABLE maintenance_fund_entry (
  id              @ID@,
  estate_id       BIGINT NOT NULL REFERENCES estate (id),
  region_code     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  amount_fen      BIGINT NOT NULL CHECK (amount_fen > 0),
  on_date         TEXT NOT NULL,
  purpose         TEXT NOT NULL DEFAULT '',
  consultation_id BIGINT REFERENCES consultation (id),
  created_by      BIGINT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX maintenance_fund_entry_estate ON maintenance_fund_entry (estate_id, id);

-- Utility assets per network: pending | agreed | transferred, the day and the receiving utility.
CREATE TABLE utility_transfer (
  estate_id       BIGINT NOT NULL REFERENCES estate (id),
  network         TEXT NOT NULL,
  region_code     TEXT NOT NULL,
  status          TEXT NOT NULL,
  on_date         TEXT,
  utility         TEXT NOT NULL DEFAULT '',
  consultation_id BIGINT REFERENCES consultation (id),
  updated_by      BIGINT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (estate_id, network)
);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('management_mode', 'stewardship', '管理模式', 'management mode'),
  ('estate_committee', 'stewardship', '业主委员会', 'owners'' committee'),
  ('committee_member', 'stewardship', '委员会成员', 'committee member'),
  ('property_contract', 'stewardship', '物业服务合同', 'property contract'),
  ('fee_bill', 'stewardship', '物业费账单', 'fee bill'),
  ('fee_payment', 'stewardship', '物业费缴费', 'fee payment'),
  ('fee_source_entry', 'stewardship', '物业经费来源', 'fee source entry'),
  ('maintenance_fund_entry', 'stewardship', '维修资金台账', 'maintenance fund entry'),
  ('utility_transfer', 'stewardship', '专营设施移交', 'utility asset transfer');
