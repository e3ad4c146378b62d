-- Check-up (issue #4): the indicator catalogue as versioned data, campaigns, per-estate review,
-- observations (graded when stored), and what the renovation catalogue needs for suggestions.

-- Renovation items: unit, indicative unit cost (editable), usual payer (REFERENCE.md §1.2–1.3).
ALTER TABLE renovation_item ADD COLUMN unit TEXT NOT NULL DEFAULT '项';
ALTER TABLE renovation_item ADD COLUMN unit_cost_fen BIGINT;
ALTER TABLE renovation_item ADD COLUMN payer TEXT NOT NULL DEFAULT 'government';  -- government | utility | residents | social_capital
-- Chengdu's safety tier (REFERENCE §1.2 "local variants"): a category a city may use.
INSERT INTO renovation_category (code, name_zh, name_en, position) VALUES ('safety', '安全类', 'Safety', 0);
UPDATE renovation_item SET payer = 'utility' WHERE code IN ('B01', 'B03', 'B04', 'B06', 'B07', 'B11');
UPDATE renovation_item SET unit = '㎡' WHERE code IN ('B12', 'B13', 'B05', 'I02', 'I09');
UPDATE renovation_item SET unit = '部', payer = 'residents' WHERE code = 'I08';
UPDATE renovation_item SET unit = '个' WHERE code IN ('I05', 'I06', 'I07');

CREATE TABLE checkup_catalog (
  id           @ID@,
  year         INTEGER NOT NULL,
  name         TEXT NOT NULL,
  state        TEXT NOT NULL,          -- draft | published
  based_on     BIGINT,
  created_at   TEXT NOT NULL,
  published_at TEXT
);

CREATE TABLE checkup_indicator (
  catalog_id    BIGINT NOT NULL REFERENCES checkup_catalog (id),
  code          TEXT NOT NULL,
  name_zh       TEXT NOT NULL,
  name_en       TEXT NOT NULL,
  level         TEXT NOT NULL,         -- building | dwelling | estate
  sub_dimension TEXT NOT NULL,
  problem_unit  TEXT NOT NULL,         -- 栋 | 套 | 个 | 千米
  sums_values   INTEGER NOT NULL DEFAULT 0,
  position      INTEGER NOT NULL,
  local         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (catalog_id, code)
);

CREATE TABLE checkup_criterion (
  catalog_id      BIGINT NOT NULL REFERENCES checkup_catalog (id),
  indicator_code  TEXT NOT NULL,
  code            TEXT NOT NULL,
  name_zh         TEXT NOT NULL,
  name_en         TEXT NOT NULL,
  unit            TEXT NOT NULL,       -- '' for flags; m2 | years | count | km | m2_per_100hh
  rule            TEXT NOT NULL,       -- JSON (docs/checkup.md)
  suggested_items TEXT NOT NULL,       -- comma-separated renovation_item codes
  position        INTEGER NOT NULL,
  PRIMARY KEY (catalog_id, code)
);

-- Version 1: the national list of 2024 — 9 housing indicators (REFERENCE §2.2; indicator 8, water
-- quality, is left out as the 2024 numbering suggests) and 12 estate/community indicators (§2.3).
-- Severities of flag criteria are [inference]: the sources name the defects, not their grades,
-- except facade loss (bands) and gas pipes (age and condition).
INSERT INTO checkup_catalog (year, name, state, created_at, published_at)
  VALUES (2024, '城市体检基础指标（住房、小区）2024版', 'published', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');

INSERT INTO checkup_indicator (catalog_id, code, name_zh, name_en, level, sub_dimension, problem_unit, sums_values, position) VALUES
  (1, 'H01', '存在结构安全隐患的住宅数量', 'Housing with structural hazards', 'building', '安全耐久', '栋', 0, 1),
  (1, 'H02', '存在燃气安全隐患的住宅数量', 'Housing with gas hazards', 'building', '安全耐久', '栋', 0, 2),
  (1, 'H03', '存在楼道安全隐患的住宅数量', 'Housing with stairwell hazards', 'building', '安全耐久', '栋', 0, 3),
  (1, 'H04', '存在围护安全隐患的住宅数量', 'Housing with envelope hazards', 'building', '安全耐久', '栋', 0, 4),
  (1, 'H05', '非成套住宅数量', 'Non-self-contained dwellings', 'dwelling', '功能完备', '套', 0, 5),
  (1, 'H06', '存在管线管道破损的住宅数量', 'Housing with damaged pipes and cables', 'building', '功能完备', '栋', 0, 6),
  (1, 'H07', '需要进行适老化改造的住宅数量', 'Housing needing age-friendly work', 'building', '功能完备', '栋', 0, 7),
  (1, 'H09', '需要进行节能改造的住宅数量', 'Housing needing energy retrofit', 'building', '绿色智能', '栋', 0, 9),
  (1, 'H10', '需要进行数字化改造的住宅数量', 'Housing needing digital upgrades', 'building', '绿色智能', '栋', 0, 10),
  (1, 'C10', '未达标配建的养老服务设施数量', 'Elderly-care facilities below standard', 'estate', '设施完善', '个', 0, 11),
  (1, 'C11', '未达标配建的婴幼儿照护服务设施数量', 'Infant-care facilities below standard', 'estate', '设施完善', '个', 0, 12),
  (1, 'C12', '未达标配建的幼儿园数量', 'Kindergartens below standard', 'estate', '设施完善', '个', 0, 13),
  (1, 'C13', '小学学位缺口数', 'Primary school places short', 'estate', '设施完善', '个', 1, 14),
  (1, 'C14', '停车泊位缺口数', 'Parking spaces short', 'estate', '设施完善', '个', 1, 15),
  (1, 'C15', '新能源汽车充电桩缺口数', 'EV charging points short', 'estate', '设施完善', '个', 1, 16),
  (1, 'C16', '未配建电动自行车充电设施的小区数量', 'Estates without e-bike charging', 'estate', '设施完善', '个', 0, 17),
  (1, 'C17', '未达标配建的公共活动场地的小区数量', 'Estates with public activity space below standard', 'estate', '环境宜居', '个', 0, 18),
  (1, 'C18', '不达标的步行道长度', 'Length of substandard walkways', 'estate', '环境宜居', '千米', 1, 19),
  (1, 'C19', '未实施生活垃圾分类的小区数量', 'Estates without waste sorting', 'estate', '环境宜居', '个', 0, 20),
  (1, 'C20', '未实施物业管理的小区数量', 'Estates without property management', 'estate', '管理健全', '个', 0, 21),
  (1, 'C21', '需要进行智慧化改造的小区数量', 'Estates needing smart upgrades', 'estate', '管理健全', '个', 0, 22);

INSERT INTO checkup_criterion (catalog_id, indicator_code, code, name_zh, name_en, unit, rule, suggested_items, position) VALUES
  (1, 'H01', 'H01.cracks', '承重墙、楼板、梁出现明显裂缝或贯穿裂缝', 'Visible or through cracks in load-bearing walls, slabs or beams', '', '{"type":"flag","severity":"larger_hazard"}', 'B13', 1),
  (1, 'H01', 'H01.removed', '擅自拆改承重墙、柱或阳台墩', 'Load-bearing walls, columns or balcony piers removed', '', '{"type":"flag","severity":"larger_hazard"}', '', 2),
  (1, 'H01', 'H01.masonry', '砌体酥碱、砂浆粉化', 'Brick spalling or powdery mortar', '', '{"type":"flag","severity":"hazard"}', 'B13', 3),
  (1, 'H01', 'H01.tilt', '明显倾斜或45°沉降裂缝', 'Visible tilt or 45° settlement cracks', '', '{"type":"flag","severity":"severe"}', '', 4),
  (1, 'H01', 'H01.rebar', '钢筋锈蚀外露', 'Corroded, exposed rebar', '', '{"type":"flag","severity":"hazard"}', 'B13', 5),
  (1, 'H01', 'H01.additions', '违规加建（屋顶、悬挑）或擅自开挖地下室', 'Illegal rooftop or cantilevered additions, or basement digging', '', '{"type":"flag","severity":"hazard"}', 'I01', 6),
  (1, 'H02', 'H02.pipe_age', '燃气立管、引入管、水平管使用年限（年）且严重锈蚀或破损', 'Gas riser, inlet or horizontal pipe years in service, and badly corroded or damaged', 'years', '{"type":"age_and_condition","minYears":20,"severity":"hazard"}', 'B06', 1),
  (1, 'H02', 'H02.hose', '燃气胶管老化', 'Ageing rubber gas hoses', '', '{"type":"flag","severity":"hazard"}', 'B06', 2),
  (1, 'H02', 'H02.protection', '灶具无熄火保护，或无自闭阀、燃气报警器', 'No flame-failure protection, automatic shut-off valve or gas alarm', '', '{"type":"flag","severity":"hazard"}', 'B06', 3),
  (1, 'H02', 'H02.enclosed', '私改燃气管道、管道封闭暗埋或通风不良', 'DIY gas pipe changes, pipes boxed in, or poor ventilation', '', '{"type":"flag","severity":"hazard"}', 'B06', 4),
  (1, 'H03', 'H03.stairs', '踏步、扶手损坏或护栏松动', 'Broken stair treads or handrails, loose guardrails', '', '{"type":"flag","severity":"hazard"}', 'B14', 1),
  (1, 'H03', 'H03.lighting', '楼道照明损坏', 'Stairwell lighting out', '', '{"type":"flag","severity":"hazard"}', 'B10,B14', 2),
  (1, 'H03', 'H03.fire', '防火门缺失或不能关闭、消火栓无水、灭火器缺失、疏散标志损坏', 'Fire doors, hydrants, extinguishers or exit signs missing or broken', '', '{"type":"flag","severity":"larger_hazard"}', 'B08', 3),
  (1, 'H03', 'H03.clutter', '楼道、管井堆物，电动自行车楼道停放或充电', 'Clutter in stairs or shafts; e-bikes parked or charged in corridors', '', '{"type":"flag","severity":"larger_hazard"}', 'B14,I06', 4),
  (1, 'H04', 'H04.finish_loss', '外墙饰面或保温层开裂、脱落面积（㎡）', 'Area of facade finish or insulation cracked or falling off (m²)', 'm2', '{"type":"bands","bands":[{"upTo":"10","inclusive":false,"severity":"hazard"},{"upTo":"30","inclusive":true,"severity":"larger_hazard"},{"severity":"severe"}]}', 'B13', 1),
  (1, 'H04', 'H04.fixtures', '外挂物（空调支架、招牌）松动，玻璃破损', 'Loose external fixtures (AC brackets, signs), broken glass', '', '{"type":"flag","severity":"hazard"}', 'B13', 2),
  (1, 'H04', 'H04.roof', '屋面渗漏或排水不畅', 'Roof leaks or poor drainage', '', '{"type":"flag","severity":"hazard"}', 'B12', 3),
  (1, 'H04', 'H04.damp', '地下室或内墙潮湿', 'Damp basements or inner walls', '', '{"type":"flag","severity":"problem"}', 'B12', 4),
  (1, 'H04', 'H04.canopy', '雨篷、散水、变形缝损坏', 'Damaged canopies, aprons or expansion joints', '', '{"type":"flag","severity":"hazard"}', 'B13', 5),
  (1, 'H05', 'H05.not_self_contained', '无独立厨房或无独立卫生间', 'No separate kitchen or bathroom', '', '{"type":"flag","severity":"problem"}', '', 1),
  (1, 'H06', 'H06.water', '给水管道漏水', 'Leaking water pipes', '', '{"type":"flag","severity":"problem"}', 'B01', 1),
  (1, 'H06', 'H06.drain', '排水管道老化、渗漏或堵塞', 'Ageing, leaking or blocked drains', '', '{"type":"flag","severity":"problem"}', 'B02', 2),
  (1, 'H06', 'H06.heating', '供暖期室内温度不达标', 'Indoor temperature below standard in the heating season', '', '{"type":"flag","severity":"problem"}', 'B07', 3),
  (1, 'H06', 'H06.cables', '电线裸露、老化或私拉乱接', 'Exposed, aged or illegally tapped cables', '', '{"type":"flag","severity":"hazard"}', 'B03,B11', 4),
  (1, 'H07', 'H07.entrance', '出入口无无障碍坡道或不防滑', 'Entrance not barrier-free or not slip-proof', '', '{"type":"flag","severity":"problem"}', 'I04', 1),
  (1, 'H07', 'H07.handrail', '楼梯间无靠墙扶手', 'No wall handrail in the stairwell', '', '{"type":"flag","severity":"problem"}', 'I04', 2),
  (1, 'H07', 'H07.lift', '多层住宅具备条件但未加装电梯', 'Multi-storey building without a lift where one is feasible', '', '{"type":"flag","severity":"problem"}', 'I08', 3),
  (1, 'H07', 'H07.lighting', '楼道照明无声控、光控或定时控制', 'Corridor lighting without sound, light or timer control', '', '{"type":"flag","severity":"problem"}', 'B10', 4),
  (1, 'H09', 'H09.insulation', '外墙无保温', 'No external wall insulation', '', '{"type":"flag","severity":"problem"}', 'I09', 1),
  (1, 'H09', 'H09.windows', '外窗为非节能窗', 'Non-energy-saving windows', '', '{"type":"flag","severity":"problem"}', 'I09', 2),
  (1, 'H10', 'H10.security', '公共区域无入侵报警或视频监控', 'No intrusion alarm or CCTV in common areas', '', '{"type":"flag","severity":"problem"}', 'B09', 1),
  (1, 'H10', 'H10.smoke', '高层住宅楼梯间、前室、走道无烟感', 'No smoke detectors in high-rise stairs, lobbies or corridors', '', '{"type":"flag","severity":"hazard"}', 'B08', 2),
  (1, 'C10', 'C10.elderly_area', '养老服务设施面积（㎡/百户）', 'Elderly-care space (m² per 100 households)', 'm2_per_100hh', '{"type":"below","min":"20","severity":"problem"}', 'U04', 1),
  (1, 'C11', 'C11.missing', '未配建婴幼儿照护服务设施', 'No infant-care facility', '', '{"type":"flag","severity":"problem"}', 'U05', 1),
  (1, 'C12', 'C12.missing', '未达标配建幼儿园', 'Kindergarten below standard', '', '{"type":"flag","severity":"problem"}', 'U03', 1),
  (1, 'C13', 'C13.shortfall', '小学学位缺口（个）', 'Primary school places short', 'count', '{"type":"shortfall","severity":"problem"}', '', 1),
  (1, 'C14', 'C14.shortfall', '停车泊位缺口（个）', 'Parking spaces short', 'count', '{"type":"shortfall","severity":"problem"}', 'I05', 1),
  (1, 'C14', 'C14.fire_lane', '消防通道被占用', 'Fire lane occupied', '', '{"type":"flag","severity":"larger_hazard"}', 'B08,I05', 2),
  (1, 'C15', 'C15.shortfall', '新能源汽车充电桩缺口（个）', 'EV charging points short', 'count', '{"type":"shortfall","severity":"problem"}', 'I06', 1),
  (1, 'C16', 'C16.missing', '未配建电动自行车集中充电设施', 'No central e-bike charging', '', '{"type":"flag","severity":"problem"}', 'I06', 1),
  (1, 'C16', 'C16.flying_lead', '存在“飞线”充电', '"Flying-lead" charging', '', '{"type":"flag","severity":"larger_hazard"}', 'I06', 2),
  (1, 'C17', 'C17.area', '公共活动场地面积（㎡）', 'Public activity space (m²)', 'm2', '{"type":"below","min":"150","severity":"problem"}', 'I03', 1),
  (1, 'C17', 'C17.broken', '儿童、老年、健身设施缺失或损坏，安全地垫破损', 'Play, elderly or fitness facilities missing or broken', '', '{"type":"flag","severity":"problem"}', 'I03', 2),
  (1, 'C18', 'C18.length', '破损、过窄、积水或照明不足的步行道长度（千米）', 'Length of broken, narrow, puddling or dark walkways (km)', 'km', '{"type":"shortfall","severity":"problem"}', 'B05,B10', 1),
  (1, 'C19', 'C19.not_sorted', '未实施生活垃圾分类', 'Household waste not sorted', '', '{"type":"flag","severity":"problem"}', 'B15', 1),
  (1, 'C20', 'C20.none', '无任何形式的物业管理', 'No property management of any kind', '', '{"type":"flag","severity":"problem"}', 'I10', 1),
  (1, 'C21', 'C21.missing', '缺少智能安防、智能快件箱或高空抛物监控', 'Smart security, parcel lockers or high-altitude-throw cameras missing', '', '{"type":"flag","severity":"problem"}', 'U09,I07', 1);

CREATE TABLE checkup (
  id          @ID@,
  title       TEXT NOT NULL,
  year        INTEGER NOT NULL,
  region_code TEXT NOT NULL,            -- the street (or community) the campaign covers
  catalog_id  BIGINT NOT NULL REFERENCES checkup_catalog (id),
  created_by  BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX checkup_region ON checkup (region_code, id);

CREATE TABLE checkup_estate (
  checkup_id   BIGINT NOT NULL REFERENCES checkup (id),
  estate_id    BIGINT NOT NULL REFERENCES estate (id),
  region_code  TEXT NOT NULL,
  assignee_id  BIGINT REFERENCES app_user (id),
  status       TEXT NOT NULL,           -- draft | submitted | approved | returned
  comment      TEXT NOT NULL DEFAULT '',
  submitted_at TEXT,
  approved_at  TEXT,
  report_file_id BIGINT REFERENCES stored_file (id),
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (checkup_id, estate_id)
);
CREATE INDEX checkup_estate_region ON checkup_estate (region_code, status);

CREATE TABLE checkup_observation (
  id          @ID@,
  checkup_id  BIGINT NOT NULL REFERENCES checkup (id),
  estate_id   BIGINT NOT NULL REFERENCES estate (id),
  region_code TEXT NOT NULL,
  client_id   TEXT NOT NULL,
  building_id BIGINT REFERENCES building (id),
  dwelling_id BIGINT REFERENCES dwelling (id),
  indicator   TEXT NOT NULL,
  criterion   TEXT NOT NULL,
  present     INTEGER NOT NULL DEFAULT 0,
  value       BIGINT,                   -- hundredths
  condition_met INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  photo_ids   TEXT NOT NULL DEFAULT '',
  lat_e6      BIGINT,
  lng_e6      BIGINT,
  observed_at TEXT NOT NULL,
  object_key  TEXT NOT NULL,            -- what the indicator counts: b:<id> | d:<id> | e:<id>
  severity    TEXT,                     -- graded on write with the campaign's catalogue version
  user_id     BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (checkup_id, client_id)
);
CREATE INDEX checkup_observation_estate ON checkup_observation (checkup_id, estate_id);
CREATE INDEX checkup_observation_region ON checkup_observation (region_code, indicator);
