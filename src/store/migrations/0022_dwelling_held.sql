-- A ballot from a dwelling the developer still holds (unsold, or sold and not delivered) or from
-- public housing counts with every such dwelling of the estate as one owner (REFERENCE §8), so the
-- ballot reads them by sale status (ConsultationRepository::DwellingsBySaleStatus). Through the
-- estate index that read walked every dwelling of the estate, for each such ballot (docs/BENCHMARKS.md,
-- issue #16). Partial: only the few dwellings that are
-- not simply sold, so the index costs almost nothing on the register's writes and bulk loads, and
-- dwelling_estate keeps its (estate_id, rowid) order for the estate's lists. A query uses it by
-- repeating its condition (`sale_status <> 'sold'`), which both databases then match.
CREATE INDEX dwelling_held ON dwelling (estate_id, sale_status) WHERE sale_status <> 'sold';
