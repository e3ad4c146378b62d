// No personal data in public (issue #15 "Done when"): on the demo county, every public GET route of
// the route table — so routes other contexts add later are walked too — is called with ids taken
// from the demo data, every page and every open-data file, and the answers must hold no owner,
// resident or user name, no ID number, no phone number and nothing at the level of a single
// dwelling. The forbidden strings are read from the demo database itself. Routes that answer the
// caller's own data with a secret code (ballot, receipt, ticket follow-up) are walked without the
// secret and must reveal nothing.
#include <algorithm>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <iostream>
#include <regex>
#include <set>

#include "api/portal_demo.hpp"
#include "common/clock.hpp"

namespace huanxin::testing {
namespace {

class PortalPrivacyTest : public PortalDemoTest {
 protected:

  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> out;
    auto r = db().Read([&](store::Session& s) -> Result<void> {
      auto rows = s.Query(sql);
      if (!rows) return std::move(rows).error();
      for (const auto& row : *rows)
        if (!row.IsNull(0)) out.push_back(row.GetText(0));
      return Ok();
    });
    EXPECT_TRUE(r) << sql;
    return out;
  }

  // Every personal string the demo stored: names, ID numbers, phones, dwelling labels.
  std::set<std::string> Forbidden() {
    std::set<std::string> out;
    for (const char* sql :
         {"SELECT name FROM owner", "SELECT id_number FROM owner", "SELECT phone FROM owner", "SELECT display_name FROM app_user",
          "SELECT phone FROM ticket", "SELECT address FROM ticket", "SELECT name FROM publicity_objection",
          "SELECT phone FROM publicity_objection", "SELECT name FROM supervisor", "SELECT phone FROM supervisor",
          "SELECT b.number || '-' || d.stairwell || '-' || d.room FROM dwelling d JOIN building b ON b.id = d.building_id",
          "SELECT b.number || '栋' || d.room FROM dwelling d JOIN building b ON b.id = d.building_id",
          "SELECT b.number || '号楼' || d.room FROM dwelling d JOIN building b ON b.id = d.building_id",
          "SELECT d.room || '室' FROM dwelling d"})
      for (auto& v : Column(sql))
        if (v.size() >= 4) out.insert(v);  // two Chinese characters or four ASCII at least
    return out;
  }
};

// Phones (mainland mobile, landline with area code) and 18-character ID numbers, as whole tokens.
const std::regex kIdNumber("(^|[^0-9A-Za-z])[1-9][0-9]{16}[0-9Xx]($|[^0-9A-Za-z])");
const std::regex kMobile("(^|[^0-9A-Za-z])(\\+?86[- ]?)?1[3-9][0-9]{9}($|[^0-9A-Za-z])");
const std::regex kLandline("(^|[^0-9A-Za-z])0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}($|[^0-9A-Za-z])");

// Dwelling-level keys in a JSON answer.
bool DwellingKey(const std::string& key) {
  static const std::set<std::string> kKeys = {"dwellingId", "dwelling_id", "dwelling", "room", "roomNumber", "ownerName",
                                              "idNumber", "phone", "phoneNumber", "owner", "owners", "residentName"};
  return kKeys.count(key) > 0;
}

void CheckStrings(const boost::json::value& v, const std::string& where, std::vector<std::string>& problems) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.as_object()) {
      if (DwellingKey(std::string(k))) problems.push_back(where + ": key " + std::string(k));
      CheckStrings(x, where, problems);
    }
  } else if (v.is_array()) {
    for (const auto& x : v.as_array()) CheckStrings(x, where, problems);
  } else if (v.is_string()) {
    const std::string s(v.as_string());
    if (std::regex_search(s, kIdNumber)) problems.push_back(where + ": ID number in \"" + s.substr(0, 80) + "\"");
    if (std::regex_search(s, kMobile)) problems.push_back(where + ": mobile number in \"" + s.substr(0, 80) + "\"");
    if (std::regex_search(s, kLandline)) problems.push_back(where + ": phone number in \"" + s.substr(0, 80) + "\"");
  }
}

TEST_P(PortalPrivacyTest, NoPublicRouteAnswersPersonalData) {
  const auto forbidden = Forbidden();
  ASSERT_GT(forbidden.size(), 1000u) << "the demo has owners, phones and dwellings to look for";
  const auto estates = Column("SELECT id FROM estate ORDER BY id");
  const auto notices = Column("SELECT id FROM publicity_notice ORDER BY id");
  const auto tickets = Column("SELECT code FROM ticket ORDER BY id");
  const auto categories = Column("SELECT code FROM ticket_category ORDER BY code");
  ASSERT_FALSE(estates.empty());
  ASSERT_FALSE(notices.empty());
  ASSERT_FALSE(tickets.empty());

  // A route's path parameters → the values to walk. A public route with a parameter not listed here
  // fails the test: whoever adds one decides what to walk it with.
  auto values = [&](const std::string& pattern, const std::string& param) -> std::optional<std::vector<std::string>> {
    if (param == "id" && pattern.find("/public/estates/") != std::string::npos) return estates;
    if (param == "id" && pattern.find("/public/publicity/") != std::string::npos) return notices;
    if (param == "file") {
      std::vector<std::string> files;
      for (const char* d : {"estates", "funding", "progress", "rectifications", "stats"})
        for (const char* e : {".csv", ".json"}) files.push_back(std::string(d) + e);
      return files;
    }
    // Open311 requests and tokens by the public request id (the ticket code): public by design.
    if (param == "id" && pattern.find("/open311/") != std::string::npos) return tickets;
    if (param == "code" && pattern.find("/services/") != std::string::npos) return categories;
    // The secret-code routes (a resident's own ballot, receipt, ticket): walked without the secret.
    if (param == "code") return std::vector<std::string>{"NOTASECRET1", "HN0000000", "T000000000000"};
    return std::nullopt;
  };

  // No exception: the building contacts (issue #14) need the stairwell key printed on the board's QR
  // code, and are walked here without it like the other secret routes.
  std::vector<std::string> problems;
  int calls = 0;
  std::set<std::string> walked;
  for (const auto& route : app_->routes()) {
    if (route.access != http::Access::kPublic || route.method != "GET") continue;
    if (route.pattern == "/api/v1/openapi.json") continue;  // the API's description: examples only, checked by the example check
    // Expand the pattern's parameters.
    std::vector<std::string> targets{""};
    std::string rest = route.pattern;
    bool unknown = false;
    while (!rest.empty()) {
      const auto open = rest.find('{');
      if (open == std::string::npos) {
        for (auto& t : targets) t += rest;
        break;
      }
      const auto close = rest.find('}', open);
      const auto param = rest.substr(open + 1, close - open - 1);
      auto vs = values(route.pattern, param);
      if (!vs) {
        ADD_FAILURE() << "public route " << route.pattern << ": no demo values for {" << param << "}; add them to this test";
        unknown = true;
        break;
      }
      std::vector<std::string> next;
      for (const auto& t : targets)
        for (const auto& v : *vs) next.push_back(t + rest.substr(0, open) + v);
      targets = std::move(next);
      rest = rest.substr(close + 1);
    }
    if (unknown) continue;
    walked.insert(route.pattern);
    auto& found = problems;
    for (const auto& first : targets) {
      // Every page of a paged list.
      for (std::int64_t page = 1;; ++page) {
        std::string target = first;
        if (page > 1) target += std::string(target.find('?') == std::string::npos ? "?" : "&") + "page=" + std::to_string(page);
        auto res = Call("GET", target);
        ++calls;
        EXPECT_LT(res.status, 500) << target << " " << res.body;
        for (const auto& f : forbidden)
          if (res.body.find(f) != std::string::npos) found.push_back(target + ": \"" + f + "\"");
        boost::system::error_code ec;
        auto json = boost::json::parse(res.body, ec);
        if (!ec) CheckStrings(json, target, found);
        else {
          // CSV, XML, HTML, iCalendar: the patterns over the whole text, money columns aside (fen
          // amounts are digits only; the JSON twin of each dataset is checked string by string).
          if (target.find("/open-data/") == std::string::npos) CheckStrings(boost::json::string(res.body), target, found);
        }
        if (ec || !json.is_object() || !json.as_object().contains("total") || !json.as_object().contains("pageSize")) break;
        const auto total = json.at("total").as_int64(), size = json.at("pageSize").as_int64();
        if (page * size >= total) break;
      }
    }
  }
  std::string listed;
  for (std::size_t i = 0; i < problems.size() && i < 12; ++i) listed += "\n  " + problems[i];
  EXPECT_TRUE(problems.empty()) << problems.size() << " finding(s):" << listed;
  // The walk reached the portal and the other contexts' public pages.
  for (const char* p : {"/api/v1/public/estates", "/api/v1/public/estates/{id}", "/api/v1/public/stats",
                        "/api/v1/public/open-data/{file}", "/api/v1/public/audit-heads", "/api/v1/public/publicity/{id}"})
    EXPECT_TRUE(walked.count(p)) << p;
  EXPECT_GT(calls, 60);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PortalPrivacyTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, PortalPrivacyTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
