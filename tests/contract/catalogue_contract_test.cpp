// Contract suite of store/catalogue/catalogue_repository on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/catalogue/catalogue_repository.hpp"

namespace huanxin::store::contract {
namespace {

using CatalogueContract = ContractTest;

// The identifying part of an item (code, category and the names in both languages).
struct Item {
  std::string code, category, category_zh, category_en, name_zh, name_en;
};
auto Fields(const Item& c) { return std::tuple(c.code, c.category, c.category_zh, c.category_en, c.name_zh, c.name_en); }
auto Fields(const RenovationItemRecord& c) {
  return std::tuple(c.code, c.category, c.category_zh, c.category_en, c.name_zh, c.name_en);
}

TEST_P(CatalogueContract, ItemsListsActiveItemsByCategoryThenPosition) {
  auto catalog = [&] { return Get([&](Session& s) { return CatalogueRepository::Items(s); }); };
  auto exists = [&](const std::string& code) {
    return Get([&](Session& s) { return CatalogueRepository::Find(s, code); }).has_value();
  };
  auto items = catalog();
  std::vector<std::string> codes, want;
  for (const auto& i : items) codes.push_back(i.code);
  auto add = [&](char tier, int n) {
    for (int i = 1; i <= n; ++i) want.push_back(tier + std::string(i < 10 ? "0" : "") + std::to_string(i));
  };
  add('B', 16);  // 基础类 (国办发〔2020〕23号)
  add('I', 12);  // 完善类
  add('U', 9);   // 提升类
  EXPECT_EQ(codes, want);
  ASSERT_EQ(items.size(), 37u);
  EXPECT_EQ(Fields(items.front()), Fields(Item{"B01", "basic", "基础类", "Basic", "供水设施改造", "Water supply"}));
  EXPECT_EQ(Fields(items[16]), Fields(Item{"I01", "improve", "完善类", "Improvement", "拆除违法建设",
                                                        "Demolish illegal structures"}));
  EXPECT_EQ(Fields(items.back()), Fields(Item{"U09", "upgrade", "提升类", "Upgrade", "智能感知设施（周界防护、车辆识别）",
                                                           "Smart sensing (perimeter, vehicle cameras)"}));

  // Catalogues are data: a local tier placed before the national ones, and an item withdrawn from
  // the menu (no repository writes the catalogue; minimal SQL). A tier with no items lists nothing.
  Put([&](Session& s) -> Result<void> {
    Must(s.Exec("INSERT INTO renovation_category (code, name_zh, name_en, position) VALUES ('local', '本地类', 'Local', -1)"));
    Must(s.Exec("INSERT INTO renovation_item (code, category, name_zh, name_en, position) "
                "VALUES ('S02', 'local', '电动自行车集中充电', 'E-bike charging hub', 2), "
                "('S01', 'local', '消防通道划线', 'Fire lane marking', 1)"));
    Must(s.Exec("UPDATE renovation_item SET active = 0 WHERE code = 'B03'"));
    return Ok();
  });
  items = catalog();
  ASSERT_EQ(items.size(), 38u);
  EXPECT_EQ(Fields(items[0]), Fields(Item{"S01", "local", "本地类", "Local", "消防通道划线", "Fire lane marking"}));
  EXPECT_EQ(items[1].code, "S02");
  EXPECT_EQ(items[2].code, "B01");
  EXPECT_TRUE(std::none_of(items.begin(), items.end(), [](const auto& i) { return i.code == "B03"; }));

  // Existence is not activity: a withdrawn item still exists (consultations may refer to it).
  EXPECT_TRUE(exists("B01"));
  EXPECT_TRUE(exists("S01"));
  EXPECT_TRUE(exists("B03"));
  EXPECT_FALSE(exists("b01"));
  EXPECT_FALSE(exists("B1"));
  EXPECT_FALSE(exists(""));
  EXPECT_FALSE(exists("X99"));
}

TEST_P(CatalogueContract, UpdateChangesUnitCostAndPayerAndTheVersionMoves) {
  auto v0 = Get([&](Session& s) { return CatalogueRepository::Version(s); });
  EXPECT_EQ(Put([&](Session& s) { return CatalogueRepository::Update(s, "B13", "㎡", "residents", 12345); }), 1);
  Put([&](Session& s) { return CatalogueRepository::BumpVersion(s); });
  auto b13 = Get([&](Session& s) { return CatalogueRepository::Find(s, "B13"); });
  ASSERT_TRUE(b13);
  EXPECT_EQ(b13->unit, "㎡");
  EXPECT_EQ(b13->payer, "residents");
  EXPECT_EQ(b13->unit_cost_fen, 12345);
  EXPECT_EQ(Get([&](Session& s) { return CatalogueRepository::Version(s); }), v0 + 1);
  // Clearing the cost stores NULL; an unknown code changes nothing.
  EXPECT_EQ(Put([&](Session& s) { return CatalogueRepository::Update(s, "B13", "㎡", "residents", std::nullopt); }), 1);
  EXPECT_EQ(Get([&](Session& s) { return CatalogueRepository::Find(s, "B13"); })->unit_cost_fen, std::nullopt);
  EXPECT_EQ(Put([&](Session& s) { return CatalogueRepository::Update(s, "X99", "项", "government", 1); }), 0);
  // A rolled-back bump leaves the version as it was.
  (void)db_->Write([&](Session& s) -> Result<void> {
    Must(CatalogueRepository::BumpVersion(s));
    return MakeError(ErrorCode::kConflict, "test.rollback", Text::Same("rollback"));
  });
  EXPECT_EQ(Get([&](Session& s) { return CatalogueRepository::Version(s); }), v0 + 1);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CatalogueContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, CatalogueContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
