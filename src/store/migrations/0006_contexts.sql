-- House in order (issue #11): what lets contexts own their data without knowing each other.
--
-- 1. schema_table: every table's owning context and a name people read. When a delete is refused
--    because other rows still refer to the row (a foreign key), store::DeleteRows names the
--    referring tables with these labels and answers `<context>.in_use` with the owner's context.
--    Each context's own migration adds its tables here; nothing else lists them.
CREATE TABLE schema_table (
  name     TEXT PRIMARY KEY,
  context  TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  label_en TEXT NOT NULL
);
INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('region', 'region', '行政区划', 'region'),
  ('app_user', 'auth', '用户', 'user'),
  ('user_assignment', 'auth', '用户分配', 'user assignment'),
  ('auth_session', 'auth', '登录会话', 'session'),
  ('audit_head', 'audit', '审计链头', 'audit chain head'),
  ('audit_log', 'audit', '审计日志', 'audit log entry'),
  ('estate', 'register', '小区', 'estate'),
  ('building', 'register', '楼栋', 'building'),
  ('dwelling', 'register', '房屋', 'dwelling'),
  ('owner', 'register', '业主', 'owner'),
  ('dwelling_owner', 'register', '房屋业主关系', 'dwelling owner link'),
  ('household', 'register', '住户信息', 'household'),
  ('estate_stat', 'register', '小区统计', 'estate counters'),
  ('job', 'job', '后台任务', 'background job'),
  ('stored_file', 'file', '文件', 'file'),
  ('renovation_category', 'catalogue', '改造内容类别', 'renovation category'),
  ('renovation_item', 'catalogue', '改造内容', 'renovation item'),
  ('consultation', 'consultation', '征求意见', 'consultation'),
  ('consultation_item', 'consultation', '表决事项', 'consultation item'),
  ('consultation_round', 'consultation', '表决轮次', 'consultation round'),
  ('ballot_receipt', 'consultation', '表决回执', 'ballot receipt'),
  ('ballot', 'consultation', '表决票', 'ballot'),
  ('ballot_event', 'consultation', '表决记录', 'ballot record'),
  ('ballot_code', 'consultation', '表决码', 'ballot code'),
  ('followup_assignment', 'consultation', '入户跟进分配', 'follow-up assignment'),
  ('followup_visit', 'consultation', '入户走访记录', 'follow-up visit'),
  ('checkup_catalog', 'checkup', '体检指标目录', 'check-up catalogue'),
  ('checkup_indicator', 'checkup', '体检指标', 'check-up indicator'),
  ('checkup_criterion', 'checkup', '体检判定标准', 'check-up criterion'),
  ('checkup', 'checkup', '体检任务', 'check-up'),
  ('checkup_estate', 'checkup', '体检任务中的小区', 'estate in a check-up'),
  ('checkup_observation', 'checkup', '体检采集记录', 'check-up observation'),
  ('schema_table', 'store', '数据表说明', 'table label'),
  ('catalogue_version', 'catalogue', '改造内容版本', 'catalogue version');

-- 2. Files belong to the context that stored them; the file service asks that context whether a
--    reader may see one. '' marks files stored before this migration whose owner is unknown: they
--    keep the old rule (either context's read permission, inside the reader's scope).
ALTER TABLE stored_file ADD COLUMN context TEXT NOT NULL DEFAULT '';
UPDATE stored_file SET context = 'consultation'
  WHERE id IN (SELECT evidence_file_id FROM ballot_receipt WHERE evidence_file_id IS NOT NULL);
UPDATE stored_file SET context = 'checkup'
  WHERE id IN (SELECT report_file_id FROM checkup_estate WHERE report_file_id IS NOT NULL);
-- Uploads were audited as file.upload on the uploading context's entity, with the file's SHA-256.
UPDATE stored_file SET context = COALESCE(
    (SELECT a.entity FROM audit_log a
      WHERE a.action = 'file.upload' AND a.entity IN ('checkup', 'consultation')
        AND a.changes LIKE '%' || stored_file.sha256 || '%'
      ORDER BY a.seq DESC LIMIT 1), '')
  WHERE context = '';

-- 3. The renovation catalogue's version: bumped in the same transaction as every change to items,
--    so each server's cache (service/catalogue) knows when to reload, also when several servers
--    share one PostgreSQL.
CREATE TABLE catalogue_version (
  id      INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);
