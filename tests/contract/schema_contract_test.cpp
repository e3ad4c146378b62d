// The schema's own contract (issue #11): every table is labelled with its owning context in
// schema_table (so a refused delete can name what still refers to a row), and the foreign keys the
// drivers read from their catalogues are the same on both.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "contract/contract_fixture.hpp"

namespace huanxin::store::contract {
namespace {

using SchemaContract = ContractTest;

std::set<std::string> Tables(Session& s) {
  auto rows = Must(s.dialect() == Dialect::kSqlite
                       ? s.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                       : s.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                 "AND table_type = 'BASE TABLE'"));
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.GetText(0));
  return out;
}

TEST_P(SchemaContract, EveryTableHasAnOwningContextAndALabel) {
  auto tables = Get([&](Session& s) -> Result<std::set<std::string>> { return Tables(s); });
  auto labelled = Get([&](Session& s) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    for (const auto& r : Must(s.Query("SELECT name FROM schema_table WHERE context <> '' AND label_zh <> '' AND label_en <> ''")))
      out.insert(r.GetText(0));
    return out;
  });
  tables.erase("schema_migration");  // the migrations' own bookkeeping
  for (const auto& t : tables)
    EXPECT_TRUE(labelled.count(t)) << "table " << t
                                   << " has no row in schema_table: its context's migration must add one";
}

TEST_P(SchemaContract, ForeignKeysReadTheSameOnBothDrivers) {
  auto keys = Get([&](Session& s) { return s.ForeignKeys(); });
  auto has = [&](const char* child, const char* column, const char* parent, ForeignKey::OnDelete on_delete) {
    return std::any_of(keys.begin(), keys.end(), [&](const ForeignKey& k) {
      return k.child == child && k.column == column && k.parent == parent && k.parent_column == "id" &&
             k.on_delete == on_delete;
    });
  };
  EXPECT_TRUE(has("building", "estate_id", "estate", ForeignKey::OnDelete::kCascade));
  EXPECT_TRUE(has("dwelling", "building_id", "building", ForeignKey::OnDelete::kCascade));
  EXPECT_TRUE(has("checkup_estate", "estate_id", "estate", ForeignKey::OnDelete::kRefuse));
  EXPECT_TRUE(has("ballot_code", "dwelling_id", "dwelling", ForeignKey::OnDelete::kRefuse));
  EXPECT_FALSE(has("ballot_code", "dwelling_id", "dwelling", ForeignKey::OnDelete::kCascade));
}

TEST_P(SchemaContract, DeleteRowsNamesReferrersThroughCascadesAndDeletesNothing) {
  auto estate = Put([&](Session& s) -> Result<std::int64_t> {
    EstateRecord e;
    e.region_code = "360104002001";
    e.name = "级联校验";
    e.address = "路1号";
    e.built_year = 1990;
    e.status = "registered";
    e.created_at = e.updated_at = kAt;
    return EstateRepository::Insert(s, e);
  });
  auto building = Put([&](Session& s) -> Result<std::int64_t> {
    BuildingRecord b;
    b.estate_id = estate;
    b.region_code = "360104002001";
    b.number = "1";
    b.floors = 6;
    b.stairwells = 1;
    b.structure = "brick_concrete";
    b.heating = "none";
    b.created_at = b.updated_at = kAt;
    return BuildingRepository::Insert(s, b);
  });
  // A refusing reference two cascade levels below the estate: estate → building → consultation item.
  Put([&](Session& s) -> Result<void> {
    auto c = Must(s.Query("INSERT INTO consultation (estate_id, region_code, title, kind, law_version, state, current_round, "
                          "ballots_cast, created_by, created_at, updated_at) VALUES (?, '360104002001', 't', 'menu', "
                          "'civil-code-2021', 'draft', 0, 0, 1, ?, ?) RETURNING id",
                          {Int(estate), Str(kAt), Str(kAt)}));
    Must(s.Exec("INSERT INTO consultation_item (consultation_id, position, title, rule, scope_type, building_id) "
                "VALUES (?, 1, 'x', '{}', 'building', ?)",
                {Int(c.at(0).GetInt(0)), Int(building)}));
    return Ok();
  });
  auto err = Refused([&](Session& s) -> Result<void> {
    auto n = DeleteRows(s, "estate", "id", estate);
    if (!n) return std::move(n).error();
    return Ok();
  });
  EXPECT_EQ(err.code, ErrorCode::kConflict);
  EXPECT_EQ(err.reason, "register.in_use");
  EXPECT_NE(err.detail.zh.find("表决事项 1 条"), std::string::npos) << err.detail.zh;
  EXPECT_NE(err.detail.zh.find("征求意见 1 条"), std::string::npos) << err.detail.zh;
  // The transaction stays usable after the refusal: the savepoint was rolled back, not the whole.
  auto after = Put([&](Session& s) -> Result<std::int64_t> {
    auto n = DeleteRows(s, "estate", "id", estate);
    if (n) return MakeError(ErrorCode::kInternal, "test.unexpected", Text::Same("deleted"));
    return QueryInt(s, "SELECT COUNT(*) FROM building WHERE estate_id = ?", {Int(estate)});
  });
  EXPECT_EQ(after, 1);
  // Nothing refers to a fresh estate: it goes.
  auto lone = Put([&](Session& s) -> Result<std::int64_t> {
    EstateRecord e;
    e.region_code = "360104002001";
    e.name = "无引用";
    e.address = "路2号";
    e.built_year = 1990;
    e.status = "registered";
    e.created_at = e.updated_at = kAt;
    return EstateRepository::Insert(s, e);
  });
  EXPECT_EQ(Put([&](Session& s) { return DeleteRows(s, "estate", "id", lone); }), 1);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SchemaContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, SchemaContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
