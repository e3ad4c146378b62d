// Register over HTTP (issue #3), on SQLite and PostgreSQL.
#include <iconv.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "api/api_fixture.hpp"
#include "app/synthetic.hpp"
#include "common/decimal.hpp"
#include "common/text.hpp"
#include "core/register/identity.hpp"
#include "report/xlsx_writer.hpp"
#include "service/register/import_service.hpp"
#include "store/database.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::string Multipart(const std::string& filename, const std::string& data, std::string& content_type) {
  const std::string boundary = "hxTestBoundary7MA4YWxkTrZu0gW";
  content_type = "multipart/form-data; boundary=" + boundary;
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
}

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::string Id(const std::string& first17) { return first17 + core::reg::IdCheckCharacter(first17); }

class RegisterApiTest : public ApiTest {
 protected:
  std::int64_t CreateEstate(const LoginSession& who, const std::string& name, int built_year,
                            const std::string& community = "360104002001", json::object extra = {}) {
    json::object body{{"regionCode", community}, {"name", name}, {"address", "洪都中大道1号"}, {"builtYear", built_year}};
    for (auto& [k, v] : extra) body[k] = v;
    auto r = As(who, "POST", "/api/v1/estates", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().as_object()["id"].as_int64() : 0;
  }

  HttpResponse Import(const LoginSession& who, std::int64_t estate, const std::string& filename, const std::string& data,
                      const std::string& query = "") {
    std::string ct;
    auto body = Multipart(filename, data, ct);
    return Call("POST", "/api/v1/estates/" + std::to_string(estate) + "/dwellings/import" + query, body,
                {{"Authorization", "Bearer " + who.token}, {"Content-Type", ct}});
  }

  json::object Summary(const LoginSession& who, std::int64_t estate) {
    auto r = As(who, "GET", "/api/v1/estates/" + std::to_string(estate) + "/summary");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  }
};

std::vector<std::string> RosterLines(std::int64_t dwellings) {
  std::vector<std::string> lines;
  app::SynthOptions o;
  o.seed = 77;
  app::GenerateRosterCsv(o, dwellings, [&](const std::string& l) { lines.push_back(l); });
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\r\n";
  return out;
}

TEST_P(RegisterApiTest, TenThousandRowRosterWithThreeBadRowsStoresNothingThenImportsOnceFixed) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "纺织新村", 1986);
  auto lines = RosterLines(10000);  // header + 10 000 rows
  ASSERT_EQ(lines.size(), 10001u);
  auto bad = lines;
  // Rows as a spreadsheet shows them: header = row 1, so lines[i] is row i + 1.
  auto replace_field = [](std::string line, int field, const std::string& value) {
    auto cells = Split(line, ',');
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + (static_cast<int>(i) == field ? value : std::string(cells[i]));
    return out;
  };
  bad[100] = replace_field(bad[100], 4, "85.371");  // row 101: three decimals
  std::string id = std::string(Split(bad[5001], ',')[8]);
  if (!id.empty()) {
    id.back() = id.back() == '0' ? '1' : '0';  // row 5002: wrong check character
    bad[5001] = replace_field(bad[5001], 8, id);
    bad[5001] = replace_field(bad[5001], 6, "已售");
  }
  bad[9998] = replace_field(bad[9998], 6, "卖了");  // row 9999: unknown sale status
  auto before = Snapshot(app_->db());
  auto refused = Import(admin, estate, "roster.csv", Join(bad));
  ASSERT_EQ(refused.status, 422) << refused.body.substr(0, 500);
  EXPECT_EQ(refused.Reason(), "import.invalid_rows");
  auto errors = refused.Json().as_object()["errors"].as_array();
  ASSERT_EQ(errors.size(), 3u) << refused.body.substr(0, 2000);
  EXPECT_EQ(errors[0].as_object()["row"].as_int64(), 101);
  EXPECT_EQ(errors[0].as_object()["column"].as_string(), "专有部分面积(㎡)");
  EXPECT_EQ(errors[0].as_object()["value"].as_string(), "85.371");
  EXPECT_EQ(errors[1].as_object()["row"].as_int64(), 5002);
  EXPECT_EQ(errors[1].as_object()["column"].as_string(), "证件号码");
  EXPECT_EQ(errors[2].as_object()["row"].as_int64(), 9999);
  EXPECT_EQ(errors[2].as_object()["column"].as_string(), "出售状态");
  EXPECT_FALSE(std::string(errors[2].as_object()["message"].as_string()).empty());
  EXPECT_EQ(Snapshot(app_->db()), before) << "a refused import must store nothing";

  auto ok = Import(admin, estate, "roster.csv", Join(lines));
  ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 500);
  auto report = ok.Json().as_object();
  EXPECT_EQ(report["created"].as_int64(), 10000);
  EXPECT_EQ(report["rows"].as_int64(), 10000);
  EXPECT_EQ(Summary(admin, estate)["dwellings"].as_int64(), 10000);

  auto again = Import(admin, estate, "roster.csv", Join(lines));
  ASSERT_EQ(again.status, 200);
  auto r2 = again.Json().as_object();
  EXPECT_EQ(r2["created"].as_int64(), 0);
  EXPECT_EQ(r2["updated"].as_int64(), 0);
  EXPECT_EQ(r2["unchanged"].as_int64(), 10000);
}

// ?async=true runs the import as a job: 202 with the job's id and Location, and the job records
// the answer the synchronous import would have given — the report, or the 422 envelope with every
// bad row (nothing stored). A file that is neither a workbook nor CSV is refused up front.
TEST_P(RegisterApiTest, AsyncImportRecordsTheSynchronousAnswerInItsJob) {
  if (!app_) return;
  auto admin = Admin();
  auto async_estate = CreateEstate(admin, "后台导入", 1990), sync_estate = CreateEstate(admin, "当场导入", 1990);
  auto finished = [&](const HttpResponse& accepted) {
    EXPECT_EQ(accepted.status, 202) << accepted.body;
    if (accepted.status != 202) return json::object{};
    auto body = accepted.Json().as_object();
    EXPECT_EQ(body["state"].as_string(), "queued");
    const auto job = "/api/v1/jobs/" + std::to_string(body["jobId"].as_int64());
    EXPECT_EQ(accepted.headers.at("location"), job);
    for (int i = 0; i < 400; ++i) {  // waits for the worker thread, at most about 10 s
      auto r = As(admin, "GET", job);
      EXPECT_EQ(r.status, 200) << r.body;
      auto j = r.Json().as_object();
      if (j["state"] == "succeeded" || j["state"] == "failed") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "the job did not finish";
    return json::object{};
  };
  const std::string header = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
  auto before = Snapshot(app_->db());
  auto bad = finished(Import(admin, async_estate, "bad.csv", header + "1,1,1,101,60.001,不动产登记,已售,,,\n1,1,1,102,60,不动产登记,卖了,,,\n",
                             "?async=true"));
  EXPECT_EQ(bad["kind"].as_string(), "register.import");
  EXPECT_EQ(bad["state"].as_string(), "failed");
  auto envelope = bad["result"].as_object();
  EXPECT_EQ(envelope["error"].as_object()["reason"].as_string(), "import.invalid_rows");
  EXPECT_EQ(envelope["error"].as_object()["detail"].as_string(), "2 处错误");
  EXPECT_EQ(envelope["errors"].as_array().size(), 2u);
  EXPECT_EQ(envelope["created"].as_int64(), 0);
  EXPECT_EQ(Snapshot(app_->db()), before);

  const std::string roster = header + "1,1,1,101,60.00,不动产登记,已售,,,\n1,1,2,201,70.50,实测,已售,,,\n";
  auto good = finished(Import(admin, async_estate, "good.csv", roster, "?async=true"));
  EXPECT_EQ(good["state"].as_string(), "succeeded");
  EXPECT_EQ(good["done"], good["total"]);
  auto now = Import(admin, sync_estate, "good.csv", roster);
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(good["result"], now.Json()) << "the job records what the synchronous answer says";
  EXPECT_EQ(good["result"].as_object()["created"].as_int64(), 2);

  before = Snapshot(app_->db());
  for (auto [name, bytes] : {std::pair<std::string, std::string>{"photo.png", "\x89PNG\r\n\x1a\n"}, {"roster.doc", roster}}) {
    auto refused = Import(admin, sync_estate, name, bytes);
    EXPECT_EQ(refused.status, 415) << name << " → " << refused.body;
    EXPECT_EQ(refused.Reason(), "import.unsupported_file") << name;
  }
  EXPECT_EQ(Snapshot(app_->db()), before);
  // A roster saved as .txt is read as CSV.
  EXPECT_EQ(Import(admin, sync_estate, "roster.TXT", roster).status, 200);
}

TEST_P(RegisterApiTest, ChangedRowIsUpdatedAndAudited) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "电机厂宿舍", 1979);
  auto lines = RosterLines(20);
  ASSERT_EQ(Import(admin, estate, "r.csv", Join(lines)).status, 200);
  auto cells = Split(lines[3], ',');
  std::string changed;
  for (std::size_t i = 0; i < cells.size(); ++i) changed += (i ? "," : "") + (i == 4 ? std::string("66.60") : std::string(cells[i]));
  lines[3] = changed;
  auto r = Import(admin, estate, "r.csv", Join(lines));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().as_object()["updated"].as_int64(), 1);
  EXPECT_EQ(r.Json().as_object()["unchanged"].as_int64(), 19);
  auto audit = As(admin, "GET", "/api/v1/audit?action=dwelling.update");
  auto items = audit.Json().as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].as_object()["changes"].as_object()["exclusiveArea"].as_object()["to"].as_string(), "66.60");
}

TEST_P(RegisterApiTest, Gb18030CsvImportsTheSameAsItsUtf8TwinAndXlsxToo) {
  if (!app_) return;
  auto admin = Admin();
  auto lines = RosterLines(300);
  auto utf8 = Join(lines);
  auto a = CreateEstate(admin, "甲小区", 1990), b = CreateEstate(admin, "乙小区", 1990), c = CreateEstate(admin, "丙小区", 1990);
  auto ra = Import(admin, a, "utf8.csv", "\xEF\xBB\xBF" + utf8);  // with a BOM, as Excel saves it
  ASSERT_EQ(ra.status, 200) << ra.body;
  // The same people in a second estate: owners are shared by ID number, so import other rows into b.
  auto gb = ToGb18030(utf8);
  ASSERT_NE(gb, utf8);
  auto rb = Import(admin, b, "gbk.csv", gb);
  ASSERT_EQ(rb.status, 200) << rb.body;
  EXPECT_EQ(rb.Json().as_object()["created"], ra.Json().as_object()["created"]);
  auto la = As(admin, "GET", "/api/v1/estates/" + std::to_string(a) + "/dwellings").Json().as_object()["items"].as_array();
  auto lb = As(admin, "GET", "/api/v1/estates/" + std::to_string(b) + "/dwellings").Json().as_object()["items"].as_array();
  ASSERT_EQ(la.size(), lb.size());
  for (std::size_t i = 0; i < la.size(); ++i) {
    for (const char* k : {"buildingNumber", "stairwell", "floor", "room", "exclusiveArea", "areaSource", "saleStatus"})
      EXPECT_EQ(la[i].as_object().at(k), lb[i].as_object().at(k)) << k << " of dwelling " << i;
    EXPECT_EQ(la[i].as_object().at("owners"), lb[i].as_object().at("owners"));
  }
  // The same roster as an Excel workbook.
  report::XlsxWriter xlsx;
  xlsx.AddSheet("房屋业主");
  auto header = Split(lines[0], ',');  // one vector: begin and end must come from the same one
  xlsx.WriteHeader(std::vector<std::string>(header.begin(), header.end()));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<report::CellValue> row;
    auto cells = Split(lines[i], ',');
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (k == 4) row.push_back(report::Hundredths{*ParseHundredths(cells[k])});
      else if (k == 1 || k == 2) row.push_back(*ParseInt64(cells[k]));
      else row.push_back(std::string(cells[k]));
    }
    xlsx.WriteRow(row);
  }
  auto bytes = xlsx.Finish();
  ASSERT_TRUE(bytes);
  auto rc = Import(admin, c, "roster.xlsx", *bytes);
  ASSERT_EQ(rc.status, 200) << rc.body;
  auto lc = As(admin, "GET", "/api/v1/estates/" + std::to_string(c) + "/dwellings").Json().as_object()["items"].as_array();
  ASSERT_EQ(lc.size(), la.size());
  for (std::size_t i = 0; i < la.size(); ++i)
    for (const char* k : {"room", "exclusiveArea", "areaSource", "saleStatus", "owners"})
      EXPECT_EQ(la[i].as_object().at(k), lc[i].as_object().at(k)) << k;
}

TEST_P(RegisterApiTest, HeadcountAndAreaFollowReferenceSection8) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "计数小区", 1995);
  // 王一 owns 101 and 102 (one head, both areas); 李二 and 赵三 co-own 201 (one head); 301–303 are
  // developer-unsold (one head together); 孙四 owns 401. Heads: 王一, 李二+赵三, developer, 孙四 = 4.
  std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
  auto w = Id("36010419600101001"), l = Id("36010419610202002"), z = Id("36010419620303003"), s = Id("36010419630404004");
  csv += "1,1,1,101,85.37,不动产登记,已售,王一," + w + ",13800000001\n";
  csv += "1,1,1,102,60.00,实测,已售,王一," + w + ",13800000001\n";
  csv += "1,1,2,201,90.10,不动产登记,已售,李二," + l + ",\n";
  csv += "1,1,2,201,90.10,不动产登记,已售,赵三," + z + ",\n";
  csv += "1,1,3,301,70.00,合同,开发商未售,,,\n";
  csv += "1,1,3,302,71.00,合同,开发商未售,,,\n";
  csv += "1,1,3,303,72.00,合同,开发商未售,,,\n";
  csv += "1,1,4,401,100.01,不动产登记,已售,孙四," + s + ",\n";
  auto r = Import(admin, estate, "count.csv", csv);
  ASSERT_EQ(r.status, 200) << r.body;
  auto sum = Summary(admin, estate);
  EXPECT_EQ(sum["dwellings"].as_int64(), 7);
  EXPECT_EQ(sum["ownerHeadcount"].as_int64(), 4);
  EXPECT_EQ(sum["developerUnsold"].as_int64(), 3);
  // 85.37 + 60.00 + 90.10 + 70.00 + 71.00 + 72.00 + 100.01 = 548.48, exactly.
  auto area = As(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/summary");
  EXPECT_NE(area.body.find("\"exclusiveArea\":548.48"), std::string::npos) << area.body;
}

// Issue #11 §2 (REFERENCE §8, 法释〔2009〕7号 Art. 9): "sold but not delivered" is a sale status of
// its own (已售未交付) that counts with the developer's unsold dwellings as one head; and by default a
// buyer is the set of owners on a dwelling, so 周五 co-owning 501 with 吴六 and owning 502 alone is two
// buyers (the transitive merge of issue #3 made them one).
TEST_P(RegisterApiTest, Issue11SoldUndeliveredAndLiteralHeadcountThroughTheRoster) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "交付小区", 1996);
  std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
  auto zhou = Id("36010419700101005"), wu = Id("36010419710202006"), buyer = Id("36010419720303007");
  csv += "1,1,1,101,70.00,合同,开发商未售,,,\n";
  csv += "1,1,1,102,71.00,合同,已售未交付,郑七," + buyer + ",\n";  // the buyer is recorded
  csv += "1,1,2,201,72.00,合同,已售未交付,,,\n";
  csv += "1,1,5,501,80.00,不动产登记,已售,周五," + zhou + ",\n";
  csv += "1,1,5,501,80.00,不动产登记,已售,吴六," + wu + ",\n";
  csv += "1,1,5,502,60.00,不动产登记,已售,周五," + zhou + ",\n";
  auto r = Import(admin, estate, "delivery.csv", csv);
  ASSERT_EQ(r.status, 200) << r.body;
  auto sum = Summary(admin, estate);
  EXPECT_EQ(sum["dwellings"].as_int64(), 5);
  EXPECT_EQ(sum["soldUndelivered"].as_int64(), 2);
  EXPECT_EQ(sum["developerUnsold"].as_int64(), 1);
  EXPECT_EQ(sum["publicHousing"].as_int64(), 0) << "not counted as public housing by accident";
  EXPECT_EQ(sum["sold"].as_int64(), 2);
  // Heads: the developer (101, 102, 201), 周五+吴六 (501), 周五 (502) = 3.
  EXPECT_EQ(sum["ownerHeadcount"].as_int64(), 3);
  EXPECT_EQ(sum["ownerHeadcountReading"].as_string(), "literal");
  // The dwelling list names the status by its code; the dictionaries offer it with its label.
  auto list = As(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/dwellings?pageSize=50");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("\"saleStatus\":\"sold_undelivered\""), std::string::npos);
  auto dict = As(admin, "GET", "/api/v1/register/dictionaries");
  ASSERT_EQ(dict.status, 200);
  EXPECT_NE(dict.body.find("\"sold_undelivered\""), std::string::npos) << dict.body;
  EXPECT_NE(dict.body.find("已售未交付"), std::string::npos);
}

TEST_P(RegisterApiTest, EligibilityOnBothSidesOfEachBoundary) {
  if (!app_) return;
  auto admin = Admin();
  struct Case { int year; const char* verdict; } cases[] = {
      {2000, "eligible"}, {2001, "extension"}, {2005, "extension"}, {2006, "ineligible"}};
  for (const auto& c : cases) {
    auto id = CreateEstate(admin, "年份" + std::to_string(c.year), c.year);
    auto e = As(admin, "GET", "/api/v1/estates/" + std::to_string(id) + "/eligibility");
    ASSERT_EQ(e.status, 200);
    EXPECT_EQ(e.Json().as_object()["verdict"].as_string(), c.verdict) << c.year;
  }
  auto flagged = CreateEstate(admin, "城中村片区", 1990, "360104002001",
                              {{"exclusions", json::object{{"urbanVillage", true}}}});
  auto e = As(admin, "GET", "/api/v1/estates/" + std::to_string(flagged) + "/eligibility").Json().as_object();
  EXPECT_EQ(e["verdict"].as_string(), "ineligible");
  EXPECT_EQ(e["reasons"].as_array()[0].as_object()["code"].as_string(), "urban_village");
  auto list = [&](const char* v) {
    return As(admin, "GET", std::string("/api/v1/estates?eligibility=") + v).Json().as_object()["total"].as_int64();
  };
  EXPECT_EQ(list("eligible"), 1);
  EXPECT_EQ(list("extension"), 2);
  EXPECT_EQ(list("ineligible"), 2);  // 2006 and the urban village
}

TEST_P(RegisterApiTest, PersonalDataMaskedOutsideOwnCommunityAndUnmaskedReadsAudited) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "洪都新村", 1988, "360104002001");
  auto id = Id("36010419650315123");
  std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n1,1,3,301,85.37,不动产登记,已售,张三," + id + ",13812345678\n";
  ASSERT_EQ(Import(admin, estate, "r.csv", csv).status, 200);
  auto path = "/api/v1/estates/" + std::to_string(estate) + "/dwellings";

  // A grid worker of the neighbouring community, lent to this estate by assignment: reads, masked.
  auto lent_id = CreateUser("grid.lent", "community", "360104002002");
  ASSERT_EQ(As(admin, "PATCH", "/api/v1/users/" + std::to_string(lent_id),
               json::object{{"assignments", json::array{json::object{{"kind", "estate"}, {"id", estate}}}}}).status, 200);
  auto lent = Login("grid.lent", "Street#2026x");
  auto before = Snapshot(app_->db());
  auto masked = As(lent, "GET", path);
  ASSERT_EQ(masked.status, 200) << masked.body;
  auto owner = masked.Json().as_object()["items"].as_array()[0].as_object()["owners"].as_array()[0].as_object();
  EXPECT_EQ(owner["idNumber"].as_string(), id.substr(0, 4) + "**********" + id.substr(14));
  EXPECT_EQ(owner["phone"].as_string(), "138****5678");
  EXPECT_EQ(owner["masked"], json::value(true));
  EXPECT_EQ(Snapshot(app_->db()), before) << "a masked read writes no audit entry";
  // Writing through an assignment is refused.
  EXPECT_EQ(As(lent, "PATCH", "/api/v1/estates/" + std::to_string(estate), json::object{{"address", "x"}}).status, 403);

  // A grid worker of a third community with no assignment cannot read at all.
  CreateUser("grid.far", "community", "360104006001");
  auto far = Login("grid.far", "Street#2026x");
  auto denied = As(far, "GET", path);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.Reason(), "auth.out_of_scope");

  // The estate's own grid worker sees the data, and the read is audited.
  CreateUser("grid.own", "community", "360104002001");
  auto own = Login("grid.own", "Street#2026x");
  auto clear = As(own, "GET", path);
  ASSERT_EQ(clear.status, 200);
  auto owner2 = clear.Json().as_object()["items"].as_array()[0].as_object()["owners"].as_array()[0].as_object();
  EXPECT_EQ(owner2["idNumber"].as_string(), id);
  EXPECT_EQ(owner2["phone"].as_string(), "13812345678");
  auto audit = As(admin, "GET", "/api/v1/audit?action=register.pii_read");
  auto items = audit.Json().as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].as_object()["username"].as_string(), "grid.own");
  EXPECT_EQ(items[0].as_object()["entityId"].as_string(), std::to_string(estate));
  // The bureau reads figures, not personal data.
  CreateUser("qyp.bureau", "bureau", "360104");
  auto bureau = Login("qyp.bureau", "Street#2026x");
  auto b = As(bureau, "GET", path).Json().as_object()["items"].as_array()[0].as_object()["owners"].as_array()[0].as_object();
  EXPECT_EQ(b["masked"], json::value(true));
}

TEST_P(RegisterApiTest, BadInputIsRefusedWithReasonAndChangesNothing) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "校验小区", 1992);
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
              json::object{{"number", "1"}, {"floors", 6}, {"stairwells", 2}});
  ASSERT_EQ(b.status, 201) << b.body;
  auto building = b.Json().as_object()["id"].as_int64();
  auto dw = "/api/v1/buildings/" + std::to_string(building) + "/dwellings";
  ASSERT_EQ(As(admin, "POST", dw, json::object{{"stairwell", 1}, {"floor", 3}, {"room", "301"}, {"exclusiveArea", 85.37}}).status, 201);
  auto before = Snapshot(app_->db());
  struct Case { json::object body; int status; const char* reason; } cases[] = {
      {{{"stairwell", 1}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", 0}}, 422, "register.invalid_field"},
      {{{"stairwell", 1}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", -5}}, 422, "register.invalid_field"},
      {{{"stairwell", 1}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", 85.371}}, 422, "http.invalid_field"},
      {{{"stairwell", 1}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", "abc"}}, 422, "http.invalid_field"},
      {{{"stairwell", "一"}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", 80}}, 422, "http.invalid_field"},
      {{{"stairwell", 3}, {"floor", 3}, {"room", "302"}, {"exclusiveArea", 80}}, 422, "register.invalid_field"},
      {{{"stairwell", 1}, {"floor", 9}, {"room", "302"}, {"exclusiveArea", 80}}, 422, "register.invalid_field"},
      {{{"stairwell", 1}, {"floor", 3}, {"room", "301"}, {"exclusiveArea", 80}}, 422, "register.duplicate_room"},
  };
  for (const auto& c : cases) {
    auto r = As(admin, "POST", dw, c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " → " << r.body;
    EXPECT_EQ(r.Reason(), c.reason) << json::serialize(c.body);
  }
  auto unknown = As(admin, "POST", "/api/v1/buildings/999999/dwellings",
                    json::object{{"stairwell", 1}, {"floor", 1}, {"room", "101"}, {"exclusiveArea", 50}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Reason(), "register.building_not_found");
  auto bad_id = As(admin, "POST", "/api/v1/owners", json::object{{"name", "张三"}, {"idNumber", "360104196503151230"}});
  EXPECT_EQ(bad_id.status, 422);
  EXPECT_EQ(bad_id.Reason(), "register.bad_id_number");
  auto bad_region = As(admin, "POST", "/api/v1/estates", json::object{{"regionCode", "360104002"}, {"name", "x"}, {"address", "y"}, {"builtYear", 1990}});
  EXPECT_EQ(bad_region.status, 422);
  EXPECT_EQ(Snapshot(app_->db()), before);
  // 85.37 went in exactly.
  auto list = As(admin, "GET", dw);
  EXPECT_NE(list.body.find("\"exclusiveArea\":85.37"), std::string::npos) << list.body;
}

TEST_P(RegisterApiTest, OwnersOutsideTheScopeCannotBeLookedUpOrLinkedById) {
  if (!app_) return;
  auto admin = Admin();
  auto far_estate = CreateEstate(admin, "京山小区", 1985, "360104006001");
  auto near_estate = CreateEstate(admin, "洪都小区", 1985, "360104002001");
  auto id = Id("36010419700101007");
  std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n1,1,1,101,60,不动产登记,已售,钱七," + id + ",13912345678\n";
  ASSERT_EQ(Import(admin, far_estate, "r.csv", csv).status, 200);
  csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n1,1,1,101,60,不动产登记,已售,,,\n";
  ASSERT_EQ(Import(admin, near_estate, "r.csv", csv).status, 200);
  auto near_dwelling = As(admin, "GET", "/api/v1/estates/" + std::to_string(near_estate) + "/dwellings").Json().as_object()["items"].as_array()[0].as_object()["id"].as_int64();
  auto far_owner = As(admin, "GET", "/api/v1/estates/" + std::to_string(far_estate) + "/dwellings").Json().as_object()["items"].as_array()[0].as_object()["owners"].as_array()[0].as_object()["id"].as_int64();
  CreateUser("hongdu.li", "street", "360104002");
  auto street = Login("hongdu.li", "Street#2026x");
  // Looking the person up by ID number reveals nothing beyond the surname.
  auto lookup = As(street, "POST", "/api/v1/owners", json::object{{"name", "随便"}, {"idNumber", id}});
  ASSERT_EQ(lookup.status, 201) << lookup.body;
  EXPECT_EQ(lookup.Json().as_object()["name"].as_string(), "钱**");
  EXPECT_EQ(lookup.Json().as_object()["phone"].as_string(), "139****5678");
  // Linking by the sequential id is refused…
  auto by_id = As(street, "POST", "/api/v1/dwellings/" + std::to_string(near_dwelling) + "/owners", json::object{{"ownerId", far_owner}});
  EXPECT_EQ(by_id.status, 403);
  EXPECT_EQ(by_id.Reason(), "register.owner_out_of_scope");
  // …a wrong name with the ID number too…
  auto wrong = As(street, "POST", "/api/v1/dwellings/" + std::to_string(near_dwelling) + "/owners",
                  json::object{{"idNumber", id}, {"name", "随便"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Reason(), "register.owner_name_mismatch");
  // …while the ID number with the right name (the roster in hand) links the person.
  auto right = As(street, "POST", "/api/v1/dwellings/" + std::to_string(near_dwelling) + "/owners",
                  json::object{{"idNumber", id}, {"name", "钱七"}});
  EXPECT_EQ(right.status, 201) << right.body;
}

// An estate moved to another community takes its buildings, dwellings, owner links and households
// along (they carry its region code), so scope checks and roll-ups follow it at once.
TEST_P(RegisterApiTest, MovingAnEstateMovesEveryRowItHolds) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "搬迁小区", 1990, "360104002001");
  auto other = CreateEstate(admin, "原地小区", 1990, "360104002001");
  std::string csv = "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n";
  csv += "1,1,1,101,60.00,不动产登记,已售,冯八," + Id("36010419800101008") + ",\n";
  csv += "2,1,2,201,70.00,不动产登记,已售,,,\n";
  ASSERT_EQ(Import(admin, estate, "r.csv", csv).status, 200);
  ASSERT_EQ(Import(admin, other, "r.csv", "楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话\n"
                                          "1,1,1,101,50.00,不动产登记,已售,,,\n").status, 200);
  auto dwellings = As(admin, "GET", "/api/v1/estates/" + std::to_string(estate) + "/dwellings").Json().as_object()["items"].as_array();
  ASSERT_EQ(dwellings.size(), 2u);
  auto first = dwellings[0].as_object()["id"].as_int64();
  ASSERT_EQ(As(admin, "PUT", "/api/v1/dwellings/" + std::to_string(first) + "/household",
               json::object{{"residents", 2}, {"aged60Plus", 1}, {"disabled", 0}, {"occupancy", "owner_occupied"}}).status, 200);

  auto moved = As(admin, "PATCH", "/api/v1/estates/" + std::to_string(estate), json::object{{"regionCode", "360104006001"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json().as_object()["regionCode"].as_string(), "360104006001");
  std::map<std::string, std::int64_t> rows_at_old, rows_at_new;
  auto r = app_->db().Read([&](store::Session& s) -> Result<void> {
    for (const char* table : {"building", "dwelling", "dwelling_owner"}) {
      for (auto [code, into] : {std::pair{"360104002001", &rows_at_old}, {"360104006001", &rows_at_new}}) {
        auto n = store::QueryInt(s, std::string("SELECT COUNT(*) FROM ") + table + " WHERE estate_id = ? AND region_code = ?",
                                 {store::Int(estate), store::Str(code)});
        if (!n) return std::move(n).error();
        (*into)[table] = *n;
      }
    }
    auto hh = store::QueryInt(s, "SELECT COUNT(*) FROM household WHERE dwelling_id = ? AND region_code = ?",
                              {store::Int(first), store::Str("360104006001")});
    if (!hh) return std::move(hh).error();
    rows_at_new["household"] = *hh;
    // The estate left behind keeps its own.
    auto stay = store::QueryInt(s, "SELECT COUNT(*) FROM dwelling WHERE estate_id = ? AND region_code = ?",
                                {store::Int(other), store::Str("360104002001")});
    if (!stay) return std::move(stay).error();
    rows_at_old["other dwelling"] = *stay;
    return Ok();
  });
  ASSERT_TRUE(r) << r.error().detail.en;
  EXPECT_EQ(rows_at_new, (std::map<std::string, std::int64_t>{{"building", 2}, {"dwelling", 2}, {"dwelling_owner", 1}, {"household", 1}}));
  EXPECT_EQ(rows_at_old, (std::map<std::string, std::int64_t>{{"building", 0}, {"dwelling", 0}, {"dwelling_owner", 0}, {"other dwelling", 1}}));
  // Scope follows: the new street reads the dwelling, the old one no longer does.
  CreateUser("move.jingshan", "street", "360104006");
  CreateUser("move.hongdu", "street", "360104002");
  EXPECT_EQ(As(Login("move.jingshan", "Street#2026x"), "GET", "/api/v1/dwellings/" + std::to_string(first)).status, 200);
  EXPECT_EQ(As(Login("move.hongdu", "Street#2026x"), "GET", "/api/v1/dwellings/" + std::to_string(first)).status, 403);
  auto jingshan = As(admin, "GET", "/api/v1/register/rollup?regionCode=360104006").Json().as_object();
  EXPECT_EQ(jingshan["total"].as_object()["dwellings"].as_int64(), 2);
  auto hongdu = As(admin, "GET", "/api/v1/register/rollup?regionCode=360104002").Json().as_object();
  EXPECT_EQ(hongdu["total"].as_object()["dwellings"].as_int64(), 1);
  // A community that does not exist is refused and moves nothing.
  auto before = Snapshot(app_->db());
  auto nowhere = As(admin, "PATCH", "/api/v1/estates/" + std::to_string(estate), json::object{{"regionCode", "360104006999"}});
  EXPECT_EQ(nowhere.status, 422) << nowhere.body;
  EXPECT_EQ(nowhere.Reason(), "register.invalid_field");
  EXPECT_EQ(Snapshot(app_->db()), before);
}

// A building shrinks only as far as its dwellings allow: none may lie beyond the new stairwells or
// floors. Both sides of each bound.
TEST_P(RegisterApiTest, ABuildingCannotShrinkBelowItsDwellings) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "缩楼小区", 1990);
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
              json::object{{"number", "1"}, {"floors", 6}, {"stairwells", 3}});
  ASSERT_EQ(b.status, 201) << b.body;
  auto building = "/api/v1/buildings/" + std::to_string(b.Json().as_object()["id"].as_int64());
  for (auto [stairwell, floor, room] : {std::tuple{2, 5, "501"}, {1, 1, "101"}})
    ASSERT_EQ(As(admin, "POST", building + "/dwellings",
                 json::object{{"stairwell", stairwell}, {"floor", floor}, {"room", room}, {"exclusiveArea", 60}}).status, 201);
  auto before = Snapshot(app_->db());
  for (auto body : {json::object{{"floors", 4}}, json::object{{"stairwells", 1}}}) {
    auto r = As(admin, "PATCH", building, body);
    EXPECT_EQ(r.status, 422) << json::serialize(body) << " → " << r.body;
    EXPECT_EQ(r.Reason(), "register.invalid_field");
    EXPECT_NE(r.body.find("1 户房屋超出新的单元数或层数"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Snapshot(app_->db()), before);
  auto fits = As(admin, "PATCH", building, json::object{{"floors", 5}, {"stairwells", 2}});
  ASSERT_EQ(fits.status, 200) << fits.body;
  EXPECT_EQ(fits.Json().as_object()["floors"].as_int64(), 5);
  EXPECT_EQ(fits.Json().as_object()["stairwells"].as_int64(), 2);
}

TEST_P(RegisterApiTest, EstatesAndBuildingsWithDwellingsAreNotDeleted) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "删除校验", 1990);
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings", json::object{{"number", "1"}, {"floors", 6}});
  auto building = b.Json().as_object()["id"].as_int64();
  auto d = As(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
              json::object{{"stairwell", 1}, {"floor", 1}, {"room", "101"}, {"exclusiveArea", 60}});
  ASSERT_EQ(d.status, 201);
  auto before = Snapshot(app_->db());
  auto del_building = As(admin, "DELETE", "/api/v1/buildings/" + std::to_string(building));
  EXPECT_EQ(del_building.status, 409);
  EXPECT_EQ(del_building.Reason(), "register.building_not_empty");
  auto del_estate = As(admin, "DELETE", "/api/v1/estates/" + std::to_string(estate));
  EXPECT_EQ(del_estate.status, 409);
  EXPECT_EQ(del_estate.Reason(), "register.estate_not_empty");
  EXPECT_NE(del_estate.body.find("1 "), std::string::npos) << del_estate.body;
  EXPECT_EQ(Snapshot(app_->db()), before);
  // Emptied, both go.
  ASSERT_EQ(As(admin, "DELETE", "/api/v1/dwellings/" + std::to_string(d.Json().as_object()["id"].as_int64())).status, 204);
  EXPECT_EQ(As(admin, "DELETE", "/api/v1/buildings/" + std::to_string(building)).status, 204);
  EXPECT_EQ(As(admin, "DELETE", "/api/v1/estates/" + std::to_string(estate)).status, 204);
  EXPECT_EQ(As(admin, "GET", "/api/v1/estates/" + std::to_string(estate)).status, 404);
}

// Issue #11: rows of other contexts refer to register rows through foreign keys; a delete they
// refuse answers 409 register.in_use naming what still refers (the register itself names no other
// context's tables), and nothing is deleted.
TEST_P(RegisterApiTest, Issue11DeletingWhatOtherContextsReferToAnswersInUseAndKeepsEverything) {
  if (!app_) return;
  auto admin = Admin();
  // An estate with no dwellings but in a check-up.
  auto bare = CreateEstate(admin, "体检中的空小区", 1990);
  // An estate with a building without dwellings and a dwelling in another building, both observed.
  auto estate = CreateEstate(admin, "被引用小区", 1990);
  auto building = [&](const char* number) {
    auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings",
                json::object{{"number", number}, {"floors", 6}});
    EXPECT_EQ(b.status, 201) << b.body;
    return b.Json().as_object()["id"].as_int64();
  };
  auto observed = building("1");
  auto housing = building("2");
  auto d = As(admin, "POST", "/api/v1/buildings/" + std::to_string(housing) + "/dwellings",
              json::object{{"stairwell", 1}, {"floor", 1}, {"room", "101"}, {"exclusiveArea", 60}});
  ASSERT_EQ(d.status, 201) << d.body;
  auto dwelling = d.Json().as_object()["id"].as_int64();
  auto c = As(admin, "POST", "/api/v1/checkups",
              json::object{{"title", "引用校验体检"}, {"year", 2026}, {"regionCode", "360104002001"},
                           {"estateIds", json::array{bare, estate}}});
  ASSERT_EQ(c.status, 201) << c.body;
  auto cid = c.Json().as_object()["id"].as_int64();
  json::array obs{
      json::object{{"clientId", "fk-1"}, {"estateId", estate}, {"buildingId", observed}, {"indicator", "H04"},
                   {"criterion", "H04.finish_loss"}, {"value", 12}},
      json::object{{"clientId", "fk-2"}, {"estateId", estate}, {"dwellingId", dwelling}, {"indicator", "H05"},
                   {"criterion", "H05.not_self_contained"}, {"present", true}}};
  auto o = As(admin, "POST", "/api/v1/checkups/" + std::to_string(cid) + "/observations", json::object{{"observations", obs}});
  ASSERT_EQ(o.status, 200) << o.body;

  const auto before = Snapshot(app_->db());
  auto refused = [&](const std::string& target, const std::string& names) {
    auto r = As(admin, "DELETE", target);
    EXPECT_EQ(r.status, 409) << target << " " << r.body;
    EXPECT_EQ(r.Reason(), "register.in_use") << target;
    EXPECT_NE(r.body.find(names), std::string::npos) << target << " should name " << names << ": " << r.body;
    EXPECT_EQ(Snapshot(app_->db()), before) << target;
  };
  refused("/api/v1/estates/" + std::to_string(bare), "体检任务中的小区 1 条");
  refused("/api/v1/buildings/" + std::to_string(observed), "体检采集记录 1 条");
  refused("/api/v1/dwellings/" + std::to_string(dwelling), "体检采集记录 1 条");
  // In English too.
  auto en = Call("DELETE", "/api/v1/estates/" + std::to_string(bare), "",
                 {{"Authorization", "Bearer " + admin.token}, {"Accept-Language", "en"}});
  EXPECT_NE(en.body.find("estate in a check-up: 1"), std::string::npos) << en.body;

  // The other side of the boundary: an estate nothing refers to goes, cascading its empty building.
  auto free_estate = CreateEstate(admin, "无人引用小区", 1990);
  auto free_building = As(admin, "POST", "/api/v1/estates/" + std::to_string(free_estate) + "/buildings",
                          json::object{{"number", "9"}, {"floors", 6}});
  ASSERT_EQ(free_building.status, 201);
  EXPECT_EQ(As(admin, "DELETE", "/api/v1/estates/" + std::to_string(free_estate)).status, 204);
  EXPECT_EQ(As(admin, "GET", "/api/v1/buildings/" + std::to_string(free_building.Json().as_object()["id"].as_int64())).status, 404);
}

TEST_P(RegisterApiTest, HouseholdIsRecordedCheckedAuditedAndSummed) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "住户小区", 1987);
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings", json::object{{"number", "1"}, {"floors", 6}});
  auto building = b.Json().as_object()["id"].as_int64();
  std::vector<std::int64_t> dwellings;
  for (const char* room : {"101", "102"}) {
    auto d = As(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                json::object{{"stairwell", 1}, {"floor", 1}, {"room", room}, {"exclusiveArea", 60}});
    dwellings.push_back(d.Json().as_object()["id"].as_int64());
  }
  auto path = [](std::int64_t id) { return "/api/v1/dwellings/" + std::to_string(id) + "/household"; };
  auto ok = As(admin, "PUT", path(dwellings[0]), json::object{{"residents", 3}, {"aged60Plus", 2}, {"disabled", 1}, {"occupancy", "owner_occupied"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json().as_object()["household"].as_object()["aged60Plus"].as_int64(), 2);
  ASSERT_EQ(As(admin, "PUT", path(dwellings[1]), json::object{{"residents", 2}, {"aged60Plus", 1}, {"disabled", 0}, {"occupancy", "rented"}}).status, 200);
  auto before = Snapshot(app_->db());
  auto too_many_old = As(admin, "PUT", path(dwellings[1]), json::object{{"residents", 2}, {"aged60Plus", 3}, {"disabled", 0}, {"occupancy", "rented"}});
  EXPECT_EQ(too_many_old.status, 422);
  auto vacant = As(admin, "PUT", path(dwellings[1]), json::object{{"residents", 1}, {"aged60Plus", 0}, {"disabled", 0}, {"occupancy", "vacant"}});
  EXPECT_EQ(vacant.status, 422);
  auto unknown = As(admin, "PUT", path(dwellings[1]), json::object{{"residents", 1}, {"aged60Plus", 0}, {"disabled", 0}, {"occupancy", "其他"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(Snapshot(app_->db()), before);
  auto sum = Summary(admin, estate);
  EXPECT_EQ(sum["householdsRecorded"].as_int64(), 2);
  EXPECT_EQ(sum["residents"].as_int64(), 5);
  EXPECT_EQ(sum["aged60Plus"].as_int64(), 3);
  auto audit = As(admin, "GET", "/api/v1/audit?action=dwelling.household").Json().as_object()["items"].as_array();
  EXPECT_EQ(audit.size(), 2u);
}

TEST_P(RegisterApiTest, NumbersGoOutPlainAndRoomsMayBeTypedAsNumbers) {
  if (!app_) return;
  auto admin = Admin();
  auto estate = CreateEstate(admin, "坐标小区", 1991, "360104002001",
                             {{"lat", 28.682892}, {"lng", 115.889427}, {"totalFloorArea", 12000}});
  auto e = As(admin, "GET", "/api/v1/estates/" + std::to_string(estate));
  EXPECT_NE(e.body.find("\"lat\":28.682892"), std::string::npos) << e.body;
  EXPECT_NE(e.body.find("\"lng\":115.889427"), std::string::npos) << e.body;
  EXPECT_NE(e.body.find("\"totalFloorArea\":12000.00"), std::string::npos) << e.body;
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(estate) + "/buildings", json::object{{"number", 3}, {"floors", 6}});
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(b.Json().as_object()["number"].as_string(), "3");
  auto d = As(admin, "POST", "/api/v1/buildings/" + std::to_string(b.Json().as_object()["id"].as_int64()) + "/dwellings",
              json::object{{"stairwell", 1}, {"floor", 3}, {"room", 301}, {"exclusiveArea", "85.30"}});
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(d.Json().as_object()["room"].as_string(), "301");
  EXPECT_NE(d.body.find("\"exclusiveArea\":85.30"), std::string::npos) << d.body;
}

// Dashboard roll-ups (issue #6) read per-estate counters that triggers keep (migration 0005). Every
// kind of register write moves them, and the totals equal counts taken straight from the dwellings.
TEST_P(RegisterApiTest, RollupFollowsEveryRegisterWriteAndStaysInScope) {
  if (!app_) return;
  auto admin = Admin();
  const auto eligible = CreateEstate(admin, "汇总甲", 1990);                      // 洪都街道
  const auto extension = CreateEstate(admin, "汇总乙", 2003, "360104006001");    // another street
  const auto late = CreateEstate(admin, "汇总丙", 2010);
  auto b = As(admin, "POST", "/api/v1/estates/" + std::to_string(eligible) + "/buildings", json::object{{"number", "1"}, {"floors", 6}});
  ASSERT_EQ(b.status, 201) << b.body;
  const auto building = b.Json().as_object()["id"].as_int64();
  std::vector<std::int64_t> dwellings;
  for (auto [room, area] : {std::pair{"101", "60"}, {"102", "70.50"}, {"201", "80"}}) {
    auto d = As(admin, "POST", "/api/v1/buildings/" + std::to_string(building) + "/dwellings",
                json::object{{"stairwell", 1}, {"floor", room[0] - '0'}, {"room", room}, {"exclusiveArea", area}});
    ASSERT_EQ(d.status, 201) << d.body;
    dwellings.push_back(d.Json().as_object()["id"].as_int64());
  }
  // An edited area, a removed dwelling, an empty building added and removed, an imported roster.
  ASSERT_EQ(As(admin, "PATCH", "/api/v1/dwellings/" + std::to_string(dwellings[0]), json::object{{"exclusiveArea", "61.25"}}).status, 200);
  ASSERT_EQ(As(admin, "DELETE", "/api/v1/dwellings/" + std::to_string(dwellings[2])).status, 204);
  auto empty = As(admin, "POST", "/api/v1/estates/" + std::to_string(late) + "/buildings", json::object{{"number", "9"}, {"floors", 5}});
  ASSERT_EQ(empty.status, 201);
  ASSERT_EQ(As(admin, "DELETE", "/api/v1/buildings/" + std::to_string(empty.Json().as_object()["id"].as_int64())).status, 204);
  auto imported = Import(admin, extension, "roster.csv", Join(RosterLines(130)));
  ASSERT_EQ(imported.status, 200) << imported.body;

  // Expected figures straight from the dwelling and building tables, per street.
  struct Counts {
    std::int64_t estates = 0, buildings = 0, dwellings = 0, area = 0;
  };
  std::map<std::string, Counts> expected;
  auto r = app_->db().Read([&](store::Session& s) -> Result<void> {
    for (const char* sql : {"SELECT substr(region_code, 1, 9), COUNT(*) FROM estate GROUP BY 1",
                            "SELECT substr(region_code, 1, 9), COUNT(*) FROM building GROUP BY 1",
                            "SELECT substr(region_code, 1, 9), COUNT(*), SUM(exclusive_area_dm2) FROM dwelling GROUP BY 1"}) {
      auto rows = s.Query(sql);
      if (!rows) return std::move(rows).error();
      for (const auto& row : *rows) {
        auto& c = expected[row.GetText(0)];
        if (row.size() == 3) c.dwellings = row.GetInt(1), c.area = row.GetInt(2);
        else if (std::string(sql).find("FROM estate") != std::string::npos) c.estates = row.GetInt(1);
        else c.buildings = row.GetInt(1);
      }
    }
    return Ok();
  });
  ASSERT_TRUE(r) << r.error().detail.en;
  // The test's own writes, independently of SQL: 洪都街道 holds 2 dwellings of 61.25 + 70.50 m².
  EXPECT_EQ(expected["360104002"].dwellings, 2);
  EXPECT_EQ(expected["360104002"].area, 6125 + 7050);
  EXPECT_EQ(expected["360104006"].dwellings, 130);

  auto county = As(admin, "GET", "/api/v1/register/rollup?regionCode=360104");
  ASSERT_EQ(county.status, 200) << county.body;
  auto c = county.Json().as_object();
  EXPECT_EQ(c["childLevel"].as_string(), "street");
  EXPECT_EQ(c["regionName"].as_string(), "青云谱区");
  std::int64_t all_dwellings = 0;
  for (const auto& v : c["children"].as_array()) {
    auto row = v.as_object();
    const std::string code(row["regionCode"].as_string());
    ASSERT_TRUE(expected.count(code)) << code;
    EXPECT_EQ(row["estates"].as_int64(), expected[code].estates) << code;
    EXPECT_EQ(row["buildings"].as_int64(), expected[code].buildings) << code;
    EXPECT_EQ(row["dwellings"].as_int64(), expected[code].dwellings) << code;
    EXPECT_EQ(std::llround(row["exclusiveArea"].to_number<double>() * 100), expected[code].area) << code;
    EXPECT_NE(county.body.find("\"exclusiveArea\":" + FormatHundredths(expected[code].area)), std::string::npos) << code;
    all_dwellings += expected[code].dwellings;
  }
  EXPECT_EQ(c["children"].as_array().size(), expected.size());
  EXPECT_EQ(c["total"].as_object()["dwellings"].as_int64(), all_dwellings);
  // Eligibility by the deployment's policy: 1990 eligible, 2003 extension, 2010 neither.
  auto hongdu = As(admin, "GET", "/api/v1/register/rollup?regionCode=360104002").Json().as_object();
  EXPECT_EQ(hongdu["total"].as_object()["eligibleEstates"].as_int64(), 1);
  EXPECT_EQ(hongdu["total"].as_object()["eligibleDwellings"].as_int64(), 2);
  EXPECT_EQ(hongdu["total"].as_object()["extensionEstates"].as_int64(), 0);
  auto far = As(admin, "GET", "/api/v1/register/rollup?regionCode=360104006").Json().as_object();
  EXPECT_EQ(far["total"].as_object()["extensionEstates"].as_int64(), 1);
  EXPECT_EQ(far["total"].as_object()["extensionDwellings"].as_int64(), 130);
  // Nationally the admin sees provinces; one here.
  auto national = As(admin, "GET", "/api/v1/register/rollup").Json().as_object();
  EXPECT_EQ(national["regionName"].as_string(), "全国");
  ASSERT_EQ(national["children"].as_array().size(), 1u);
  EXPECT_EQ(national["children"].as_array()[0].as_object()["regionCode"].as_string(), "36");

  // Scope: a street official sees their street by default and nothing above it.
  CreateUser("rollup.street", "street", "360104002");
  auto street = Login("rollup.street", "Street#2026x");
  auto own = As(street, "GET", "/api/v1/register/rollup");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json().as_object()["regionCode"].as_string(), "360104002");
  EXPECT_EQ(own.Json().as_object()["childLevel"].as_string(), "community");
  EXPECT_EQ(As(street, "GET", "/api/v1/register/rollup?regionCode=360104").status, 403);
  EXPECT_EQ(As(street, "GET", "/api/v1/register/rollup?regionCode=360104006").status, 403);
  // The home page's register section is the caller's own totals; a role that reads only the estates
  // assigned to it has none.
  auto own_total = own.Json().as_object()["total"].as_object();
  auto home = As(street, "GET", "/api/v1/workbench");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(home.Json().as_object()["sections"].as_object()["register"],
            json::value(json::object{{"estates", own_total["estates"]},
                                     {"eligible", own_total["eligibleEstates"]},
                                     {"extension", own_total["extensionEstates"]},
                                     {"buildings", own_total["buildings"]},
                                     {"dwellings", own_total["dwellings"]}}));
  EXPECT_EQ(own_total["estates"].as_int64(), 2);
  CreateUser("rollup.supervisor", "supervisor", "360104");
  auto supervisor = Login("rollup.supervisor", "Street#2026x");
  auto supervisor_home = As(supervisor, "GET", "/api/v1/workbench");
  ASSERT_EQ(supervisor_home.status, 200) << supervisor_home.body;
  EXPECT_FALSE(supervisor_home.Json().as_object()["sections"].as_object().contains("register")) << supervisor_home.body;
  auto bad = As(admin, "GET", "/api/v1/register/rollup?regionCode=3601x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Reason(), "region.invalid_code");
}

// On SQLite the server reuses checked sessions and estate-list pages while nothing was written
// (Database::ChangeCounter). A write, another user or a revoked session must never see a stale page.
TEST_P(RegisterApiTest, ReusedListPagesFollowWritesUsersAndLogout) {
  if (!app_) return;
  auto admin = Admin();
  CreateEstate(admin, "缓存甲", 1990);
  CreateUser("cache.far", "street", "360104006");
  auto far = Login("cache.far", "Street#2026x");
  auto total = [&](const LoginSession& who) {
    auto r = As(who, "GET", "/api/v1/estates?page=1");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json().as_object()["total"].as_int64() : -1;
  };
  const auto before = total(admin);
  EXPECT_EQ(total(admin), before);  // the same page twice
  EXPECT_EQ(total(far), 0);         // same URL, another user: their own scope
  CreateEstate(admin, "缓存乙", 1991);
  EXPECT_EQ(total(admin), before + 1);
  CreateEstate(admin, "缓存丙", 1992, "360104006001");
  EXPECT_EQ(total(far), 1);
  auto rollup = As(far, "GET", "/api/v1/register/rollup").Json().as_object();
  EXPECT_EQ(rollup["total"].as_object()["estates"].as_int64(), 1);
  // A revoked session is refused at once, though it was just used.
  ASSERT_EQ(As(far, "POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(As(far, "GET", "/api/v1/estates?page=1").status, 401);
  EXPECT_EQ(As(far, "GET", "/api/v1/register/rollup").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegisterApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegisterApiTest, ::testing::Values("postgres"));

// Large rosters (issue #16, "bulk import"): from register.import_bulk_row_limit rows the load runs
// with several hundred rows to a statement and, on SQLite, with the per-row insert triggers and the
// secondary indexes of dwelling and dwelling_owner set aside, then replaced by one set-based update
// and one index build in the same transaction. The limit is 200 here so that a 300-dwelling roster
// takes that path and halves of it do not.
class RegisterBulkImportTest : public RegisterApiTest {
 protected:
  void Configure(app::Config& c) override { c.import_bulk_row_limit = 200; }

  std::vector<std::string> Column(const std::string& sql, const store::Params& params) {
    std::vector<std::string> out;
    auto r = db().Read([&](store::Session& s) -> Result<void> {
      auto rows = s.Query(sql, params);
      if (!rows) return std::move(rows).error();
      for (const auto& row : *rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + (row.IsNull(i) ? "NULL" : row.GetText(i));
        out.push_back(line);
      }
      return Ok();
    });
    EXPECT_TRUE(r) << sql;
    std::sort(out.begin(), out.end());
    return out;
  }
  // The estate's dwellings and owner links by their natural keys (ids differ between estates).
  std::vector<std::string> Register(std::int64_t estate) {
    auto out = Column(
        "SELECT b.number, d.stairwell, d.floor, d.room, d.exclusive_area_dm2, d.area_source, d.use_type, "
        "d.sale_status, "
        "d.region_code FROM dwelling d JOIN building b ON b.id = d.building_id WHERE d.estate_id = ?",
        {store::Int(estate)});
    for (auto& l : Column("SELECT b.number, d.stairwell, d.room, o.id_number, o.name, o.phone, l.region_code, "
                          "CASE WHEN l.estate_id = d.estate_id THEN 'same' ELSE 'other' END FROM dwelling_owner l "
                          "JOIN dwelling d ON d.id = l.dwelling_id JOIN building b ON b.id = d.building_id "
                          "JOIN owner o ON o.id = l.owner_id WHERE d.estate_id = ?",
                          {store::Int(estate)}))
      out.push_back("link " + l);
    return out;
  }
  // estate_stat beside a count taken straight from the base tables.
  void ExpectCountersEqualARecount(std::int64_t estate) {
    auto kept = Column("SELECT buildings, dwellings, exclusive_area_dm2 FROM estate_stat WHERE estate_id = ?",
                       {store::Int(estate)});
    auto counted = Column(
        "SELECT (SELECT COUNT(*) FROM building WHERE estate_id = ?), (SELECT COUNT(*) FROM dwelling WHERE estate_id = "
        "?), "
        "(SELECT COALESCE(SUM(exclusive_area_dm2), 0) FROM dwelling WHERE estate_id = ?)",
        {store::Int(estate), store::Int(estate), store::Int(estate)});
    EXPECT_EQ(kept, counted) << "estate " << estate;
    // The national owner count (0021_owner_stat) beside a recount of the linked owners.
    EXPECT_EQ(Column("SELECT SUM(linked_owners) FROM owner_stat", {}),
              Column("SELECT COUNT(DISTINCT owner_id) FROM dwelling_owner", {}));
  }
  // A consultation of the estate whose maintained tally is current (its state row exists).
  std::int64_t ConsultationWithCurrentTally(std::int64_t estate) {
    std::int64_t id = 0;
    auto r = db().Write([&](store::Session& s) -> Result<void> {
      auto c = store::InsertReturningId(
          s,
          "INSERT INTO consultation (estate_id, region_code, title, kind, law_version, state, created_by, created_at, "
          "updated_at) VALUES (?, '360104002001', '批量导入', 'menu', 'civil-code-2021', 'open', 1, "
          "'2026-12-04T00:00:00Z', '2026-12-04T00:00:00Z') RETURNING id",
          {store::Int(estate)});
      if (!c) return std::move(c).error();
      id = *c;
      return store::Done(
          s.Exec("INSERT INTO consultation_tally_state (consultation_id, estate_id, region_code, reading, built_at) "
                 "VALUES (?, ?, '360104002001', 'literal', '2026-12-04T00:00:00Z')",
                 {store::Int(id), store::Int(estate)}));
    });
    EXPECT_TRUE(r);
    return id;
  }
  bool TallyCurrent(std::int64_t consultation) {
    return !Column("SELECT consultation_id FROM consultation_tally_state WHERE consultation_id = ?",
                   {store::Int(consultation)})
                .empty();
  }
  // SQLite: the schema's text and its change counter (moved by every DROP and CREATE).
  std::vector<std::string> Schema() {
    if (GetParam() != "sqlite") return {};
    return Column("SELECT type, name, tbl_name, sql FROM sqlite_master", {});
  }
  std::string SchemaVersion() {
    if (GetParam() != "sqlite") return "";
    auto v = Column("SELECT schema_version FROM pragma_schema_version", {});
    return v.empty() ? "" : v.front();
  }
};

// 300 dwellings, some with a second owner (co-owner rows), and one owner on two dwellings.
std::vector<std::string> BulkRoster() {
  auto lines = RosterLines(300);
  std::vector<std::string> out{lines[0]};
  for (std::size_t i = 1; i < lines.size(); ++i) {
    out.push_back(lines[i]);
    auto cells = Split(lines[i], ',');
    if (i % 37 == 0 && cells[6] == "已售") {  // a co-owner on the next row
      std::string co;
      for (int c = 0; c < 7; ++c) co += std::string(cells[c]) + ",";
      char first17[18];
      std::snprintf(first17, sizeof first17, "36010419700101%03d", static_cast<int>(i));
      co += "共有人" + std::to_string(i) + "," + Id(first17) + ",";
      out.push_back(co);
    }
  }
  // The owner of the first dwelling also owns the last one (with the same name).
  auto first = Split(out[1], ','), last = Split(out.back(), ',');
  if (first[6] == "已售" && last[6] == "已售") {
    std::string line;
    for (int c = 0; c < 7; ++c) line += std::string(last[c]) + ",";
    out.back() = line + std::string(first[7]) + "," + std::string(first[8]) + "," + std::string(first[9]);
  }
  return out;
}

TEST_P(RegisterBulkImportTest, ALargeRosterStoresWhatTheRowByRowPathStores) {
  if (!app_) return;
  auto admin = Admin();
  const auto bulk = CreateEstate(admin, "批量甲", 1988), rows = CreateEstate(admin, "逐行乙", 1988);
  const auto roster = BulkRoster();
  ASSERT_GE(roster.size(), 301u);
  const auto tally_bulk = ConsultationWithCurrentTally(bulk), tally_rows = ConsultationWithCurrentTally(rows);
  const auto schema = Schema();
  const auto version = SchemaVersion();

  std::set<std::string> ids;
  for (std::size_t i = 1; i < roster.size(); ++i)
    if (auto id = std::string(Split(roster[i], ',')[8]); !id.empty()) ids.insert(id);

  auto r = Import(admin, bulk, "roster.csv", Join(roster));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  auto report = r.Json().as_object();
  EXPECT_EQ(report["created"].as_int64(), 300);
  EXPECT_EQ(report["rows"].as_int64(), static_cast<std::int64_t>(roster.size() - 1));
  EXPECT_EQ(report["ownersCreated"].as_int64(), static_cast<std::int64_t>(ids.size()));
  if (GetParam() == "sqlite") {
    EXPECT_NE(SchemaVersion(), version) << "the bulk path set triggers and indexes aside";
  }
  EXPECT_EQ(Schema(), schema) << "every trigger and index is back, as it was";
  EXPECT_FALSE(TallyCurrent(tally_bulk)) << "new dwellings make the estate's tally stale";

  // Below the limit: two halves, each under 200 rows (the owners are registered by now).
  const auto version_after = SchemaVersion();
  std::size_t half = roster.size() / 2;
  auto room_of = [](const std::string& l) {
    auto c = Split(l, ',');
    return std::string(c[0]) + "," + std::string(c[1]) + "," + std::string(c[3]);
  };
  while (room_of(roster[half]) == room_of(roster[half - 1])) ++half;  // co-owners stay in one half
  std::vector<std::string> first(roster.begin(), roster.begin() + static_cast<std::ptrdiff_t>(half));
  std::vector<std::string> second{roster[0]};
  second.insert(second.end(), roster.begin() + static_cast<std::ptrdiff_t>(half), roster.end());
  ASSERT_LT(first.size(), 201u);
  ASSERT_LT(second.size(), 201u);
  for (const auto& part : {first, second}) {
    auto p = Import(admin, rows, "part.csv", Join(part));
    ASSERT_EQ(p.status, 200) << p.body.substr(0, 500);
    EXPECT_EQ(p.Json().as_object()["ownersCreated"].as_int64(), 0);
  }
  EXPECT_EQ(SchemaVersion(), version_after) << "the row-by-row path changes no schema";
  EXPECT_FALSE(TallyCurrent(tally_rows)) << "new dwellings make the estate's tally stale";

  const auto stored = Register(bulk);
  const auto with_owner =
      static_cast<std::size_t>(std::count_if(roster.begin() + 1, roster.end(), [](const std::string& l) {
        return l.find("开发商未售") == std::string::npos;
      }));
  EXPECT_EQ(stored.size(), 300u + with_owner) << "300 dwellings and one link per row with an owner";
  EXPECT_EQ(stored, Register(rows));
  ExpectCountersEqualARecount(bulk);
  ExpectCountersEqualARecount(rows);

  // Again above the limit: one area changed, one dwelling added, the rest unchanged. The update
  // triggers stay in place during a bulk load, the insert's work is done once at the end.
  const auto tally_again = ConsultationWithCurrentTally(bulk);
  auto changed = roster;
  auto cells = Split(changed[5], ',');
  std::string line;
  for (std::size_t c = 0; c < cells.size(); ++c)
    line += (c ? "," : "") + (c == 4 ? std::string("99.99") : std::string(cells[c]));
  changed[5] = line;
  changed.push_back("新楼,1,1,101,50.00,实测,开发商未售,,,");
  r = Import(admin, bulk, "roster.csv", Join(changed));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  report = r.Json().as_object();
  EXPECT_EQ(report["created"].as_int64(), 1);
  EXPECT_EQ(report["updated"].as_int64(), 1);
  EXPECT_EQ(report["unchanged"].as_int64(), 299);
  EXPECT_EQ(report["buildingsCreated"].as_int64(), 1);
  EXPECT_EQ(Schema(), schema);
  EXPECT_FALSE(TallyCurrent(tally_again));
  ExpectCountersEqualARecount(bulk);
  EXPECT_EQ(Register(bulk).size(), stored.size() + 1);
}

TEST_P(RegisterBulkImportTest, ALargeRosterWithBadRowsStoresNothingAndListsEveryOne) {
  if (!app_) return;
  auto admin = Admin();
  const auto estate = CreateEstate(admin, "批量丙", 1988);
  auto roster = RosterLines(300);
  auto set = [&](std::size_t i, std::size_t field, const std::string& value) {
    auto cells = Split(roster[i], ',');
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + (c == field ? value : std::string(cells[c]));
    roster[i] = out;
  };
  set(10, 4, "0");      // row 11: area not above 0
  set(150, 2, "0");     // row 151: floor 0
  set(299, 6, "卖了");  // row 300: unknown sale status
  // Row 302: the same room as row 3 again, without an owner (a duplicate room).
  auto dup = Split(roster[2], ',');
  roster.push_back(std::string(dup[0]) + "," + std::string(dup[1]) + "," + std::string(dup[2]) + "," +
                   std::string(dup[3]) + "," + std::string(dup[4]) + "," + std::string(dup[5]) + ",开发商未售,,,");
  const auto before = Snapshot(db());
  const auto schema = Schema();
  auto r = Import(admin, estate, "roster.csv", Join(roster));
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  EXPECT_EQ(r.Reason(), "import.invalid_rows");
  auto errors = r.Json().as_object()["errors"].as_array();
  std::vector<std::pair<std::int64_t, std::string>> got;
  for (const auto& e : errors)
    got.emplace_back(e.as_object().at("row").as_int64(), std::string(e.as_object().at("column").as_string()));
  const std::vector<std::pair<std::int64_t, std::string>> want{
      {11, "专有部分面积(㎡)"}, {151, "楼层"}, {300, "出售状态"}, {302, dup[6] == "开发商未售" ? "房号" : "出售状态"}};
  if (dup[6] == "开发商未售") {
    EXPECT_EQ(got, want) << r.body.substr(0, 2000);
  } else {  // row 3 has an owner: row 302 differs in sale status and, having no owner, repeats the room
    ASSERT_EQ(got.size(), 5u) << r.body.substr(0, 2000);
    EXPECT_EQ(got[3], (std::pair<std::int64_t, std::string>{302, "出售状态"}));
    EXPECT_EQ(got[4], (std::pair<std::int64_t, std::string>{302, "房号"}));
  }
  EXPECT_EQ(Snapshot(db()), before) << "a refused import stores nothing";
  EXPECT_EQ(Schema(), schema);
}

// A CSV of 64 KiB or more without a double quote is read in two halves on two threads. Its
// problems (row numbers as a spreadsheet shows them, blank lines and CRLF counted) and its stored
// rows are those of the same roster read in one piece: the same bytes with one cell quoted, which
// keeps the reader to one thread.
TEST_P(RegisterBulkImportTest, AHalvedReadGivesTheRowsAndRowNumbersOfAWholeOne) {
  if (!app_) return;
  auto admin = Admin();
  const auto halved = CreateEstate(admin, "分读甲", 1988), whole = CreateEstate(admin, "整读乙", 1988);
  auto roster = RosterLines(1200);
  // Blank lines in both halves (skipped, still counted as lines).
  roster.insert(roster.begin() + 40, "");
  roster.insert(roster.begin() + 900, ",,,,,,,,,");
  auto with_field = [](const std::string& line, std::size_t field, const std::string& value) {
    auto cells = Split(line, ',');
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + (c == field ? value : std::string(cells[c]));
    return out;
  };
  auto bad = roster;
  const std::vector<std::size_t> bad_lines{10, 599, 601, 1150};  // 0-based: rows 11, 600, 602, 1151
  for (auto i : bad_lines) bad[i] = with_field(bad[i], 2, "0");  // floor 0
  auto quoted = [](std::vector<std::string> lines) {
    lines[0] = "\"" + lines[0].substr(0, lines[0].find(',')) + "\"" + lines[0].substr(lines[0].find(','));
    return lines;
  };
  ASSERT_GE(Join(bad).size(), service::ImportService::kHalvedReadBytes);
  ASSERT_EQ(Join(bad).find('"'), std::string::npos);

  auto refused = Import(admin, halved, "roster.csv", Join(bad));
  ASSERT_EQ(refused.status, 422) << refused.body.substr(0, 500);
  auto refused_whole = Import(admin, whole, "roster.csv", Join(quoted(bad)));
  ASSERT_EQ(refused_whole.status, 422) << refused_whole.body.substr(0, 500);
  const auto errors = refused.Json().as_object()["errors"].as_array();
  ASSERT_EQ(errors.size(), bad_lines.size()) << refused.body.substr(0, 2000);
  for (std::size_t k = 0; k < bad_lines.size(); ++k) {
    EXPECT_EQ(errors[k].as_object().at("row").as_int64(), static_cast<std::int64_t>(bad_lines[k] + 1)) << k;
    EXPECT_EQ(errors[k].as_object().at("column").as_string(), "楼层") << k;
  }
  EXPECT_EQ(errors, refused_whole.Json().as_object()["errors"].as_array());

  auto ok = Import(admin, halved, "roster.csv", Join(roster));
  ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 500);
  auto ok_whole = Import(admin, whole, "roster.csv", Join(quoted(roster)));
  ASSERT_EQ(ok_whole.status, 200) << ok_whole.body.substr(0, 500);
  EXPECT_EQ(ok.Json().as_object()["rows"].as_int64(), 1200);
  EXPECT_EQ(ok.Json().as_object()["created"].as_int64(), 1200);
  EXPECT_EQ(ok_whole.Json().as_object()["created"].as_int64(), 1200);
  const auto stored = Register(halved);
  EXPECT_GT(stored.size(), 1200u);
  EXPECT_EQ(stored, Register(whole));
  ExpectCountersEqualARecount(halved);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, RegisterBulkImportTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, RegisterBulkImportTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
