// Long-term management over HTTP (issue #15; docs/stewardship.md), on SQLite and PostgreSQL: an
// owners' vote (Civil Code Art. 278 matter 4) chooses a property company → PUT management → the
// contract → a bill run (idempotent) → payments → GET fees shows the collection rate; the
// maintenance fund's initial deposit, an approved use and an overdraw; a yearly contract; and every
// refusal (no consultation, a failed one, a 3-decimal or negative fee, an overpayment, an overdraw)
// answering its 4xx with nothing changed.
#include <boost/json.hpp>
#include <cmath>

#include "api/api_fixture.hpp"
#include "common/decimal.hpp"
#include "core/register/identity.hpp"
#include "service/stewardship/stewardship_service.hpp"
#include "testing/test_db.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::string IdNumber(int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "3601041975%02d%02d%03d", 1 + n % 12, 1 + n % 28, n % 1000);
  std::string first17(buf, 17);
  return first17 + core::reg::IdCheckCharacter(first17);
}

// The wire carries "46.66"; the test client reads numbers as doubles: back to exact hundredths.
std::int64_t Hundredths(const json::value& v) { return std::llround(v.to_number<double>() * 100); }

class StewardshipApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!app_) return;
    admin = Admin();
  }

  std::string E() const { return "/api/v1/estates/" + std::to_string(estate); }

  // An estate with three dwellings of 56.30, 56.01 and 55.99 m², each with its own owner: at 0.45
  // yuan/m²/month they sit on the tie and on either side of half a fen.
  void MakeEstate() {
    estate = IdOf(Expect(admin, "POST", "/api/v1/estates",
                         json::object{{"regionCode", "360104002001"}, {"name", "长效小区"}, {"address", "长效路1号"}, {"builtYear", 1995}},
                         201));
    const auto building = IdOf(Expect(admin, "POST", E() + "/buildings", json::object{{"number", "3"}, {"floors", 6}, {"stairwells", 1}}, 201));
    const char* areas[] = {"56.30", "56.01", "55.99"};
    for (int i = 0; i < 3; ++i) {
      dwellings.push_back(IdOf(Expect(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                                      json::object{{"stairwell", 1}, {"floor", 2}, {"room", std::to_string(201 + i)}, {"exclusiveArea", areas[i]}},
                                      201)));
      Expect(admin, "POST", "/api/v1/dwellings/" + std::to_string(dwellings.back()) + "/owners",
             json::object{{"idNumber", IdNumber(700 + i)}, {"name", "业主" + std::to_string(i)}}, 201);
    }
  }

  // A closed owners' vote with items of the given Art. 278 matters, every dwelling choosing `choice`.
  std::int64_t Vote(const std::vector<int>& matters, const char* choice) {
    json::array items;
    for (int m : matters) items.push_back(json::object{{"title", "事项" + std::to_string(m)}, {"rule", {{"type", "art278"}, {"matter", m}}}});
    auto c = Expect(admin, "POST", "/api/v1/consultations",
                    json::object{{"estateId", estate}, {"title", "业主大会"}, {"kind", "management"}, {"items", std::move(items)}}, 201)
                 .as_object();
    const auto id = c["id"].as_int64();
    const std::string base = "/api/v1/consultations/" + std::to_string(id);
    Expect(admin, "POST", base + "/open", json::object{}, 200);
    json::object choices;
    for (const auto& item : c["items"].as_array()) choices[std::to_string(item.at("id").as_int64())] = choice;
    for (auto d : dwellings)
      Expect(admin, "PUT", base + "/ballots/" + std::to_string(d), json::object{{"choices", choices}, {"channel", "door"}}, 200);
    Expect(admin, "POST", base + "/close", json::object{}, 200);
    return id;
  }

  // The request answers `status` with `reason` and the database is unchanged.
  void Refused(const std::string& method, const std::string& target, const json::object& body, int status, const std::string& reason) {
    const auto before = Snapshot(app_->db());
    auto r = As(admin, method, target, body);
    EXPECT_EQ(r.status, status) << target << " " << r.body;
    EXPECT_EQ(r.Reason(), reason) << r.body;
    EXPECT_EQ(Snapshot(app_->db()), before) << target;
  }

  json::object Fees(const std::string& period) { return Expect(admin, "GET", E() + "/fees?period=" + period, {}, 200).as_object(); }

  LoginSession admin;
  std::int64_t estate = 0;
  std::vector<std::int64_t> dwellings;
};

TEST_P(StewardshipApiTest, AnOwnersVoteChoosesACompanyThenBillsPaymentsAndTheCollectionRate) {
  if (!app_) return;
  MakeEstate();
  const auto passed = Vote({4, 5}, "agree");
  const auto failed = Vote({4}, "disagree");
  json::object hire{{"mode", "property_company"}, {"company", "南昌洪城物业服务有限公司"}, {"feePerM2Month", "0.45"}};

  // Refusals first: no vote, a failed vote, a fee with three decimals or below zero, no company.
  Refused("PUT", E() + "/management", hire, 422, "stewardship.consultation_required");
  auto with_failed = hire;
  with_failed["consultationId"] = failed;
  Refused("PUT", E() + "/management", with_failed, 422, "stewardship.consultation_not_passed");
  auto with_passed = hire;
  with_passed["consultationId"] = passed;
  auto three = with_passed;
  three["feePerM2Month"] = "0.455";
  Refused("PUT", E() + "/management", three, 422, "http.invalid_field");
  auto negative = with_passed;
  negative["feePerM2Month"] = -0.45;
  Refused("PUT", E() + "/management", negative, 422, "http.invalid_field");
  auto nameless = with_passed;
  nameless.erase("company");
  Refused("PUT", E() + "/management", nameless, 422, "stewardship.invalid_field");

  // The vote passed: the company is hired, with the consultation that decided it.
  auto m = Expect(admin, "PUT", E() + "/management", with_passed, 200).as_object();
  EXPECT_EQ(m["mode"].at("mode").as_string(), "property_company");
  EXPECT_EQ(m["mode"].at("consultationId").as_int64(), passed);
  EXPECT_EQ(m["mode"].at("feeFenPerM2Month").as_int64(), 45);
  EXPECT_TRUE(m["mode"].at("endedOn").is_null());
  // Leaving the company is a dismissal (matter 4 again): refused without the vote.
  Refused("PUT", E() + "/management", json::object{{"mode", "self_management"}}, 422, "stewardship.consultation_required");

  // No bills before the contract.
  Refused("POST", E() + "/fees/bill-runs", json::object{{"period", "2026-11"}}, 409, "stewardship.no_contract");
  Expect(admin, "PUT", E() + "/property-contract",
         json::object{{"company", "南昌洪城物业服务有限公司"}, {"termStart", "2026-11-01"}, {"termEnd", "2029-10-31"}, {"feePerM2Month", 0.45},
                      {"services", json::array{"公共区域保洁", "绿化养护"}}},
         200);
  Refused("POST", E() + "/fees/bill-runs", json::object{{"period", "2026"}}, 422, "stewardship.period_mismatch");
  Refused("POST", E() + "/fees/bill-runs", json::object{{"period", "2026-13"}}, 422, "stewardship.invalid_field");

  // 5630 × 45 / 100 = 2533.50 → 2534; 5601 × 45 / 100 = 2520.45 → 2520; 5599 × 45 / 100 = 2519.55 → 2520.
  auto run = Expect(admin, "POST", E() + "/fees/bill-runs", json::object{{"period", "2026-11"}}, 200).as_object();
  EXPECT_EQ(run["created"].as_int64(), 3);
  EXPECT_EQ(run["createdAmount"].as_int64(), 2534 + 2520 + 2520);
  auto again = Expect(admin, "POST", E() + "/fees/bill-runs", json::object{{"period", "2026-11"}}, 200).as_object();
  EXPECT_EQ(again["created"].as_int64(), 0);
  EXPECT_EQ(again["existing"].as_int64(), 3);
  auto fees = Fees("2026-11");
  EXPECT_EQ(fees["billed"].as_int64(), 7574) << "a second run must not bill twice";
  EXPECT_EQ(fees["paid"].as_int64(), 0);
  EXPECT_EQ(Hundredths(fees["collectionRate"]), 0);
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> bills;  // dwelling → bill id, amount
  for (const auto& b : fees["items"].as_array())
    bills[b.at("dwellingId").as_int64()] = {b.at("id").as_int64(), b.at("amount").as_int64()};
  ASSERT_EQ(bills.size(), 3u);
  EXPECT_EQ(bills[dwellings[0]].second, 2534);
  EXPECT_EQ(bills[dwellings[1]].second, 2520);
  EXPECT_EQ(bills[dwellings[2]].second, 2520);

  // Payments: one in full, one in part; the rest of the second cannot be overpaid by a fen.
  auto full = Expect(admin, "POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[0]].first}, {"amount", 2534}}, 201).as_object();
  EXPECT_EQ(full["bill"].at("owed").as_int64(), 0);
  Expect(admin, "POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[1]].first}, {"amount", 1000}}, 201);
  Refused("POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[1]].first}, {"amount", 1521}}, 409, "stewardship.overpayment");
  Refused("POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[0]].first}, {"amount", 1}}, 409, "stewardship.overpayment");
  Refused("POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[2]].first}, {"amount", 0}}, 422, "stewardship.invalid_amount");
  Refused("POST", E() + "/fees/payments", json::object{{"billId", 99999999}, {"amount", 10}}, 422, "stewardship.invalid_field");

  // 3534 / 7574 = 46.659… % → 46.66 (half up).
  fees = Fees("2026-11");
  EXPECT_EQ(fees["billed"].as_int64(), 7574);
  EXPECT_EQ(fees["paid"].as_int64(), 3534);
  EXPECT_EQ(fees["owed"].as_int64(), 7574 - 3534);
  EXPECT_EQ(FormatHundredths(Hundredths(fees["collectionRate"])), "46.66");
  EXPECT_EQ(Fees("2026")["billed"].as_int64(), 7574) << "a year holds its months";
  EXPECT_EQ(Hundredths(Fees("2026-12")["collectionRate"]), 0) << "nothing billed: 0";
  // The rest of the second bill and the third: all paid, 100.00 %.
  Expect(admin, "POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[1]].first}, {"amount", 1520}}, 201);
  Expect(admin, "POST", E() + "/fees/payments", json::object{{"billId", bills[dwellings[2]].first}, {"amount", 2520}}, 201);
  EXPECT_EQ(FormatHundredths(Hundredths(Fees("2026-11")["collectionRate"])), "100.00");

  // The mode and its history in the management record.
  auto view = Expect(admin, "GET", E() + "/management", {}, 200).as_object();
  EXPECT_EQ(view["history"].as_array().size(), 1u);
  EXPECT_EQ(view["contract"].at("feeFenPerM2Month").as_int64(), 45);
  EXPECT_EQ(view["contract"].at("services").as_array().size(), 2u);
}

TEST_P(StewardshipApiTest, YearlyBillsAreRoundedOnceOnTheTwelveMonthAmount) {
  if (!app_) return;
  MakeEstate();
  Expect(admin, "PUT", E() + "/property-contract",
         json::object{{"company", "年付物业"}, {"termStart", "2027-01-01"}, {"termEnd", "2027-12-31"}, {"feePerM2Month", "0.45"}, {"billing", "yearly"}},
         200);
  Refused("POST", E() + "/fees/bill-runs", json::object{{"period", "2027-01"}}, 422, "stewardship.period_mismatch");
  // 5630 × 45 × 12 / 100 = 30402.00; 5601 → 30245.40 → 30245; 5599 → 30234.60 → 30235 (twelve
  // rounded months would be 30408, 30240 and 30240).
  auto run = Expect(admin, "POST", E() + "/fees/bill-runs", json::object{{"period", "2027"}}, 200).as_object();
  EXPECT_EQ(run["createdAmount"].as_int64(), 30402 + 30245 + 30235);
  EXPECT_EQ(Fees("2027")["billed"].as_int64(), 30402 + 30245 + 30235);
  EXPECT_EQ(Fees("2027-01")["billed"].as_int64(), 0) << "a month does not hold the yearly bill";
}

TEST_P(StewardshipApiTest, TheMaintenanceFundNeedsItsMinimumAndTheOwnersVoteAndNeverGoesNegative) {
  if (!app_) return;
  MakeEstate();
  const auto use_vote = Vote({5}, "agree");
  const auto hire_vote = Vote({4}, "agree");
  const std::string F = E() + "/maintenance-fund/entries";
  // 168.30 m² × 5 yuan = 841.50 yuan.
  auto view = Expect(admin, "GET", E() + "/management", {}, 200).as_object();
  EXPECT_EQ(view["fund"].at("initialMinimum").as_int64(), 84150);
  Refused("POST", F, json::object{{"kind", "initial"}, {"amount", 84149}, {"on", "2026-11-01"}}, 422, "stewardship.initial_too_small");
  Expect(admin, "POST", F, json::object{{"kind", "initial"}, {"amount", 84150}, {"on", "2026-11-01"}}, 201);
  Refused("POST", F, json::object{{"kind", "initial"}, {"amount", 84150}, {"on", "2026-11-02"}}, 409, "stewardship.fund_exists");
  json::object use{{"kind", "use"}, {"amount", 50000}, {"on", "2026-11-05"}, {"purpose", "更换单元门禁"}};
  Refused("POST", F, use, 422, "stewardship.consultation_required");
  auto wrong_matter = use;
  wrong_matter["consultationId"] = hire_vote;
  Refused("POST", F, wrong_matter, 422, "stewardship.consultation_not_passed");
  auto overdraw = use;
  overdraw["consultationId"] = use_vote;
  overdraw["amount"] = 84151;
  Refused("POST", F, overdraw, 409, "stewardship.fund_overdrawn");
  use["consultationId"] = use_vote;
  Expect(admin, "POST", F, use, 201);
  // A raise is matter 6: the use vote does not allow it.
  Refused("POST", F, json::object{{"kind", "raise"}, {"amount", 100}, {"on", "2026-11-06"}, {"consultationId", use_vote}}, 422,
          "stewardship.consultation_not_passed");
  view = Expect(admin, "GET", E() + "/management", {}, 200).as_object();
  EXPECT_EQ(view["fund"].at("balance").as_int64(), 84150 - 50000);
  EXPECT_EQ(view["fund"].at("entries").as_array().size(), 2u);

  // "三个一点" ledger with totals per source; utilities per network.
  Expect(admin, "POST", E() + "/fee-sources", json::object{{"source", "government_reward"}, {"amount", 300000}, {"on", "2026-11-01"}}, 201);
  Expect(admin, "POST", E() + "/fee-sources", json::object{{"source", "market_income"}, {"amount", 1234}, {"on", "2026-11-02"}}, 201);
  Expect(admin, "POST", E() + "/fee-sources", json::object{{"source", "market_income"}, {"amount", 66}, {"on", "2026-11-03"}}, 201);
  Refused("POST", E() + "/fee-sources", json::object{{"source", "lottery"}, {"amount", 1}, {"on", "2026-11-03"}}, 422, "stewardship.invalid_field");
  Expect(admin, "PUT", E() + "/utility-transfers/water", json::object{{"status", "transferred"}, {"on", "2026-11-20"}, {"utility", "南昌水业集团"}}, 200);
  Refused("PUT", E() + "/utility-transfers/power", json::object{{"status", "transferred"}, {"utility", "国网"}}, 422, "stewardship.invalid_field");
  Refused("PUT", E() + "/utility-transfers/sewer", json::object{{"status", "pending"}}, 404, "stewardship.network_not_found");
  view = Expect(admin, "GET", E() + "/management", {}, 200).as_object();
  EXPECT_EQ(view["feeSources"].at("totals").at("government_reward").as_int64(), 300000);
  EXPECT_EQ(view["feeSources"].at("totals").at("market_income").as_int64(), 1300);
  EXPECT_EQ(view["feeSources"].at("totals").at("resident_fees").as_int64(), 0);
  ASSERT_EQ(view["utilities"].as_array().size(), 1u);
  EXPECT_EQ(view["utilities"].as_array()[0].at("status").as_string(), "transferred");

  // The owners' committee needs the assembly's matter-3 vote; a management committee does not.
  json::object committee{{"kind", "owners_committee"}, {"termStart", "2026-11-01"}, {"termEnd", "2031-10-31"},
                         {"members", json::array{json::object{{"name", "孙建国"}, {"role", "主任"}, {"phone", "13907001111"}}}}};
  Refused("PUT", E() + "/committee", committee, 422, "stewardship.consultation_required");
  committee["kind"] = "management_committee";
  view = Expect(admin, "PUT", E() + "/committee", committee, 200).as_object();
  EXPECT_EQ(view["committee"].at("members").as_array()[0].at("role").as_string(), "主任");
  // The bureau (no register:pii:read) sees the member's phone masked; a community worker (who
  // holds it) sees it whole but may not change the management.
  CreateUser("stew.bureau", "bureau", "360104", "Passw0rd!stew");
  auto bureau = Login("stew.bureau", "Passw0rd!stew");
  auto masked = json::serialize(Expect(bureau, "GET", E() + "/management", {}, 200));
  EXPECT_EQ(masked.find("13907001111"), std::string::npos) << masked;
  EXPECT_NE(masked.find("139****1111"), std::string::npos) << masked;
  CreateUser("stew.grid", "community", "360104002001", "Passw0rd!stew");
  auto grid = Login("stew.grid", "Passw0rd!stew");
  EXPECT_NE(json::serialize(Expect(grid, "GET", E() + "/management", {}, 200)).find("13907001111"), std::string::npos);
  EXPECT_EQ(As(grid, "PUT", E() + "/management", json::object{{"mode", "hosting"}}).status, 403);

  // The public summary: the fund's balance, nothing personal.
  auto pub = app_->service<service::StewardshipService>().PublicSummary(estate);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->fund_balance_fen, 84150 - 50000);
  EXPECT_FALSE(app_->service<service::StewardshipService>().PublicSummary(99999999));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StewardshipApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, StewardshipApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
