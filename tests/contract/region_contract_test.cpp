// Contract suite of store/region/region_repository (the region tree) on SQLite and PostgreSQL.
// repository_contract_test.cpp holds the first case (Upsert, Children, FindMany, MaxChildCode);
// this suite covers every function, the bulk path included.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/region/region_repository.hpp"

namespace huanxin::store::contract {
namespace {

auto Fields(const RegionRecord& r) { return std::tuple(r.code, r.name, r.level, r.parent_code, r.has_children); }
template <typename T>
auto AllFields(const std::vector<T>& list) {
  std::vector<decltype(Fields(list.front()))> out;
  for (const auto& x : list) out.push_back(Fields(x));
  return out;
}
using Regions = std::vector<RegionRecord>;

class RegionContract : public ContractTest {
 protected:
  std::optional<RegionRecord> Find(const std::string& code) {
    return Get([&](Session& s) { return RegionRepository::Find(s, code); });
  }
  Regions Children(const std::string& parent) {
    return Get([&](Session& s) { return RegionRepository::Children(s, parent); });
  }
  std::int64_t CountRegions() {
    return Get([&](Session& s) { return RegionRepository::Count(s); });
  }
  std::int64_t UpsertMany(const Regions& rows) {
    return Put([&](Session& s) { return RegionRepository::UpsertMany(s, rows, "test@1", kAt); });
  }
};

TEST_P(RegionContract, FindCountAndChildrenReadTheTree) {
  EXPECT_EQ(CountRegions(), 10);  // testing::SeedRegions
  auto county = Find("360104");
  ASSERT_TRUE(county);
  EXPECT_EQ(Fields(*county), Fields(RegionRecord{"360104", "青云谱区", "county", "3601", true}));
  auto leaf = Find("360104002001");
  ASSERT_TRUE(leaf);
  EXPECT_EQ(Fields(*leaf), Fields(RegionRecord{"360104002001", "洪都新村社区居委会", "community", "360104002", false}));
  auto province = Find("36");
  ASSERT_TRUE(province);
  EXPECT_EQ(province->parent_code, "");
  for (const char* missing : {"", "3", "3601040", "36010400200", "3601040020011", "360104 ", "９"})
    EXPECT_FALSE(Find(missing)) << "'" << missing << "'";

  EXPECT_EQ(AllFields(Children("")), AllFields(Regions{{"36", "江西省", "province", "", true}}));
  EXPECT_EQ(AllFields(Children("3601")), AllFields(Regions{{"360103", "西湖区", "county", "3601", true},
                                                           {"360104", "青云谱区", "county", "3601", true}}));
  EXPECT_EQ(AllFields(Children("360104")), AllFields(Regions{{"360104002", "洪都街道", "street", "360104", true},
                                                             {"360104006", "京山街道", "street", "360104", true}}));
  EXPECT_TRUE(Children("360104002001").empty());
  EXPECT_TRUE(Children("36010").empty()) << "children are by parent code, not by prefix";
  EXPECT_TRUE(Children("nope").empty());
}

TEST_P(RegionContract, FindManyAndFindNamesSkipUnknownCodes) {
  auto many = [&](const std::vector<std::string>& codes) {
    return AllFields(Get([&](Session& s) { return RegionRepository::FindMany(s, codes); }));
  };
  auto names = [&](const std::vector<std::string>& codes) {
    return Get([&](Session& s) { return RegionRepository::FindNames(s, codes); });
  };
  EXPECT_TRUE(many({}).empty());
  EXPECT_TRUE(many({"nope", ""}).empty());
  // Broadest first (by code length); unknown codes and repeats drop out.
  EXPECT_EQ(many({"360104002001", "36", "nope", "360104", "3601", "", "36"}),
            AllFields(Regions{{"36", "江西省", "province", "", true},
                              {"3601", "南昌市", "city", "36", true},
                              {"360104", "青云谱区", "county", "3601", true},
                              {"360104002001", "洪都新村社区居委会", "community", "360104002", false}}));
  EXPECT_TRUE(names({}).empty());
  EXPECT_EQ(names({"360104", "nope", "36", "360104"}),
            (std::map<std::string, std::string>{{"36", "江西省"}, {"360104", "青云谱区"}}));
}

TEST_P(RegionContract, CodesAtListOneLevelUnderAPrefixInCodeOrder) {
  auto codes = [&](const std::string& level, const std::string& prefix) {
    return Get([&](Session& s) { return RegionRepository::CodesAt(s, level, prefix); });
  };
  using Codes = std::vector<std::string>;
  const Codes communities{"360104002001", "360104002002", "360104006001"};
  EXPECT_EQ(codes("community", ""), communities);
  EXPECT_EQ(codes("community", "36010400"), communities) << "a prefix need not be a region";
  EXPECT_EQ(codes("community", "360104002"), (Codes{"360104002001", "360104002002"}));
  EXPECT_EQ(codes("community", "360104002001"), (Codes{"360104002001"})) << "the code itself is under its own prefix";
  EXPECT_TRUE(codes("community", "3601040020011").empty());
  EXPECT_TRUE(codes("community", "360103").empty()) << "a county without communities";
  EXPECT_TRUE(codes("community", "360105").empty());
  EXPECT_EQ(codes("street", "3601"), (Codes{"360103001", "360104002", "360104006"}));
  EXPECT_EQ(codes("province", ""), (Codes{"36"}));
  EXPECT_TRUE(codes("grid", "").empty());
  EXPECT_TRUE(codes("nope", "").empty());
  // Rows added later appear in order, whatever order they came in.
  UpsertMany(Regions{{"360104006002", "新社区", "community", "360104006", false},
                     {"360104002000", "零号社区", "community", "360104002", false}});
  EXPECT_EQ(codes("community", "360104"),
            (Codes{"360104002000", "360104002001", "360104002002", "360104006001", "360104006002"}));
}

TEST_P(RegionContract, UpsertRenamesOnlyAndReportsRowsChanged) {
  auto upsert = [&](const RegionRecord& r) {
    return Put([&](Session& s) { return RegionRepository::Upsert(s, r, "local", kAt); });
  };
  // An existing code keeps its level and parent: only the name follows the source.
  EXPECT_EQ(upsert({"360104002", "洪都街道", "community", "999999", false}), 0);
  EXPECT_EQ(Fields(*Find("360104002")), Fields(RegionRecord{"360104002", "洪都街道", "street", "360104", true}));
  EXPECT_EQ(upsert({"360104002", "洪都街道办事处", "community", "999999", false}), 1);
  EXPECT_EQ(Fields(*Find("360104002")), Fields(RegionRecord{"360104002", "洪都街道办事处", "street", "360104", true}));
  // Grids under a community; the largest child code is the text maximum.
  EXPECT_EQ(upsert({"360104002001009", "第9网格", "grid", "360104002001", false}), 1);
  EXPECT_EQ(upsert({"360104002001010", kTrickyText, "grid", "360104002001", false}), 1);
  EXPECT_EQ(upsert({"360104002001002", "第2网格", "grid", "360104002001", false}), 1);
  EXPECT_EQ(Find("360104002001010")->name, kTrickyText);
  EXPECT_TRUE(Find("360104002001")->has_children);
  auto max = [&](const std::string& parent) {
    return Get([&](Session& s) { return RegionRepository::MaxChildCode(s, parent); });
  };
  EXPECT_EQ(max("360104002001"), std::optional<std::string>("360104002001010"));
  EXPECT_EQ(max(""), std::optional<std::string>("36"));
  EXPECT_EQ(max("360104"), std::optional<std::string>("360104006"));
  EXPECT_FALSE(max("360104002002"));
  EXPECT_FALSE(max("nope"));
  EXPECT_EQ(CountRegions(), 13);
}

TEST_P(RegionContract, UpsertManyLoadsRenamesAndIsRerunnable) {
  EXPECT_EQ(UpsertMany({}), 0);
  // Names that a bulk load must carry through its text format unchanged: tab, newline, carriage
  // return, backslashes, COPY's NULL and end-of-data markers as plain text, empty text.
  Regions batch = {
      {"360104002002001", "第1网格\t东区", "grid", "360104002002", false},
      {"360104002002002", "第2网格\n西区\r", "grid", "360104002002", false},
      {"360104002002003", "C:\\网格\\3", "grid", "360104002002", false},
      {"360104002002004", "\\N", "grid", "360104002002", false},
      {"360104002002005", "\\.", "grid", "360104002002", false},
      {"360104002002006", "", "grid", "360104002002", false},
      {"360104002002007", kTrickyText, "grid", "360104002002", false},
      {"360104", "青云谱区", "county", "3601", false},  // already there, unchanged
  };
  EXPECT_EQ(UpsertMany(batch), 7);
  EXPECT_EQ(CountRegions(), 17);
  auto kids = Children("360104002002");
  ASSERT_EQ(kids.size(), 7u);
  for (std::size_t i = 0; i < kids.size(); ++i) {
    auto want = batch[i];
    EXPECT_EQ(Fields(kids[i]), Fields(want)) << i;
  }
  // A re-run changes nothing; a renamed row and a new one are two changes.
  EXPECT_EQ(UpsertMany(batch), 0);
  batch[2].name = "第3网格";
  batch.push_back({"360104002002008", "第8网格", "grid", "360104002002", false});
  EXPECT_EQ(UpsertMany(batch), 2);
  EXPECT_EQ(Find("360104002002003")->name, "第3网格");
  EXPECT_EQ(CountRegions(), 18);
  EXPECT_TRUE(Find("360104002002")->has_children);

  // Twice in one transaction (the staging table is reused), and a failed batch leaves nothing.
  Put([&](Session& s) -> Result<void> {
    EXPECT_EQ(Must(RegionRepository::UpsertMany(s, {{"360104006001001", "京山1", "grid", "360104006001", false}}, "t", kAt)), 1);
    EXPECT_EQ(Must(RegionRepository::UpsertMany(s, {{"360104006001002", "京山2", "grid", "360104006001", false}}, "t", kAt)), 1);
    return Ok();
  });
  EXPECT_EQ(Children("360104006001").size(), 2u);
  auto r = db_->Write([&](Session& s) -> Result<void> {
    Must(RegionRepository::UpsertMany(s, {{"360104006001003", "京山3", "grid", "360104006001", false}}, "t", kAt));
    return MakeError(ErrorCode::kUnprocessable, "test.rollback", Text::Same("a later row was bad"));
  });
  ASSERT_FALSE(r);
  EXPECT_FALSE(Find("360104006001003"));
  EXPECT_EQ(UpsertMany({{"360104006001004", "京山4", "grid", "360104006001", false}}), 1)
      << "the staging table is usable after a rollback";
  EXPECT_EQ(CountRegions(), 21);
}

TEST_P(RegionContract, UpsertManyWithACodeRepeatedInTheBatchKeepsItsLastRow) {
  // As with one Upsert per row, the last row of a code wins; the result counts region rows
  // changed. PostgreSQL refused such a batch outright ("ON CONFLICT DO UPDATE command cannot affect
  // row a second time") while SQLite applied it.
  EXPECT_EQ(UpsertMany({{"360104006001001", "甲", "grid", "360104006001", false},
                        {"360104006001002", "丙", "grid", "360104006001", false},
                        {"360104006001001", "乙", "grid", "360104006001", false}}),
            2);
  EXPECT_EQ(AllFields(Children("360104006001")), AllFields(Regions{{"360104006001001", "乙", "grid", "360104006001", false},
                                                                   {"360104006001002", "丙", "grid", "360104006001", false}}));
  // Renamed and renamed back within one batch: nothing changes.
  EXPECT_EQ(UpsertMany({{"360104", "改名", "county", "3601", false}, {"360104", "青云谱区", "county", "3601", false}}), 0);
  EXPECT_EQ(Find("360104")->name, "青云谱区");
  EXPECT_EQ(CountRegions(), 12);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegionContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegionContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
