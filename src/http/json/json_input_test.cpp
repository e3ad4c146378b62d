// Reading exact two-decimal numbers (ARCHITECTURE.md §5: money and area come in with at most two
// decimals and are converted exactly).
#include "http/json/json_input.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace huanxin::http {
namespace {

std::optional<std::int64_t> Fen(const char* body) {
  auto o = boost::json::parse(body).as_object();
  auto r = ReadYuan(o, "amount");
  if (!r) return -1;
  return *r;
}

TEST(ReadTwoDecimals, RoundAmountsAreReadAsWritten) {
  // A JSON double of 5e7 once came out as "5e+07" and was refused (issue #12).
  EXPECT_EQ(Fen(R"({"amount": 50000000.00})"), 5'000'000'000);
  EXPECT_EQ(Fen(R"({"amount": 1000000.0})"), 100'000'000);
  EXPECT_EQ(Fen(R"({"amount": 88710000})"), 8'871'000'000);
  EXPECT_EQ(Fen(R"({"amount": 190.78})"), 19'078);
  EXPECT_EQ(Fen(R"({"amount": 0.1})"), 10);
  EXPECT_EQ(Fen(R"({"amount": "369.50"})"), 36'950);
}

TEST(ReadTwoDecimals, MoreThanTwoDecimalsOrHugeNumbersAreRefused) {
  EXPECT_EQ(Fen(R"({"amount": 12.345})"), -1);
  EXPECT_EQ(Fen(R"({"amount": 1e300})"), -1);
  EXPECT_EQ(Fen(R"({"amount": true})"), -1);
  EXPECT_EQ(Fen(R"({"amount": null})"), std::nullopt);
  EXPECT_EQ(Fen(R"({})"), std::nullopt);
}

}  // namespace
}  // namespace huanxin::http
