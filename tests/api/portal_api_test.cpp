// The public portal over HTTP (issue #15; docs/portal.md), both databases, on the demo county: the
// estate list and its pages, one estate's account checked against the stored rows, statistics,
// open data in both formats, the audit heads, the management provider, and bad input.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/portal_demo.hpp"
#include "common/clock.hpp"
#include "service/portal/portal_service.hpp"
#include "store/audit/audit_repository.hpp"

namespace huanxin::testing {
namespace {

class PortalApiTest : public PortalDemoTest {
 protected:
  std::int64_t Int(const std::string& sql, const store::Params& params = {}) {
    std::int64_t out = -1;
    auto r = db().Read([&](store::Session& s) -> Result<void> {
      auto v = store::QueryInt(s, sql, params);
      if (!v) return std::move(v).error();
      out = *v;
      return Ok();
    });
    EXPECT_TRUE(r) << sql;
    return out;
  }
  boost::json::value Get(const std::string& target, int status = 200) {
    auto res = Call("GET", target);
    EXPECT_EQ(res.status, status) << target << " " << res.body;
    return res.body.empty() ? boost::json::value() : res.Json();
  }
};

TEST_P(PortalApiTest, EstateListPagesThroughEveryEstateOfARegion) {
  const auto all = Int("SELECT COUNT(*) FROM estate");
  ASSERT_GT(all, 20);
  auto first = Get("/api/v1/public/estates?pageSize=7");
  EXPECT_EQ(first.at("total").as_int64(), all);
  EXPECT_EQ(first.at("pageSize").as_int64(), 7);
  std::set<std::int64_t> ids;
  for (std::int64_t page = 1; page <= (all + 6) / 7; ++page) {
    auto p = Get("/api/v1/public/estates?pageSize=7&page=" + std::to_string(page));
    for (const auto& e : p.at("items").as_array()) ids.insert(e.at("id").as_int64());
  }
  EXPECT_EQ(static_cast<std::int64_t>(ids.size()), all);

  const auto jingshan = Int("SELECT COUNT(*) FROM estate WHERE region_code LIKE '360104006%'");
  auto js = Get("/api/v1/public/estates?regionCode=360104006&pageSize=500");
  EXPECT_EQ(js.at("total").as_int64(), jingshan);
  for (const auto& e : js.at("items").as_array()) {
    EXPECT_EQ(std::string(e.at("street").as_string()), "京山街道");
    EXPECT_EQ(std::string(e.at("county").as_string()), "青云谱区");
    const auto id = e.at("id").as_int64();
    EXPECT_EQ(e.at("households").as_int64(), Int("SELECT COUNT(*) FROM dwelling WHERE estate_id = ?", {store::Int(id)}));
    EXPECT_EQ(e.at("buildings").as_int64(), Int("SELECT COUNT(*) FROM building WHERE estate_id = ?", {store::Int(id)}));
  }
  // The started area project's estates show as started with their progress.
  const auto started = Int("SELECT MIN(pe.estate_id) FROM project_estate pe JOIN project p ON p.id = pe.project_id WHERE p.status = 'started'");
  auto page = Get("/api/v1/public/estates?pageSize=500");
  bool seen = false;
  for (const auto& e : page.at("items").as_array())
    if (e.at("id").as_int64() == started) {
      seen = true;
      EXPECT_EQ(std::string(e.at("renovationStatus").as_string()), "started");
      EXPECT_TRUE(e.at("progressPercent").is_int64());
    }
  EXPECT_TRUE(seen);

  EXPECT_EQ(Call("GET", "/api/v1/public/estates?regionCode=abc").Reason(), "http.invalid_field");
  EXPECT_EQ(Call("GET", "/api/v1/public/estates?pageSize=501").status, 400);
}

TEST_P(PortalApiTest, OneEstateShowsItsMoneyNoticesRectificationsAndAcceptance) {
  const auto estate = Int("SELECT MIN(pe.estate_id) FROM project_estate pe JOIN project p ON p.id = pe.project_id WHERE p.status = 'started'");
  // The management section comes from the provider the stewardship context installs (set before the
  // first read: a provider's own data changes with writes to the same database).
  app_->service<service::PortalService>().SetManagementProvider([estate](std::int64_t id) -> std::optional<service::PublicManagement> {
    if (id != estate) return std::nullopt;
    return service::PublicManagement{"property_company", "南昌洪城物业服务有限公司", 45, "2026-01-01", "2028-12-31", 9512, 1234500};
  });
  auto v = Get("/api/v1/public/estates/" + std::to_string(estate));
  // Money by source equals the ledger of the estate's projects.
  std::int64_t paid = 0;
  for (const auto& m : v.at("money").as_array()) paid += m.at("paidFen").as_int64();
  EXPECT_EQ(paid, Int("SELECT COALESCE(SUM(amount_fen), 0) FROM fund_entry WHERE kind = 'paid' AND project_id IN "
                      "(SELECT project_id FROM project_estate WHERE estate_id = ?)",
                      {store::Int(estate)}));
  EXPECT_GT(paid, 0);
  EXPECT_EQ(static_cast<std::int64_t>(v.at("rectifications").as_array().size()),
            Int("SELECT COUNT(*) FROM rectification_order WHERE project_id IN (SELECT project_id FROM project_estate WHERE estate_id = ?)",
                {store::Int(estate)}));
  EXPECT_EQ(static_cast<std::int64_t>(v.at("plan").as_array().size()),
            Int("SELECT COUNT(*) FROM budget_item WHERE project_id IN (SELECT project_id FROM project_estate WHERE estate_id = ?)",
                {store::Int(estate)}));
  // Objections: their text, never who.
  std::int64_t objections = 0;
  for (const auto& n : v.at("notices").as_array())
    for (const auto& o : n.at("objections").as_array()) {
      ++objections;
      EXPECT_EQ(o.as_object().size(), 4u);
      EXPECT_FALSE(o.as_object().contains("name"));
    }
  EXPECT_EQ(objections, Int("SELECT COUNT(*) FROM publicity_objection o JOIN publicity_notice n ON n.id = o.notice_id WHERE n.project_id IN "
                            "(SELECT project_id FROM project_estate WHERE estate_id = ?)",
                            {store::Int(estate)}));
  EXPECT_FALSE(v.at("schedule").as_array().empty());

  // The accepted estate: household acceptance counted, the renovation completed.
  const auto accepted = Int("SELECT MIN(pe.estate_id) FROM project_estate pe JOIN completion_acceptance ca ON ca.project_id = pe.project_id");
  auto a = Get("/api/v1/public/estates/" + std::to_string(accepted));
  EXPECT_EQ(std::string(a.at("renovationStatus").as_string()), "completed");
  ASSERT_FALSE(a.at("acceptance").as_array().empty());
  const auto& acc = a.at("acceptance").as_array().front();
  EXPECT_EQ(acc.at("householdsAccepted").as_int64(),
            Int("SELECT COUNT(*) FROM household_acceptance WHERE estate_id = ? AND result = 'accepted'", {store::Int(accepted)}));
  EXPECT_EQ(acc.at("householdsRefused").as_int64(),
            Int("SELECT COUNT(*) FROM household_acceptance WHERE estate_id = ? AND result = 'refused'", {store::Int(accepted)}));

  auto m = v.at("management");
  EXPECT_EQ(std::string(m.at("feePerM2Month").as_string()), "0.45");
  EXPECT_EQ(m.at("fundBalance").as_int64(), 1234500);
  EXPECT_DOUBLE_EQ(m.at("collectionRate").to_number<double>(), 95.12);
  EXPECT_TRUE(a.at("management").is_null()) << "no record for this estate";

  EXPECT_EQ(Call("GET", "/api/v1/public/estates/999999").Reason(), "portal.estate_not_found");
}

TEST_P(PortalApiTest, StatisticsCountTheProgrammeAndFilterByRegionAndYear) {
  auto s = Get("/api/v1/public/stats?regionCode=360104");
  EXPECT_EQ(s.at("estates").as_int64(), Int("SELECT COUNT(*) FROM estate WHERE region_code LIKE '360104%'"));
  EXPECT_EQ(s.at("households").as_int64(), Int("SELECT COUNT(*) FROM dwelling WHERE region_code LIKE '360104%'"));
  EXPECT_EQ(s.at("projects").at("planned").as_int64(), Int("SELECT COUNT(DISTINCT estate_id) FROM project_estate"));
  EXPECT_EQ(s.at("projects").at("started").as_int64(),
            Int("SELECT COUNT(DISTINCT pe.estate_id) FROM project_estate pe JOIN project p ON p.id = pe.project_id "
                "WHERE p.status IN ('started', 'completed', 'accepted', 'handed_over') OR EXISTS "
                "(SELECT 1 FROM completion_acceptance ca WHERE ca.project_id = p.id)"));
  EXPECT_EQ(s.at("moneyTotal").at("spentFen").as_int64(), Int("SELECT COALESCE(SUM(amount_fen), 0) FROM fund_entry WHERE kind = 'paid'"));
  EXPECT_EQ(s.at("tickets").at("received").as_int64(), Int("SELECT COUNT(*) FROM ticket WHERE region_code LIKE '360104%'"));
  EXPECT_EQ(s.at("rectifications").at("open").as_int64(), Int("SELECT COUNT(*) FROM rectification_order WHERE status <> 'closed'"));
  auto none = Get("/api/v1/public/stats?regionCode=360103");
  EXPECT_EQ(none.at("estates").as_int64(), 0);
  EXPECT_TRUE(none.at("projects").at("startRate").is_null());
  auto old = Get("/api/v1/public/stats?year=2001");
  EXPECT_EQ(old.at("projects").at("planned").as_int64(), 0);
  EXPECT_EQ(old.at("moneyTotal").at("plannedFen").as_int64(), 0);
  EXPECT_EQ(Call("GET", "/api/v1/public/stats?year=1800").Reason(), "http.invalid_field");
  EXPECT_EQ(Call("GET", "/api/v1/public/stats?year=x").status, 400);
}

TEST_P(PortalApiTest, OpenDataHasTheSameRowsAsCsvAndJson) {
  for (const char* d : {"estates", "funding", "progress", "rectifications", "stats"}) {
    auto csv = Call("GET", std::string("/api/v1/public/open-data/") + d + ".csv");
    ASSERT_EQ(csv.status, 200) << d;
    EXPECT_EQ(csv.headers["content-type"].rfind("text/csv", 0), 0u) << d;
    EXPECT_NE(csv.body.substr(0, 3), "\xEF\xBB\xBF") << "no BOM";
    auto json = Get(std::string("/api/v1/public/open-data/") + d + ".json").as_array();
    std::size_t lines = 0;
    for (char c : csv.body) lines += c == '\n';
    EXPECT_EQ(lines, json.size() + 1) << d << ": header and one line per row";
    if (!json.empty()) {
      const auto header = csv.body.substr(0, csv.body.find("\r\n"));
      std::string keys;
      for (const auto& [k, v] : json.front().as_object()) keys += (keys.empty() ? "" : ",") + std::string(k);
      EXPECT_EQ(header, keys) << d;
    }
  }
  EXPECT_EQ(Get("/api/v1/public/open-data/estates.json").as_array().size(),
            static_cast<std::size_t>(Int("SELECT COUNT(*) FROM estate")));
  EXPECT_EQ(Get("/api/v1/public/open-data/rectifications.json").as_array().size(),
            static_cast<std::size_t>(Int("SELECT COUNT(*) FROM rectification_order")));
  EXPECT_EQ(Call("GET", "/api/v1/public/open-data/owners.csv").Reason(), "portal.dataset_not_found");
  EXPECT_EQ(Call("GET", "/api/v1/public/open-data/estates.xml").Reason(), "portal.dataset_not_found");
}

TEST_P(PortalApiTest, AuditHeadsArePublishedAtStartAndKept) {
  // Serve published today's head at start (before the demo's rows).
  auto heads = Get("/api/v1/public/audit-heads").as_array();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(std::string(heads[0].at("on").as_string()), FormatShanghai(SystemClock().Now(), 10));
  const auto seq = heads[0].at("seq").as_int64();
  std::string hash;
  auto r = db().Read([&](store::Session& s) -> Result<void> {
    auto row = store::AuditRepository::Range(s, seq - 1, 1);
    if (!row) return std::move(row).error();
    if (!row->empty()) hash = row->front().hash;
    return Ok();
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(std::string(heads[0].at("hash").as_string()), hash);
  // Publishing again the same day keeps the first head; another day adds one.
  ASSERT_TRUE(app_->audit().PublishHead(std::string(heads[0].at("on").as_string()), FormatIsoUtc(SystemClock().Now())));
  ASSERT_TRUE(app_->audit().PublishHead("2099-01-01", FormatIsoUtc(SystemClock().Now())));
  auto after = Get("/api/v1/public/audit-heads").as_array();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0], heads[0]);
  EXPECT_GT(after[1].at("seq").as_int64(), seq);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PortalApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, PortalApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
