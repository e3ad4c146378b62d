-- Public portal (issue #15 "Tamper evidence anyone can check"; docs/portal.md): each Beijing day the
-- head of the audit chain (the last row's seq and hash) is published here and every earlier one is
-- kept, so anyone who saved the list of published heads can check later that history was not
-- rewritten (`huanxin audit verify --against FILE`). Platform-wide: no region_code (the chain is
-- one for the whole deployment). `audit_head` (0001) is the live head; this is its daily record.
CREATE TABLE audit_published_head (
  on_date      TEXT PRIMARY KEY,      -- 'YYYY-MM-DD', Beijing date
  seq          BIGINT NOT NULL,
  hash         TEXT NOT NULL,
  published_at TEXT NOT NULL          -- UTC ISO 8601
);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('audit_published_head', 'audit', '审计链头公布记录', 'published audit chain head');
