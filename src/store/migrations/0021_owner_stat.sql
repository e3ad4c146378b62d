-- National owner count (issue #16): the number of owners that hold at least one dwelling, kept by
-- the database so that the whole country's owner list counts its owners without reading the 45 M
-- links (`SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner` took 25 s nationally). `owner` alone
-- cannot give it: an owner entered through POST /owners is not linked until a dwelling names them,
-- and unlinking (DELETE /dwellings/{id}/owners/{ownerId}, a re-imported roster, a deleted dwelling)
-- leaves the owner row behind. OwnerRepository::CountLinked sums the rows.
--
-- The count is spread over slots so that two PostgreSQL transactions giving owners their first
-- links (an import job and a clerk linking an owner) do not queue on one row until the first
-- commits: each backend adds to the slot of its process id (16 slots); SQLite, with one writer, uses
-- slot 0. The triggers touch a slot only when an owner's number of links goes 0 → ≥1 or ≥1 → 0,
-- found by a probe of at most two entries of the (owner_id) index of the links.
CREATE TABLE owner_stat (
  slot          INTEGER PRIMARY KEY,
  linked_owners BIGINT NOT NULL DEFAULT 0
);
INSERT INTO owner_stat (slot, linked_owners) VALUES
  (0, 0), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0),
  (8, 0), (9, 0), (10, 0), (11, 0), (12, 0), (13, 0), (14, 0), (15, 0);
UPDATE owner_stat SET linked_owners = (SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner) WHERE slot = 0;

-- @dialect sqlite
-- Row triggers: after its insert, the link is the owner's first if the owner holds no other; after
-- a delete, the owner lost the last if none is left. `LIMIT 2` keeps the probe to the index.
CREATE TRIGGER owner_stat_link_ins AFTER INSERT ON dwelling_owner
WHEN (SELECT COUNT(*) FROM (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = NEW.owner_id LIMIT 2)) = 1
BEGIN UPDATE owner_stat SET linked_owners = linked_owners + 1 WHERE slot = 0; END;
CREATE TRIGGER owner_stat_link_del AFTER DELETE ON dwelling_owner
WHEN NOT EXISTS (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = OLD.owner_id)
BEGIN UPDATE owner_stat SET linked_owners = linked_owners - 1 WHERE slot = 0; END;
-- No code path moves a link to another owner; a hand edit that does is counted like a delete and an
-- insert.
CREATE TRIGGER owner_stat_link_upd AFTER UPDATE OF owner_id ON dwelling_owner
WHEN OLD.owner_id <> NEW.owner_id
BEGIN
  UPDATE owner_stat SET linked_owners = linked_owners - 1
  WHERE slot = 0 AND NOT EXISTS (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = OLD.owner_id);
  UPDATE owner_stat SET linked_owners = linked_owners + 1
  WHERE slot = 0 AND (SELECT COUNT(*) FROM (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = NEW.owner_id LIMIT 2)) = 1;
END;
-- @dialect postgres
-- Statement triggers with transition tables, as for estate_stat (0005): a COPY of 100 000 links
-- costs one grouped join and at most one UPDATE. An owner that gained n links in the statement
-- had none before exactly when it holds n now (its entries of the (owner_id) index); an owner
-- that lost links has none left exactly when no link of it remains. An UPDATE counts only the
-- owners whose number of links changed.
-- Cascaded deletes (a dwelling, building or estate) run one DELETE per parent row, each firing
-- this trigger after its own rows, so an owner losing two links that way is counted once.
CREATE FUNCTION owner_stat_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta BIGINT;
BEGIN
  -- Two transactions of two processes (a server and a CLI import, say) could otherwise both give the
  -- same owner a first link, each unaware of the other's uncommitted row, and count them twice (or
  -- both remove a last link and count none). Each locks the owners it changes, in id order, before
  -- looking: the second waits for the first to commit, and its next statement's snapshot (READ
  -- COMMITTED) then sees the first's links. FOR NO KEY UPDATE does not block the links' foreign-key
  -- checks (FOR KEY SHARE). Owners this transaction inserted itself (xmin; `huanxin gen` and imports
  -- enter owners and links together) need no lock: no other transaction can see them to link them,
  -- and locking them doubled the COPY time of the generator's links.
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM owner o WHERE o.id IN (SELECT owner_id FROM new_rows) AND o.xmin <> pg_current_xact_id()::xid
    ORDER BY o.id FOR NO KEY UPDATE OF o;
    -- One join, not a subquery per owner (which cost as much as the COPY itself).
    SELECT COUNT(*) INTO delta FROM (
      SELECT 1 FROM (SELECT owner_id, COUNT(*) AS n FROM new_rows GROUP BY owner_id) g
      JOIN dwelling_owner l ON l.owner_id = g.owner_id GROUP BY g.owner_id, g.n HAVING COUNT(*) = g.n) x;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM owner o WHERE o.id IN (SELECT owner_id FROM old_rows) ORDER BY o.id FOR NO KEY UPDATE OF o;
    SELECT -COUNT(*) INTO delta FROM (SELECT DISTINCT owner_id FROM old_rows) g
    WHERE NOT EXISTS (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = g.owner_id);
  ELSE
    -- Only the owners whose number of links changed: moving an estate rewrites region_code alone.
    PERFORM 1 FROM owner o WHERE o.id IN (
      SELECT owner_id FROM (SELECT owner_id, 1 AS n FROM new_rows UNION ALL SELECT owner_id, -1 FROM old_rows) c
      GROUP BY owner_id HAVING SUM(n) <> 0) ORDER BY o.id FOR NO KEY UPDATE OF o;
    SELECT COALESCE(SUM(SIGN(g.n)), 0) INTO delta FROM (
      SELECT owner_id, SUM(n) AS n FROM (SELECT owner_id, 1 AS n FROM new_rows UNION ALL SELECT owner_id, -1 FROM old_rows) c
      GROUP BY owner_id HAVING SUM(n) <> 0) g
    WHERE (g.n > 0 AND (SELECT COUNT(*) FROM (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = g.owner_id LIMIT g.n + 1) x) = g.n)
       OR (g.n < 0 AND NOT EXISTS (SELECT 1 FROM dwelling_owner l WHERE l.owner_id = g.owner_id));
  END IF;
  IF delta <> 0 THEN
    UPDATE owner_stat SET linked_owners = linked_owners + delta WHERE slot = pg_backend_pid() % 16;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER owner_stat_link_ins AFTER INSERT ON dwelling_owner
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION owner_stat_link();
CREATE TRIGGER owner_stat_link_del AFTER DELETE ON dwelling_owner
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION owner_stat_link();
CREATE TRIGGER owner_stat_link_upd AFTER UPDATE ON dwelling_owner
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION owner_stat_link();
-- @dialect all

INSERT INTO schema_table (name, context, label_zh, label_en) VALUES
  ('owner_stat', 'register', '业主统计（有房屋的业主数）', 'owner counter (owners holding a dwelling)');
