// Check-ups over HTTP (issue #4), on SQLite and PostgreSQL: a campaign from assignment through
// batched, resent sync to approval; the problem list, its PDF (pdftotext) and XLSX (openpyxl);
// catalogue versions; bad input refused with nothing stored; the regional roll-up.
#include <boost/json.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "api/api_fixture.hpp"
#include "service/checkup/checkup_service.hpp"
#include "testing/external_tools.hpp"
#include "testing/sample_images.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

class CheckupApiTest : public ApiTest {
 protected:
  struct Estate {
    std::int64_t id = 0;
    std::vector<std::int64_t> buildings, dwellings;
  };

  Estate MakeEstate(const LoginSession& admin, const std::string& name, const std::string& community = "360104002001") {
    Estate e;
    auto r = As(admin, "POST", "/api/v1/estates",
                json::object{{"regionCode", community}, {"name", name}, {"address", "体检路1号"}, {"builtYear", 1990}});
    EXPECT_EQ(r.status, 201) << r.body;
    e.id = r.Json().as_object()["id"].as_int64();
    for (int b = 1; b <= 2; ++b) {
      auto br = As(admin, "POST", "/api/v1/estates/" + std::to_string(e.id) + "/buildings",
                   json::object{{"number", std::to_string(b)}, {"floors", 6}, {"stairwells", 1}});
      EXPECT_EQ(br.status, 201) << br.body;
      e.buildings.push_back(br.Json().as_object()["id"].as_int64());
      auto dr = As(admin, "POST", "/api/v1/buildings/" + std::to_string(e.buildings.back()) + "/dwellings",
                   json::object{{"stairwell", 1}, {"floor", 1}, {"room", "101"}, {"exclusiveArea", 60}});
      EXPECT_EQ(dr.status, 201) << dr.body;
      e.dwellings.push_back(dr.Json().as_object()["id"].as_int64());
    }
    return e;
  }

  HttpResponse Sync(const LoginSession& who, std::int64_t c, const json::array& observations) {
    return As(who, "POST", "/api/v1/checkups/" + std::to_string(c) + "/observations", json::object{{"observations", observations}});
  }

  // A campaign of one new estate in 360104002001 with one problem recorded, as admin; submitted when
  // asked. Returns (campaign, estate).
  std::pair<std::int64_t, Estate> RecordedCampaign(const LoginSession& admin, const std::string& name, bool submitted) {
    auto e = MakeEstate(admin, name);
    auto created = As(admin, "POST", "/api/v1/checkups",
                      json::object{{"title", name + "体检"}, {"year", 2026}, {"regionCode", "360104002"},
                                   {"estateIds", json::array{e.id}}});
    EXPECT_EQ(created.status, 201) << created.body;
    auto cid = created.status == 201 ? created.Json().as_object()["id"].as_int64() : 0;
    auto synced = Sync(admin, cid,
                       json::array{{{"clientId", name + "-1"}, {"estateId", e.id}, {"buildingId", e.buildings[0]},
                                    {"indicator", "H04"}, {"criterion", "H04.finish_loss"}, {"value", 18}}});
    EXPECT_EQ(synced.status, 200) << synced.body;
    if (submitted) {
      auto sub = As(admin, "POST", "/api/v1/checkups/" + std::to_string(cid) + "/submit", json::object{{"estateId", e.id}});
      EXPECT_EQ(sub.status, 200) << sub.body;
    }
    return {cid, e};
  }

  std::int64_t Count(const std::string& sql) {
    std::int64_t n = -1;
    auto r = app_->db().Read([&](store::Session& s) -> Result<void> {
      auto v = store::QueryInt(s, sql);
      if (!v) return std::move(v).error();
      n = *v;
      return Ok();
    });
    EXPECT_TRUE(r);
    return n;
  }

  HttpResponse Photo(const LoginSession& who, std::int64_t c, const std::string& bytes) {
    const std::string boundary = "checkupBoundary";
    return Call("POST", "/api/v1/checkups/" + std::to_string(c) + "/photos",
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n\r\n" + bytes +
                    "\r\n--" + boundary + "--\r\n",
                {{"Authorization", "Bearer " + who.token}, {"Content-Type", "multipart/form-data; boundary=" + boundary}});
  }
};

TEST_P(CheckupApiTest, CampaignFromAssignmentThroughResentSyncToApprovalYieldsTheProblemListAndReports) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin, "体检示范小区");
  CreateUser("grid.chen", "community", "360104002001");
  auto grid = Login("grid.chen", "Street#2026x");
  CreateUser("hongdu.office", "street", "360104002");
  auto street = Login("hongdu.office", "Street#2026x");

  auto created = As(street, "POST", "/api/v1/checkups",
                    json::object{{"title", "洪都街道2026年度体检"}, {"year", 2026}, {"regionCode", "360104002"},
                                 {"estateIds", json::array{e.id}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto campaign = created.Json().as_object();
  auto cid = campaign["id"].as_int64();
  EXPECT_EQ(campaign["catalogId"].as_int64(), 1);
  ASSERT_EQ(campaign["estates"].as_array().size(), 1u);
  auto assigned = As(street, "POST", "/api/v1/checkups/" + std::to_string(cid) + "/assign",
                     json::object{{"estateIds", json::array{e.id}}, {"userId", grid.user_id}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.Json().as_object()["estates"].as_array()[0].at("assignee").at("username").as_string(), "grid.chen");

  auto photo = Photo(grid, cid, SampleJpegWithExif());
  ASSERT_EQ(photo.status, 201) << photo.body;
  auto photo_id = photo.Json().as_object()["id"].as_int64();

  // The phone's queue: facade loss on building 1 (18 m² → larger hazard), gas pipes 25 years and
  // corroded on building 2 (hazard), facade loss exactly 10 m² on building 2 (larger hazard), a
  // non-self-contained dwelling, 42 parking spaces short, and two readings that are no problem.
  json::array batch{
      {{"clientId", "c-1"}, {"estateId", e.id}, {"buildingId", e.buildings[0]}, {"indicator", "H04"}, {"criterion", "H04.finish_loss"},
       {"value", 18}, {"note", "北立面空鼓脱落"}, {"photoIds", json::array{photo_id}}, {"lat", 28.6829}, {"lng", 115.8579}},
      {{"clientId", "c-2"}, {"estateId", e.id}, {"buildingId", e.buildings[1]}, {"indicator", "H02"}, {"criterion", "H02.pipe_age"},
       {"value", "25"}, {"condition", true}},
      {{"clientId", "c-3"}, {"estateId", e.id}, {"buildingId", e.buildings[1]}, {"indicator", "H04"}, {"criterion", "H04.finish_loss"},
       {"value", "10.00"}},
      {{"clientId", "c-4"}, {"estateId", e.id}, {"dwellingId", e.dwellings[0]}, {"indicator", "H05"}, {"criterion", "H05.not_self_contained"},
       {"present", true}},
      {{"clientId", "c-5"}, {"estateId", e.id}, {"indicator", "C14"}, {"criterion", "C14.shortfall"}, {"value", 42}},
      {{"clientId", "c-6"}, {"estateId", e.id}, {"buildingId", e.buildings[0]}, {"indicator", "H02"}, {"criterion", "H02.pipe_age"},
       {"value", 12}, {"condition", true}},
      {{"clientId", "c-7"}, {"estateId", e.id}, {"indicator", "C19"}, {"criterion", "C19.not_sorted"}, {"present", false}}};
  auto first = Sync(grid, cid, batch);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json().as_object()["created"].as_int64(), 7);
  auto again = Sync(grid, cid, batch);  // the network dropped the answer: the phone sends it again
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json().as_object()["created"].as_int64(), 0);
  EXPECT_EQ(again.Json().as_object()["unchanged"].as_int64(), 7);
  auto listed = As(street, "GET", "/api/v1/checkups/" + std::to_string(cid) + "/observations");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json().as_object()["total"].as_int64(), 7) << "the same batch twice stores once";
  // A correction of one observation (re-measured) updates it in place.
  json::array fix{batch[0]};
  fix[0].as_object()["value"] = "35.5";
  auto corrected = Sync(grid, cid, fix);
  EXPECT_EQ(corrected.Json().as_object()["updated"].as_int64(), 1);
  EXPECT_EQ(corrected.Json().as_object()["results"].as_array()[0].at("severity").as_string(), "severe");

  // Submit; approval is the street's.
  auto base = "/api/v1/checkups/" + std::to_string(cid);
  EXPECT_EQ(As(grid, "POST", base + "/approve", json::object{{"estateId", e.id}}).status, 403);
  ASSERT_EQ(As(grid, "POST", base + "/submit", json::object{{"estateId", e.id}}).status, 200);
  auto before = Snapshot(app_->db());
  EXPECT_EQ(Sync(grid, cid, batch).Reason(), "checkup.not_editable");
  EXPECT_EQ(Snapshot(app_->db()), before);
  auto approved = As(street, "POST", base + "/approve", json::object{{"estateId", e.id}, {"comment", "数据完整"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto est = approved.Json().as_object()["estates"].as_array()[0].as_object();
  EXPECT_EQ(est.at("status").as_string(), "approved");
  EXPECT_TRUE(est.at("reportFileId").is_int64()) << "the report is generated on approval";

  // The problem list: 5 problems, worst first.
  auto problems = As(street, "GET", base + "/problems");
  ASSERT_EQ(problems.status, 200);
  auto pj = problems.Json();
  const auto& items = pj.as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 5u) << problems.body;
  EXPECT_EQ(items[0].at("severity").as_string(), "severe");  // 35.5 m² on building 1
  EXPECT_EQ(items[0].at("objectLabel").as_string(), "体检示范小区 1号楼");
  EXPECT_EQ(items[1].at("severity").as_string(), "larger_hazard");  // exactly 10 m²
  EXPECT_EQ(items[2].at("severity").as_string(), "hazard");         // gas pipe
  std::map<std::string, std::int64_t> objects;
  for (const auto& row : pj.as_object().at("summary").at("byIndicator").as_array())
    objects[std::string(row.at("indicator").as_string())] = row.at("objects").as_int64();
  EXPECT_EQ(objects["H04"], 2);
  EXPECT_EQ(objects["H02"], 1);
  EXPECT_EQ(objects["H05"], 1);
  EXPECT_EQ(objects["C14"], 1);
  EXPECT_EQ(objects["C19"], 0);
  const auto& sev = pj.as_object().at("summary").at("bySeverity").as_object();
  EXPECT_EQ(sev.at("severe").as_int64(), 1);
  EXPECT_EQ(sev.at("larger_hazard").as_int64(), 1);
  EXPECT_EQ(sev.at("hazard").as_int64(), 1);
  EXPECT_EQ(sev.at("problem").as_int64(), 2);

  // The PDF carries those problems; the XLSX has the same rows.
  auto pdf = As(street, "GET", base + "/report.pdf?estateId=" + std::to_string(e.id));
  ASSERT_EQ(pdf.status, 200);
  ASSERT_EQ(pdf.body.substr(0, 4), "%PDF");
  auto xlsx = As(street, "GET", base + "/report.xlsx?estateId=" + std::to_string(e.id));
  ASSERT_EQ(xlsx.status, 200);
  auto html = As(street, "GET", base + "/report.html?estateId=" + std::to_string(e.id));
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("北立面空鼓脱落"), std::string::npos);
  if (HaveTool(kPdfToText) && HaveOpenpyxl()) {
    auto dir = ::testing::TempDir();
    std::ofstream(dir + "checkup.pdf", std::ios::binary) << pdf.body;
    std::ofstream(dir + "checkup.xlsx", std::ios::binary) << xlsx.body;
    auto text = RunCommand(std::string(kPdfToText) + " -layout '" + dir + "checkup.pdf' - 2>&1", false);
    for (const char* needle : {"体检示范小区", "严重隐患", "较大隐患", "北立面空鼓脱落", "非成套住宅数量", "停车泊位缺口数"})
      EXPECT_NE(text.find(needle), std::string::npos) << needle << " not in the PDF text";
    auto rows = RunCommand(
        std::string(kPython) +
            " -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
            "[print('|'.join('' if c is None else str(c) for c in r)) for r in ws.iter_rows(values_only=True)]\" '" +
            dir + "checkup.xlsx' 2>&1",
        false);
    auto lines = std::count(rows.begin(), rows.end(), '\n');
    EXPECT_EQ(lines, 1 + 5) << rows;
    EXPECT_NE(rows.find("北立面空鼓脱落"), std::string::npos) << rows;
    EXPECT_NE(rows.find("严重隐患"), std::string::npos) << rows;
    // Suggestions read as renovation items (B13 → 外墙修缮), not catalogue codes.
    EXPECT_NE(rows.find("外墙修缮"), std::string::npos) << rows;
    EXPECT_EQ(rows.find("B13"), std::string::npos) << rows;
  } else if (std::getenv("CI")) {
    ADD_FAILURE() << "pdftotext and python3-openpyxl are needed (tools/install-deps.sh installs them)";
  }

  // The county roll-up counts the approved estate under its street.
  auto rollup = As(admin, "GET", "/api/v1/regions/360104/problems?year=2026");
  ASSERT_EQ(rollup.status, 200) << rollup.body;
  auto rj = rollup.Json();
  const auto& children = rj.as_object().at("children").as_array();
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children[0].at("regionCode").as_string(), "360104002");
  EXPECT_EQ(children[0].at("estates").as_int64(), 1);
  EXPECT_EQ(children[0].at("byIndicator").at("H04").at("objects").as_int64(), 2);
  EXPECT_EQ(rj.as_object().at("total").at("problems").as_int64(), 5);
}

TEST_P(CheckupApiTest, BadInputIsRefusedWithAReasonAndStoresNothing) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin, "坏数据小区");
  auto created = As(admin, "POST", "/api/v1/checkups",
                    json::object{{"title", "测试"}, {"year", 2026}, {"regionCode", "360104002001"}, {"estateIds", json::array{e.id}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto cid = created.Json().as_object()["id"].as_int64();
  auto before = Snapshot(app_->db());
  auto ok = json::object{{"clientId", "ok-1"}, {"estateId", e.id}, {"indicator", "C19"}, {"criterion", "C19.not_sorted"}, {"present", true}};
  auto with = [&](json::object bad) { return json::array{ok, bad}; };
  auto unknown = Sync(admin, cid, with({{"clientId", "b-1"}, {"estateId", e.id}, {"indicator", "Z99"}, {"criterion", "Z99.x"}, {"present", true}}));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("Z99"), std::string::npos);
  EXPECT_EQ(Sync(admin, cid, with({{"clientId", "b-2"}, {"estateId", e.id}, {"buildingId", e.buildings[0]}, {"indicator", "H04"},
                                   {"criterion", "H04.finish_loss"}, {"value", "ten"}})).status, 422);
  EXPECT_EQ(Sync(admin, cid, with({{"clientId", "b-3"}, {"estateId", e.id}, {"buildingId", e.buildings[0]}, {"indicator", "H04"},
                                   {"criterion", "H04.finish_loss"}, {"value", "1.234"}})).status, 422);
  EXPECT_EQ(Sync(admin, cid, with({{"clientId", "b-4"}, {"estateId", e.id}, {"indicator", "H04"}, {"criterion", "H04.finish_loss"},
                                   {"value", 5}})).Reason(), "checkup.invalid_field") << "a building indicator needs buildingId";
  EXPECT_EQ(Sync(admin, cid, with({{"clientId", "b-5"}, {"estateId", e.id}, {"indicator", "C19"}, {"criterion", "C19.not_sorted"},
                                   {"value", 3}})).status, 422) << "a flag takes no value";
  EXPECT_EQ(Sync(admin, cid, with({{"clientId", "b-6"}, {"estateId", e.id}, {"indicator", "C19"}, {"criterion", "C19.not_sorted"},
                                   {"present", "yes"}})).status, 422);
  EXPECT_EQ(Photo(admin, cid, "not an image at all").status, 415);
  EXPECT_EQ(Photo(admin, cid, std::string(11 * 1024 * 1024, '\xff')).status, 413);
  auto jpeg = SampleJpegWithExif();
  EXPECT_EQ(Photo(admin, cid, jpeg.substr(0, jpeg.size() / 2)).Reason(), "file.bad_image");
  EXPECT_EQ(Snapshot(app_->db()), before) << "nothing stored";
  // And the good row alone is accepted.
  EXPECT_EQ(Sync(admin, cid, json::array{ok}).status, 200);
}

TEST_P(CheckupApiTest, ACheckupKeepsTheCatalogueVersionItBeganWith) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin, "版本小区");
  auto old = As(admin, "POST", "/api/v1/checkups",
                json::object{{"title", "旧版"}, {"year", 2026}, {"regionCode", "360104002001"}, {"estateIds", json::array{e.id}}});
  ASSERT_EQ(old.status, 201);
  auto old_id = old.Json().as_object()["id"].as_int64();
  // Version 2: a local indicator (e.g. a city's own "二次供水" check) with a banded rule.
  auto draft = As(admin, "POST", "/api/v1/checkup/catalogs");
  ASSERT_EQ(draft.status, 201) << draft.body;
  auto v2 = draft.Json().as_object()["id"].as_int64();
  auto added = As(admin, "POST", "/api/v1/checkup/catalogs/" + std::to_string(v2) + "/indicators",
                  json::object{{"code", "L01"}, {"nameZh", "二次供水设施老化的住宅数量"}, {"level", "building"},
                               {"subDimension", "功能完备"}, {"problemUnit", "栋"},
                               {"criteria", json::array{{{"code", "L01.tank_age"}, {"nameZh", "水箱使用年限（年）且锈蚀"}, {"unit", "years"},
                                                          {"rule", {{"type", "age_and_condition"}, {"minYears", 15}, {"severity", "hazard"}}},
                                                          {"suggestedItems", json::array{"B01"}}}}}});
  ASSERT_EQ(added.status, 201) << added.body;
  ASSERT_EQ(As(admin, "POST", "/api/v1/checkup/catalogs/" + std::to_string(v2) + "/publish").status, 200);
  EXPECT_EQ(As(admin, "POST", "/api/v1/checkup/catalogs/" + std::to_string(v2) + "/indicators",
               json::object{{"code", "L02"}, {"nameZh", "x"}, {"level", "estate"}, {"subDimension", "x"}, {"problemUnit", "个"},
                            {"criteria", json::array{{{"code", "L02.x"}, {"nameZh", "x"}, {"rule", {{"type", "flag"}, {"severity", "problem"}}}}}}})
                .Reason(),
            "checkup.catalog_published");
  auto local = json::object{{"clientId", "v-1"}, {"estateId", e.id}, {"buildingId", e.buildings[0]}, {"indicator", "L01"},
                            {"criterion", "L01.tank_age"}, {"value", 16}, {"condition", true}};
  // The old check-up still uses version 1: the new indicator is unknown there.
  EXPECT_EQ(Sync(admin, old_id, json::array{local}).status, 422);
  auto old_problems = As(admin, "GET", "/api/v1/checkups/" + std::to_string(old_id) + "/problems").Json();
  EXPECT_EQ(old_problems.as_object()["summary"].at("byIndicator").as_array().size(), 21u);
  // A new check-up starts on version 2 and grades with it.
  auto fresh = As(admin, "POST", "/api/v1/checkups",
                  json::object{{"title", "新版"}, {"year", 2026}, {"regionCode", "360104002001"}, {"estateIds", json::array{e.id}}});
  ASSERT_EQ(fresh.status, 201);
  EXPECT_EQ(fresh.Json().as_object()["catalogId"].as_int64(), v2);
  auto synced = Sync(admin, fresh.Json().as_object()["id"].as_int64(), json::array{local});
  ASSERT_EQ(synced.status, 200) << synced.body;
  EXPECT_EQ(synced.Json().as_object()["results"].as_array()[0].at("severity").as_string(), "hazard");
}

// The report is kept inside the approval's transaction: when it cannot be stored, the estate stays
// submitted, without report file or audit entry, and a later approval that can store it succeeds.
TEST_P(CheckupApiTest, AnApprovalWhoseReportCannotBeStoredApprovesNothing) {
  if (!app_) return;
  auto admin = Admin();
  auto [cid, e] = RecordedCampaign(admin, "报告失败小区", true);
  const std::string base = "/api/v1/checkups/" + std::to_string(cid);
  // The same service over the same database, whose file folder cannot be created (a file is in the way).
  const std::string blocker = ::testing::TempDir() + "hx-checkup-not-a-folder-" + GetParam();
  std::ofstream(blocker) << "x";
  service::FileService blocked(app_->db(), app_->clock(), blocker + "/files");
  service::CheckupService broken(app_->db(), app_->clock(), app_->service<service::CatalogueService>(), blocked);
  auto files_before = Count("SELECT COUNT(*) FROM stored_file");
  auto before = Snapshot(app_->db());
  auto refused = broken.Review(service::Actor::System("test"), cid, e.id, "approve", "数据完整");
  std::filesystem::remove(blocker);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "file.write_failed");
  EXPECT_EQ(Snapshot(app_->db()), before) << "no audit entry";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM stored_file"), files_before);
  auto still = As(admin, "GET", base).Json().as_object()["estates"].as_array()[0].as_object();
  EXPECT_EQ(still.at("status").as_string(), "submitted");
  EXPECT_TRUE(still.at("approvedAt").is_null());
  EXPECT_TRUE(still.at("reportFileId").is_null());

  auto approved = As(admin, "POST", base + "/approve", json::object{{"estateId", e.id}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto est = approved.Json().as_object()["estates"].as_array()[0].as_object();
  EXPECT_EQ(est.at("status").as_string(), "approved");
  ASSERT_TRUE(est.at("reportFileId").is_int64());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM stored_file"), files_before + 1);
  auto pdf = As(admin, "GET", "/api/v1/files/" + std::to_string(est.at("reportFileId").as_int64()));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 4), "%PDF");
}

// A NUL in a note was accepted: PostgreSQL stored the note cut at the NUL, SQLite stored it whole and
// the PDF report, which approval now requires, refuses it. It is refused at capture and nothing is
// stored.
TEST_P(CheckupApiTest, ANulCharacterInANoteOrTitleIsRefused) {
  if (!app_) return;
  auto admin = Admin();
  auto [cid, e] = RecordedCampaign(admin, "空字符小区", false);
  auto before = Count("SELECT COUNT(*) FROM checkup_observation");
  auto refused = Call("POST", "/api/v1/checkups/" + std::to_string(cid) + "/observations",
                      "{\"observations\":[{\"clientId\":\"nul-1\",\"estateId\":" + std::to_string(e.id) +
                          ",\"indicator\":\"C19\",\"criterion\":\"C19.not_sorted\",\"present\":true,\"note\":\"a\\u0000b\"}]}",
                      {{"Authorization", "Bearer " + admin.token}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Reason(), "checkup.invalid_field");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM checkup_observation"), before);
  auto campaigns = Count("SELECT COUNT(*) FROM checkup");
  auto titled = Call("POST", "/api/v1/checkups",
                     "{\"title\":\"a\\u0000b\",\"year\":2026,\"regionCode\":\"360104002\",\"estateIds\":[" +
                         std::to_string(e.id) + "]}",
                     {{"Authorization", "Bearer " + admin.token}});
  EXPECT_EQ(titled.status, 422) << titled.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM checkup"), campaigns);
}

// Documents and the roll-up's default year read the service's clock and show Beijing time (UTC+8):
// at 2020-12-31T16:30Z it is already 2021-01-01 00:30 in Beijing; storage stays UTC.
TEST_P(CheckupApiTest, DocumentsShowBeijingTimeFromTheInjectedClock) {
  if (!app_) return;
  auto admin = Admin();
  auto [cid, e] = RecordedCampaign(admin, "北京时间小区", true);
  const auto system = service::Actor::System("test");
  ManualClock after(*ParseIso("2020-12-31T16:30:00Z"));
  // Services of their own over the same database and folder, on a manual clock.
  service::FileService files(app_->db(), after, app_->config().var_dir + "/files");
  service::CheckupService svc(app_->db(), after, app_->service<service::CatalogueService>(), files);
  auto approved = svc.Review(system, cid, e.id, "approve", "");
  ASSERT_TRUE(approved) << approved.error().reason;
  EXPECT_EQ(*approved->estates[0].approved_at, "2020-12-31T16:30:00.000Z");
  auto report = svc.EstateReport(system, cid, e.id);
  ASSERT_TRUE(report) << report.error().reason;
  EXPECT_EQ(report->generated_at, "2021-01-01 00:30");
  EXPECT_EQ(report->status_label, "已审核（2021-01-01）");
  auto area = svc.AreaReport(system, cid);
  ASSERT_TRUE(area) << area.error().reason;
  EXPECT_EQ(area->generated_at, "2021-01-01 00:30");
  auto html = svc.ReportHtml(system, cid, e.id);
  ASSERT_TRUE(html) << html.error().reason;
  EXPECT_NE(html->bytes.find("2021-01-01 00:30"), std::string::npos);
  auto rollup = svc.RegionProblems(system, "360104", std::nullopt);
  ASSERT_TRUE(rollup) << rollup.error().reason;
  EXPECT_EQ(rollup->year, 2021);
  ManualClock before(*ParseIso("2020-12-31T15:59:59.999Z"));
  service::FileService earlier_files(app_->db(), before, app_->config().var_dir + "/files");
  service::CheckupService earlier(app_->db(), before, app_->service<service::CatalogueService>(), earlier_files);
  auto last_year = earlier.RegionProblems(system, "360104", std::nullopt);
  ASSERT_TRUE(last_year) << last_year.error().reason;
  EXPECT_EQ(last_year->year, 2020);
  EXPECT_EQ(earlier.EstateReport(system, cid, e.id)->generated_at, "2020-12-31 23:59");
  // Over HTTP the server's clock decides: the Beijing year of now, unless ?year= says otherwise.
  auto now = As(admin, "GET", "/api/v1/regions/360104/problems");
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(now.Json().as_object()["year"].as_int64(), ShanghaiYear(SystemClock().Now()));
  EXPECT_EQ(As(admin, "GET", "/api/v1/regions/360104/problems?year=2020").Json().as_object()["year"].as_int64(), 2020);
}

// Issue #11 §2: one observation per (object, criterion) in a check-up; a second one updates the first,
// so totals and problem counts never double. Another object or another criterion is another row.
TEST_P(CheckupApiTest, ASecondObservationOfTheSameObjectAndCriterionUpdatesTheFirst) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin, "唯一记录小区");
  auto created = As(admin, "POST", "/api/v1/checkups",
                    json::object{{"title", "唯一"}, {"year", 2026}, {"regionCode", "360104002001"}, {"estateIds", json::array{e.id}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto cid = created.Json().as_object()["id"].as_int64();
  const std::string base = "/api/v1/checkups/" + std::to_string(cid);
  auto facade = [&](const std::string& client, std::int64_t building, const char* value) {
    return json::object{{"clientId", client}, {"estateId", e.id}, {"buildingId", building}, {"indicator", "H04"},
                        {"criterion", "H04.finish_loss"}, {"value", value}};
  };
  auto parking = json::object{{"clientId", "a-2"}, {"estateId", e.id}, {"indicator", "C14"}, {"criterion", "C14.shortfall"}, {"value", 42}};
  auto rows = [&] { return As(admin, "GET", base + "/observations").Json().as_object()["total"].as_int64(); };
  struct Counts {
    std::int64_t total = 0, h04_objects = 0, h04_problems = 0, severe = 0, larger_hazard = 0, hazard = 0;
  };
  auto counts = [&] {
    auto pj = As(admin, "GET", base + "/problems").Json();
    Counts c;
    c.total = pj.as_object().at("total").as_int64();
    for (const auto& row : pj.as_object().at("summary").at("byIndicator").as_array())
      if (row.at("indicator").as_string() == "H04") {
        c.h04_objects = row.at("objects").as_int64();
        c.h04_problems = row.at("problems").as_int64();
      }
    const auto& sev = pj.as_object().at("summary").at("bySeverity");
    c.severe = sev.at("severe").as_int64();
    c.larger_hazard = sev.at("larger_hazard").as_int64();
    c.hazard = sev.at("hazard").as_int64();
    return c;
  };

  auto first = Sync(admin, cid, json::array{facade("a-1", e.buildings[0], "18"), parking});
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.Json().as_object()["created"].as_int64(), 2);
  auto first_id = first.Json().as_object()["results"].as_array()[0].at("id").as_int64();
  auto before = counts();
  EXPECT_EQ(before.total, 2);
  EXPECT_EQ(before.h04_problems, 1);
  EXPECT_EQ(before.larger_hazard, 1);

  // Another phone re-measures the same facade under its own clientId: the first row is updated.
  auto second = Sync(admin, cid, json::array{facade("b-1", e.buildings[0], "35.5")});
  ASSERT_EQ(second.status, 200) << second.body;
  auto sj = second.Json().as_object();
  EXPECT_EQ(sj["created"].as_int64(), 0);
  EXPECT_EQ(sj["updated"].as_int64(), 1);
  EXPECT_EQ(sj["results"].as_array()[0].at("id").as_int64(), first_id);
  EXPECT_EQ(sj["results"].as_array()[0].at("severity").as_string(), "severe");
  EXPECT_EQ(rows(), 2);
  auto after = counts();
  EXPECT_EQ(after.total, before.total);
  EXPECT_EQ(after.h04_objects, 1);
  EXPECT_EQ(after.h04_problems, before.h04_problems);
  EXPECT_EQ(after.severe, 1);
  EXPECT_EQ(after.larger_hazard, 0);
  // Replays by clientId are still idempotent, for either clientId's last reading.
  auto replay = Sync(admin, cid, json::array{facade("b-1", e.buildings[0], "35.5")});
  EXPECT_EQ(replay.Json().as_object()["unchanged"].as_int64(), 1) << replay.body;
  EXPECT_EQ(rows(), 2);

  // Twice in one batch: one row, both answers name it.
  auto twice = Sync(admin, cid, json::array{facade("c-1", e.buildings[1], "5"), facade("c-2", e.buildings[1], "12")});
  ASSERT_EQ(twice.status, 200) << twice.body;
  auto tj = twice.Json().as_object();
  EXPECT_EQ(tj["created"].as_int64(), 1);
  EXPECT_EQ(tj["updated"].as_int64(), 1);
  auto c_id = tj["results"].as_array()[0].at("id").as_int64();
  EXPECT_EQ(tj["results"].as_array()[1].at("id").as_int64(), c_id);
  EXPECT_EQ(tj["results"].as_array()[1].at("severity").as_string(), "larger_hazard");
  // The other side: another object (building 2 above) and another criterion are rows of their own.
  auto other = Sync(admin, cid, json::array{{{"clientId", "d-1"}, {"estateId", e.id}, {"buildingId", e.buildings[0]},
                                             {"indicator", "H04"}, {"criterion", "H04.fixtures"}, {"present", true}}});
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.Json().as_object()["created"].as_int64(), 1);
  EXPECT_EQ(rows(), 4);
  auto four = counts();
  EXPECT_EQ(four.total, 4);
  EXPECT_EQ(four.h04_objects, 2);
  EXPECT_EQ(four.h04_problems, 3);

  // An observation moved onto an object and criterion that already have one merges into it.
  auto moved = parking;
  moved["buildingId"] = e.buildings[1];
  moved["indicator"] = "H04";
  moved["criterion"] = "H04.finish_loss";
  moved["value"] = "40";
  auto merged = Sync(admin, cid, json::array{moved});
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.Json().as_object()["updated"].as_int64(), 1);
  EXPECT_EQ(merged.Json().as_object()["results"].as_array()[0].at("id").as_int64(), c_id);
  EXPECT_EQ(rows(), 3);
  EXPECT_EQ(Sync(admin, cid, json::array{moved}).Json().as_object()["unchanged"].as_int64(), 1);
  auto campaign = As(admin, "GET", base).Json().as_object()["estates"].as_array()[0].as_object();
  EXPECT_EQ(campaign.at("observations").as_int64(), 3);
  EXPECT_EQ(campaign.at("problems").as_int64(), 3);
}

// Issue #16: the batch path (one read snapshot, rendering on every core with fonts cut down for the
// batch) gives each estate the documents the single-report path gives it: same PDF text layer and
// page count, same XLSX cells. An estate outside the campaign fails alone.
TEST_P(CheckupApiTest, ReportBatchGivesTheDocumentsOfTheSingleReportPath) {
  if (!app_) return;
  auto admin = Admin();
  std::vector<Estate> estates{MakeEstate(admin, "批量甲小区"), MakeEstate(admin, "批量乙苑（东区）"),
                              MakeEstate(admin, "鑫淼犇小区")};
  json::array ids;
  for (const auto& e : estates) ids.push_back(e.id);
  auto created = As(admin, "POST", "/api/v1/checkups",
                    json::object{{"title", "批量体检"}, {"year", 2026}, {"regionCode", "360104002"}, {"estateIds", ids}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto cid = created.Json().as_object()["id"].as_int64();
  json::array observations;
  for (std::size_t i = 0; i < estates.size(); ++i)
    for (std::size_t k = 0; k < std::min<std::size_t>(i + 1, 2); ++k)  // one per building: 1, 2, 2 problems
      observations.push_back({{"clientId", "b-" + std::to_string(i) + "-" + std::to_string(k)},
                              {"estateId", estates[i].id},
                              {"buildingId", estates[i].buildings[k]},
                              {"indicator", "H04"},
                              {"criterion", "H04.finish_loss"},
                              {"value", 12 + 3 * static_cast<int>(k)},
                              {"note", "批量第" + std::to_string(i) + "栋外墙空鼓"}});
  ASSERT_EQ(Sync(admin, cid, observations).status, 200);

  const auto system = service::Actor::System("test");
  ManualClock clock(*ParseIso("2026-06-01T02:00:00Z"));  // one generation time for both paths
  service::FileService files(app_->db(), clock, app_->config().var_dir + "/files");
  service::CheckupService svc(app_->db(), clock, app_->service<service::CatalogueService>(), files);
  std::vector<std::int64_t> asked{estates[0].id, estates[1].id, 987654321, estates[2].id};
  auto batch = svc.ReportBatch(system, cid, asked, true);
  ASSERT_TRUE(batch) << batch.error().reason;
  ASSERT_EQ(batch->size(), asked.size());
  EXPECT_FALSE((*batch)[2].pdf);
  EXPECT_FALSE((*batch)[2].xlsx);
  if (!HaveTool(kPdfToText) || !HaveTool(kPdfInfo) || !HaveOpenpyxl()) {
    if (std::getenv("CI")) ADD_FAILURE() << "poppler-utils and python3-openpyxl are needed";
    return;
  }
  const std::string dir = ::testing::TempDir();
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir + name, std::ios::binary) << bytes;
    return "'" + dir + name + "'";
  };
  for (std::size_t i = 0; i < asked.size(); ++i) {
    if (i == 2) continue;
    SCOPED_TRACE("estate " + std::to_string(asked[i]));
    const auto& docs = (*batch)[i];
    EXPECT_EQ(docs.estate_id, asked[i]);
    auto pdf = svc.ReportPdf(system, cid, asked[i]);
    auto xlsx = svc.ProblemListXlsx(system, cid, asked[i]);
    ASSERT_TRUE(pdf && xlsx && docs.pdf && docs.xlsx);
    EXPECT_EQ(docs.pdf->filename, pdf->filename);
    EXPECT_EQ(docs.xlsx->filename, xlsx->filename);
    const auto one = write("single.pdf", pdf->bytes), many = write("batch.pdf", docs.pdf->bytes);
    const auto text = RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + one + " - 2>&1", false);
    const std::vector<std::string> names{"批量甲小区", "批量乙苑（东区）", "", "鑫淼犇小区"};
    EXPECT_NE(text.find(names[i] + " 2026年城市体检"), std::string::npos) << text;
    EXPECT_EQ(RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + many + " - 2>&1", false), text);
    const auto pages = RunCommand(std::string(kPdfInfo) + " " + one + " | grep Pages", false);
    EXPECT_NE(pages.find("Pages:"), std::string::npos);
    EXPECT_EQ(RunCommand(std::string(kPdfInfo) + " " + many + " | grep Pages", false), pages);
    const std::string cells =
        std::string(kPython) +
        " -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
        "[print('|'.join('' if c is None else str(c) for c in r)) for r in ws.iter_rows(values_only=True)]\" ";
    const auto rows = RunCommand(cells + write("single.xlsx", xlsx->bytes) + " 2>&1", false);
    EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), static_cast<long>(i == 0 ? 2 : 3)) << rows;
    EXPECT_EQ(RunCommand(cells + write("batch.xlsx", docs.xlsx->bytes) + " 2>&1", false), rows);
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CheckupApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, CheckupApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
