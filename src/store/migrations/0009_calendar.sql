-- The official working-day calendar (法定节假日与调休; REFERENCE.md §9, docs/calendar.md): per year,
-- the days off whatever the weekday (holiday) and the weekend days that are working days (workday).
-- Every other weekday is a working day, every other weekend day is not (core/calendar). Windows
-- counted in working days (publicity, rectification deadlines, ticket SLAs) read it through
-- service/calendar; an administrator loads the next year each November (PUT /api/v1/calendar/{year}).
-- A year that is not here is never guessed: counting into it is refused.
CREATE TABLE calendar_year (
  year      INTEGER PRIMARY KEY,
  source    TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
);

-- One row per listed date ('YYYY-MM-DD'); the year's rows are replaced together.
CREATE TABLE calendar_day (
  day  TEXT PRIMARY KEY,
  year INTEGER NOT NULL REFERENCES calendar_year (year),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
);
CREATE INDEX calendar_day_year ON calendar_day (year);

-- Moves whenever a year is loaded (in the same transaction), so each server's cache
-- (service/calendar) knows when to reload, also when several servers share one PostgreSQL.
CREATE TABLE calendar_version (
  id      INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 1);

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('calendar_year', 'calendar', '工作日历年度', 'calendar year'),
  ('calendar_day', 'calendar', '节假日与调休日', 'holiday or working weekend day'),
  ('calendar_version', 'calendar', '工作日历版本', 'calendar version');

-- 2025 and 2026 as the State Council General Office published them (REFERENCE.md §9).
INSERT INTO calendar_year (year, source, loaded_at, loaded_by) VALUES
  (2025, '国务院办公厅关于2025年部分节假日安排的通知', '2026-12-03T00:00:00.000Z', 'migration'),
  (2026, '国务院办公厅关于2026年部分节假日安排的通知', '2026-12-03T00:00:00.000Z', 'migration');

-- 2025: Jan 1; Jan 28 – Feb 4; Apr 4 – 6; May 1 – 5; May 31 – Jun 2; Oct 1 – 8 off;
-- Jan 26 (Sun), Feb 8 (Sat), Apr 27 (Sun), Sep 28 (Sun), Oct 11 (Sat) worked.
INSERT INTO calendar_day (day, year, kind) VALUES
  ('2025-01-01', 2025, 'holiday'),
  ('2025-01-28', 2025, 'holiday'),
  ('2025-01-29', 2025, 'holiday'),
  ('2025-01-30', 2025, 'holiday'),
  ('2025-01-31', 2025, 'holiday'),
  ('2025-02-01', 2025, 'holiday'),
  ('2025-02-02', 2025, 'holiday'),
  ('2025-02-03', 2025, 'holiday'),
  ('2025-02-04', 2025, 'holiday'),
  ('2025-04-04', 2025, 'holiday'),
  ('2025-04-05', 2025, 'holiday'),
  ('2025-04-06', 2025, 'holiday'),
  ('2025-05-01', 2025, 'holiday'),
  ('2025-05-02', 2025, 'holiday'),
  ('2025-05-03', 2025, 'holiday'),
  ('2025-05-04', 2025, 'holiday'),
  ('2025-05-05', 2025, 'holiday'),
  ('2025-05-31', 2025, 'holiday'),
  ('2025-06-01', 2025, 'holiday'),
  ('2025-06-02', 2025, 'holiday'),
  ('2025-10-01', 2025, 'holiday'),
  ('2025-10-02', 2025, 'holiday'),
  ('2025-10-03', 2025, 'holiday'),
  ('2025-10-04', 2025, 'holiday'),
  ('2025-10-05', 2025, 'holiday'),
  ('2025-10-06', 2025, 'holiday'),
  ('2025-10-07', 2025, 'holiday'),
  ('2025-10-08', 2025, 'holiday'),
  ('2025-01-26', 2025, 'workday'),
  ('2025-02-08', 2025, 'workday'),
  ('2025-04-27', 2025, 'workday'),
  ('2025-09-28', 2025, 'workday'),
  ('2025-10-11', 2025, 'workday');

-- 2026: Jan 1 – 3; Feb 15 – 23; Apr 4 – 6; May 1 – 5; Jun 19 – 21; Sep 25 – 27; Oct 1 – 7 off;
-- Jan 4 (Sun), Feb 14 (Sat), Feb 28 (Sat), May 9 (Sat), Sep 20 (Sun), Oct 10 (Sat) worked.
INSERT INTO calendar_day (day, year, kind) VALUES
  ('2026-01-01', 2026, 'holiday'),
  ('2026-01-02', 2026, 'holiday'),
  ('2026-01-03', 2026, 'holiday'),
  ('2026-02-15', 2026, 'holiday'),
  ('2026-02-16', 2026, 'holiday'),
  ('2026-02-17', 2026, 'holiday'),
  ('2026-02-18', 2026, 'holiday'),
  ('2026-02-19', 2026, 'holiday'),
  ('2026-02-20', 2026, 'holiday'),
  ('2026-02-21', 2026, 'holiday'),
  ('2026-02-22', 2026, 'holiday'),
  ('2026-02-23', 2026, 'holiday'),
  ('2026-04-04', 2026, 'holiday'),
  ('2026-04-05', 2026, 'holiday'),
  ('2026-04-06', 2026, 'holiday'),
  ('2026-05-01', 2026, 'holiday'),
  ('2026-05-02', 2026, 'holiday'),
  ('2026-05-03', 2026, 'holiday'),
  ('2026-05-04', 2026, 'holiday'),
  ('2026-05-05', 2026, 'holiday'),
  ('2026-06-19', 2026, 'holiday'),
  ('2026-06-20', 2026, 'holiday'),
  ('2026-06-21', 2026, 'holiday'),
  ('2026-09-25', 2026, 'holiday'),
  ('2026-09-26', 2026, 'holiday'),
  ('2026-09-27', 2026, 'holiday'),
  ('2026-10-01', 2026, 'holiday'),
  ('2026-10-02', 2026, 'holiday'),
  ('2026-10-03', 2026, 'holiday'),
  ('2026-10-04', 2026, 'holiday'),
  ('2026-10-05', 2026, 'holiday'),
  ('2026-10-06', 2026, 'holiday'),
  ('2026-10-07', 2026, 'holiday'),
  ('2026-01-04', 2026, 'workday'),
  ('2026-02-14', 2026, 'workday'),
  ('2026-02-28', 2026, 'workday'),
  ('2026-05-09', 2026, 'workday'),
  ('2026-09-20', 2026, 'workday'),
  ('2026-10-10', 2026, 'workday');
