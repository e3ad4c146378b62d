#include "core/catalogue/renovation_item.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::catalogue {
namespace {

TEST(ValidatePatch, AcceptsEveryPayerCode) {
  for (const char* p : {"government", "utility", "residents", "social_capital"}) {
    ItemPatch patch;
    patch.payer = p;
    EXPECT_TRUE(ValidatePatch(patch)) << p;
  }
}

TEST(ValidatePatch, RefusesAnUnknownPayerNamingTheField) {
  ItemPatch patch;
  patch.payer = "landlord";
  auto r = ValidatePatch(patch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "catalogue.invalid_field");
  EXPECT_NE(r.error().message.en.find("payer"), std::string::npos);
}

TEST(ValidatePatch, UnitOfOneToTenCharacters) {
  ItemPatch patch;
  patch.unit = "㎡";
  EXPECT_TRUE(ValidatePatch(patch));
  patch.unit = "一二三四五六七八九十";
  EXPECT_TRUE(ValidatePatch(patch));
  patch.unit = "一二三四五六七八九十一";
  EXPECT_FALSE(ValidatePatch(patch));
  patch.unit = "";
  EXPECT_FALSE(ValidatePatch(patch));
}

TEST(ValidatePatch, UnitCostZeroOrMoreOrCleared) {
  ItemPatch patch;
  patch.unit_cost_fen = std::optional<std::int64_t>(0);
  EXPECT_TRUE(ValidatePatch(patch));
  patch.unit_cost_fen = std::optional<std::int64_t>(-1);
  EXPECT_FALSE(ValidatePatch(patch));
  patch.unit_cost_fen = std::optional<std::int64_t>{};
  EXPECT_TRUE(ValidatePatch(patch));
}

}  // namespace
}  // namespace huanxin::core::catalogue
