// The working-day calendar over HTTP (core/calendar/README.md), on SQLite and PostgreSQL: the
// worked examples of REFERENCE.md §9, the seeded years, an administrator loading 2027 and a window
// crossing into it, refusals (role, bad data: nothing stored), a year that is not loaded.
#include <boost/json.hpp>

#include "api/api_fixture.hpp"
#include "store/calendar/calendar_repository.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class CalendarApiTest : public ApiTest {
 protected:
  // The end of the window, or "<status> <reason>".
  std::string End(const LoginSession& who, const std::string& from, int count) {
    auto r = As(who, "GET", "/api/v1/calendar/workdays?from=" + from + "&count=" + std::to_string(count));
    if (r.status != 200) return std::to_string(r.status) + " " + r.Reason();
    auto o = r.Json().as_object();
    EXPECT_EQ(o.at("from").as_string(), from);
    EXPECT_EQ(o.at("count").as_int64(), count);
    return std::string(o.at("end").as_string());
  }

  // How many calendar.put entries the audit log holds (for `year`, or for every year).
  std::int64_t Audited(const LoginSession& admin, const std::string& year = "") {
    auto r = As(admin, "GET", "/api/v1/audit?action=calendar.put&entity=calendar_year" + (year.empty() ? "" : "&entityId=" + year));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json().at("total").as_int64() : -1;
  }

  static json::array Strings(const json::value& v) { return v.as_array(); }
};

TEST_P(CalendarApiTest, WorkedExamplesForAnySignedInUser) {
  if (!app_) return;
  auto admin = Admin();
  CreateUser("calendar.resident", "resident", "360104002001");
  auto resident = Login("calendar.resident", "Street#2026x");
  for (const auto* who : {&admin, &resident}) {
    EXPECT_EQ(End(*who, "2025-09-26", 7), "2025-10-11");  // §9 worked example, 2025
    EXPECT_EQ(End(*who, "2026-09-24", 7), "2026-10-10");  // §9 worked example, 2026
  }
  EXPECT_EQ(End(resident, "2026-02-14", 1), "2026-02-14");  // Sat, worked
  EXPECT_EQ(End(resident, "2026-09-20", 1), "2026-09-20");  // Sun, worked
  EXPECT_EQ(End(resident, "2026-02-16", 1), "2026-02-24");  // Mon, Spring Festival: rolls forward
  EXPECT_EQ(End(resident, "2026-03-07", 1), "2026-03-09");  // a plain Saturday
  EXPECT_EQ(Call("GET", "/api/v1/calendar/workdays?from=2025-09-26&count=7").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/calendar/2026").status, 401);

  auto year = As(resident, "GET", "/api/v1/calendar/2026");
  ASSERT_EQ(year.status, 200) << year.body;
  auto y = year.Json().as_object();
  EXPECT_EQ(y.at("year").as_int64(), 2026);
  const auto holidays = Strings(y.at("holidays"));
  ASSERT_EQ(holidays.size(), 33u);
  EXPECT_EQ(holidays.front(), "2026-01-01");
  EXPECT_EQ(holidays.back(), "2026-10-07");
  EXPECT_EQ(Strings(y.at("workdays")),
            (json::array{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}));
  EXPECT_EQ(y.at("source").as_string(), "国务院办公厅关于2026年部分节假日安排的通知");
}

TEST_P(CalendarApiTest, BadQueriesAndUnloadedYearsAreRefusedWithReasons) {
  if (!app_) return;
  auto admin = Admin();
  auto get = [&](const std::string& q) { return As(admin, "GET", "/api/v1/calendar/workdays" + q); };
  auto missing = get("?count=7");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Reason(), "http.bad_query");
  auto m = missing.Json().at("error").as_object();
  EXPECT_EQ(m.at("message").as_string(), "缺少查询参数 from");  // Chinese by default
  EXPECT_FALSE(m.at("hint").as_string().empty());
  EXPECT_EQ(get("?from=2026-09-24").Reason(), "http.bad_query");
  EXPECT_EQ(get("?from=2026-09-24&count=seven").Reason(), "http.bad_query");
  auto bad_date = get("?from=2026-13-01&count=7");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_EQ(bad_date.Reason(), "calendar.invalid_date");
  EXPECT_EQ(bad_date.Json().at("error").at("detail").as_string(), "2026-13-01");
  EXPECT_EQ(get("?from=2026-09-24&count=0").Reason(), "calendar.invalid_count");
  EXPECT_EQ(get("?from=2026-09-24&count=367").Reason(), "calendar.invalid_count");
  EXPECT_EQ(get("?from=2026-09-24&count=99999999999").Reason(), "calendar.invalid_count");

  // 2027 is not loaded: a window reaching it, a start in it, the year itself.
  EXPECT_EQ(End(admin, "2026-12-31", 1), "2026-12-31");
  auto crossing = get("?from=2026-12-30&count=5");
  EXPECT_EQ(crossing.status, 422);
  EXPECT_EQ(crossing.Reason(), "calendar.year_not_loaded");
  EXPECT_EQ(crossing.Json().at("error").at("detail").as_string(), "2027");
  auto english = Call("GET", "/api/v1/calendar/workdays?from=2027-03-01&count=1",
                      "", {{"Authorization", "Bearer " + admin.token}, {"Accept-Language", "en"}});
  EXPECT_EQ(english.Reason(), "calendar.year_not_loaded");
  EXPECT_EQ(english.Json().at("error").at("message").as_string(), "the working-day calendar of 2027 is not loaded");
  EXPECT_EQ(End(admin, "2024-12-31", 1), "422 calendar.year_not_loaded");
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/2027").Reason(), "calendar.year_not_found");
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/2027").status, 404);
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/abc").status, 404);
}

TEST_P(CalendarApiTest, AdminLoads2027AndWindowsCrossIntoIt) {
  if (!app_) return;
  auto admin = Admin();
  CreateUser("calendar.street", "street", "360104002");
  auto street = Login("calendar.street", "Street#2026x");
  // Example data for 2027 (not the real notice): New Year's Day, a week at the Spring Festival and a
  // worked Saturday; sent unsorted.
  const json::object y27{{"year", 2027},
                         {"holidays", json::array{"2027-02-08", "2027-01-01", "2027-02-06", "2027-02-07"}},
                         {"workdays", json::array{"2027-01-30"}},
                         {"source", "国务院办公厅关于2027年部分节假日安排的通知"}};
  EXPECT_EQ(End(street, "2026-12-30", 5), "422 calendar.year_not_loaded");

  // A street user may read, not load.
  auto before = Snapshot(app_->db());
  auto refused = As(street, "PUT", "/api/v1/calendar/2027", y27);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.Reason(), "auth.forbidden");
  EXPECT_EQ(Snapshot(app_->db()), before);
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/2027").status, 404);

  auto put = As(admin, "PUT", "/api/v1/calendar/2027", y27);
  ASSERT_EQ(put.status, 200) << put.body;
  auto p = put.Json().as_object();
  EXPECT_EQ(p.at("year").as_int64(), 2027);
  EXPECT_EQ(p.at("holidays").as_array(), (json::array{"2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08"}));
  EXPECT_EQ(p.at("workdays").as_array(), (json::array{"2027-01-30"}));
  EXPECT_EQ(As(street, "GET", "/api/v1/calendar/2027").body, put.body);
  EXPECT_EQ(Audited(admin, "2027"), 1);

  // Dec 30, Dec 31, then Jan 1 (holiday), the weekend, Jan 4, 5, 6.
  EXPECT_EQ(End(street, "2026-12-30", 5), "2027-01-06");
  EXPECT_EQ(End(street, "2027-01-29", 2), "2027-01-30");  // the worked Saturday counts
  EXPECT_EQ(End(street, "2027-02-05", 2), "2027-02-09");  // Fri, then the holiday and weekend skipped
  EXPECT_EQ(End(street, "2027-12-31", 2), "422 calendar.year_not_loaded");

  // The same year again changes nothing and audits nothing.
  ASSERT_EQ(As(admin, "PUT", "/api/v1/calendar/2027", y27).status, 200);
  EXPECT_EQ(Audited(admin), 1);

  // Replacing it: the old dates go.
  auto smaller = y27;
  smaller["holidays"] = json::array{"2027-01-01"};
  smaller["workdays"] = json::array{};
  ASSERT_EQ(As(admin, "PUT", "/api/v1/calendar/2027", smaller).status, 200);
  EXPECT_EQ(End(street, "2027-02-05", 2), "2027-02-08");
  EXPECT_EQ(Audited(admin), 2);

  // Another server sharing the database loads the year again (its own transaction, the version
  // moves): this server's cached calendar is not used past it.
  ASSERT_TRUE(app_->db().Write([](store::Session& s) -> Result<void> {
    store::CalendarYearRecord y{2027, "", "2026-11-20T02:00:00.000Z", "other.server", {"2027-02-08"}, {}};
    if (auto r = store::CalendarRepository::ReplaceYear(s, y); !r) return r;
    return store::CalendarRepository::BumpVersion(s);
  }));
  EXPECT_EQ(End(street, "2027-02-05", 2), "2027-02-09");
  EXPECT_EQ(End(street, "2026-12-30", 3), "2027-01-01");
}

TEST_P(CalendarApiTest, BadDataIsRefusedAndNothingIsStored) {
  if (!app_) return;
  auto admin = Admin();
  const auto y2026 = As(admin, "GET", "/api/v1/calendar/2026").body;
  auto put = [&](const std::string& year, const json::value& body) {
    return As(admin, "PUT", "/api/v1/calendar/" + year, body);
  };
  auto body = [](json::array holidays, json::array workdays) {
    return json::object{{"holidays", std::move(holidays)}, {"workdays", std::move(workdays)}};
  };
  const auto before = Snapshot(app_->db());
  struct Case {
    int id;
    std::string year;
    json::value body;
    std::string reason, in_detail;
  };
  const Case cases[] = {
      {1, "2027", body({"2027-01-01"}, {"2027-02-05"}), "calendar.invalid", "2027-02-05"},  // a Friday worked
      {2, "2026", body({"2025-12-31"}, {}), "calendar.invalid", "2025-12-31"},             // outside the year
      {3, "2027", body({"2027-01-30"}, {"2027-01-30"}), "calendar.invalid", "2027-01-30"},  // both
      {4, "2027", body({"2027-01-01", "2027-01-01"}, {}), "calendar.invalid", "2027-01-01"},
      {5, "2027", json::object{{"year", 2026}, {"holidays", json::array{}}, {"workdays", json::array{}}}, "calendar.invalid", "2026"},
      {6, "2027", body({"2027-1-1"}, {}), "calendar.invalid_date", "2027-1-1"},
      {7, "2027", body({"2027-02-30"}, {}), "calendar.invalid_date", "2027-02-30"},
      {8, "2027", json::object{{"holidays", json::array{}}}, "http.invalid_field", ""},
      {9, "2027", json::object{{"holidays", json::array{}}, {"workdays", json::array{}}, {"holiday", json::array{}}}, "http.invalid_field", ""},
      {10, "2027", body({20270101}, {}), "http.invalid_field", ""},
      {11, "226", body({}, {}), "calendar.invalid", "226"},
  };
  for (const auto& c : cases) {
    auto r = put(c.year, c.body);
    EXPECT_EQ(r.status, 422) << c.id << " " << r.body;
    EXPECT_EQ(r.Reason(), c.reason) << c.id << " " << r.body;
    if (!c.in_detail.empty() && r.Json().is_object()) {
      EXPECT_NE(std::string(r.Json().at("error").at("detail").as_string()).find(c.in_detail), std::string::npos) << c.id << " " << r.body;
    }
  }
  EXPECT_EQ(put("2027", json::value("not an object")).status, 400);
  EXPECT_EQ(Snapshot(app_->db()), before);
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/2027").status, 404);
  EXPECT_EQ(As(admin, "GET", "/api/v1/calendar/2026").body, y2026);
  EXPECT_EQ(Audited(admin), 0);
  EXPECT_EQ(End(admin, "2026-09-24", 7), "2026-10-10");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CalendarApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, CalendarApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
