-- The shard key on every region-bound table of the newer contexts (issue #16, docs/scaling.md):
-- the rows that hang off a parent with a region (a ticket's events and photos, an evaluation's
-- scores, a supervisor's assignments, a responsible unit's members) carry the parent's region_code,
-- so that a city-sharded layout places them on the parent's shard and scoped queries filter them
-- without a join. Backfilled from the parent here; the repositories fill it on insert.
-- Catalogues and platform-wide tables (inspection_item, ticket_category, open311_client,
-- ticket_upload before filing, scorecard*, audit_published_head) stay region-free: they are
-- reference data copied to every shard (docs/scaling.md).
ALTER TABLE ticket_event ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE ticket_event SET region_code = (SELECT t.region_code FROM ticket t WHERE t.id = ticket_event.ticket_id);
CREATE INDEX ticket_event_region ON ticket_event (region_code, id);

ALTER TABLE ticket_photo ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE ticket_photo SET region_code = (SELECT t.region_code FROM ticket t WHERE t.id = ticket_photo.ticket_id);

ALTER TABLE evaluation_score ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE evaluation_score SET region_code = (SELECT e.region_code FROM evaluation e WHERE e.id = evaluation_score.evaluation_id);

ALTER TABLE supervisor_assignment ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE supervisor_assignment SET region_code = (SELECT v.region_code FROM supervisor v WHERE v.id = supervisor_assignment.supervisor_id);

ALTER TABLE responsible_unit_member ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE responsible_unit_member SET region_code = (SELECT u.region_code FROM responsible_unit u WHERE u.id = responsible_unit_member.unit_id);
