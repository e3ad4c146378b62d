// Consultations over HTTP (issue #5), on SQLite and PostgreSQL: a two-round menu campaign with every
// tally number checked, an Art. 278 lift vote in one stairwell, owner conflicts, closing, receipts,
// online codes and lift cost sharing.
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>
#include <numeric>
#include <thread>

#include "api/api_fixture.hpp"
#include "testing/sample_images.hpp"
#include "common/decimal.hpp"
#include "core/register/identity.hpp"

namespace huanxin::testing {
namespace {

namespace json = boost::json;

std::string Id(int n) {
  // A valid GB 11643 number per owner: 360104 + birth date + a running sequence.
  char buf[32];
  std::snprintf(buf, sizeof buf, "3601041970%02d%02d%03d", 1 + n % 12, 1 + n % 28, (n % 1000 + 1000) % 1000);
  std::string first17(buf, 17);
  return first17 + core::reg::IdCheckCharacter(first17);
}

// The estate every test uses: buildings 1 and 2, two stairwells each, floors 1–5, rooms x01 and x02
// → 40 dwellings d[0..39] in that order (building 1: 80.00 m², building 2: 60.00 m²). Each has its own
// owner except d[20] (building 2, stairwell 1, room 101), which belongs to d[0]'s owner: 39 heads.
struct Estate {
  std::int64_t id = 0;
  std::vector<std::int64_t> buildings;
  std::vector<std::int64_t> d;
};

class ConsultationApiTest : public ApiTest {
 protected:
  Estate MakeEstate(const LoginSession& admin) {
    Estate e;
    auto r = As(admin, "POST", "/api/v1/estates",
                json::object{{"regionCode", "360104002001"}, {"name", "桃花新村"}, {"address", "桃花路1号"}, {"builtYear", 1992}});
    EXPECT_EQ(r.status, 201) << r.body;
    e.id = r.Json().as_object()["id"].as_int64();
    for (int b = 1; b <= 2; ++b) {
      auto br = As(admin, "POST", "/api/v1/estates/" + std::to_string(e.id) + "/buildings",
                   json::object{{"number", std::to_string(b)}, {"floors", 5}, {"stairwells", 2}});
      EXPECT_EQ(br.status, 201) << br.body;
      e.buildings.push_back(br.Json().as_object()["id"].as_int64());
      for (int s = 1; s <= 2; ++s)
        for (int f = 1; f <= 5; ++f)
          for (int room = 1; room <= 2; ++room) {
            auto dr = As(admin, "POST", "/api/v1/buildings/" + std::to_string(e.buildings.back()) + "/dwellings",
                         json::object{{"stairwell", s}, {"floor", f}, {"room", std::to_string(f * 100 + room)},
                                      {"exclusiveArea", b == 1 ? 80 : 60}});
            EXPECT_EQ(dr.status, 201) << dr.body;
            e.d.push_back(dr.Json().as_object()["id"].as_int64());
          }
    }
    for (std::size_t k = 0; k < e.d.size(); ++k) {
      int person = k == 20 ? 0 : static_cast<int>(k);
      auto o = As(admin, "POST", "/api/v1/dwellings/" + std::to_string(e.d[k]) + "/owners",
                  json::object{{"idNumber", Id(person + 1)}, {"name", "业主" + std::to_string(person + 1)}});
      EXPECT_EQ(o.status, 201) << o.body;
    }
    return e;
  }

  json::object Create(const LoginSession& who, const json::object& body) {
    auto r = As(who, "POST", "/api/v1/consultations", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().as_object();
  }

  HttpResponse Ballot(const LoginSession& who, std::int64_t c, std::int64_t dwelling, json::object choices,
                      const std::string& channel = "door", bool apply_to_owner = false) {
    json::object body{{"choices", std::move(choices)}, {"channel", channel}};
    if (apply_to_owner) body["applyToOwnerDwellings"] = true;
    return As(who, "PUT", "/api/v1/consultations/" + std::to_string(c) + "/ballots/" + std::to_string(dwelling), body);
  }

  // A small estate: one building (4 floors above ground, basements allowed), stairwell 1, the given
  // flats in order → d[0..]. Owners are numbered people (Id(n)); a flat may have several.
  struct Flat {
    int floor;
    std::string room;
    int area_m2;
    std::string sale_status;
    std::vector<int> owners;
  };
  Estate MakeSmallEstate(const LoginSession& admin, const std::string& name, const std::vector<Flat>& flats) {
    Estate e;
    auto r = As(admin, "POST", "/api/v1/estates",
                json::object{{"regionCode", "360104002001"}, {"name", name}, {"address", "桃花路2号"}, {"builtYear", 1990}});
    EXPECT_EQ(r.status, 201) << r.body;
    e.id = r.Json().as_object()["id"].as_int64();
    auto br = As(admin, "POST", "/api/v1/estates/" + std::to_string(e.id) + "/buildings",
                 json::object{{"number", "9"}, {"floors", 4}, {"stairwells", 1}});
    EXPECT_EQ(br.status, 201) << br.body;
    e.buildings.push_back(br.Json().as_object()["id"].as_int64());
    for (const auto& f : flats) {
      auto dr = As(admin, "POST", "/api/v1/buildings/" + std::to_string(e.buildings[0]) + "/dwellings",
                   json::object{{"stairwell", 1}, {"floor", f.floor}, {"room", f.room}, {"exclusiveArea", f.area_m2},
                                {"saleStatus", f.sale_status}});
      EXPECT_EQ(dr.status, 201) << dr.body;
      e.d.push_back(dr.Json().as_object()["id"].as_int64());
      for (int person : f.owners) {
        auto o = As(admin, "POST", "/api/v1/dwellings/" + std::to_string(e.d.back()) + "/owners",
                    json::object{{"idNumber", Id(500 + person)}, {"name", "户主" + std::to_string(person)}});
        EXPECT_EQ(o.status, 201) << o.body;
      }
    }
    return e;
  }

  // X (1) co-owns 101 with a spouse (2) and owns 102 alone; 201 is the developer's unsold flat and
  // 202 is sold but not delivered (buyer 3 recorded); 301 and 302 have owners 4 and 5.
  Estate MakeDeliveryEstate(const LoginSession& admin) {
    return MakeSmallEstate(admin, "交付花园",
                           {{1, "101", 80, "sold", {1, 2}},
                            {1, "102", 60, "sold", {1}},
                            {2, "201", 80, "developer_unsold", {}},
                            {2, "202", 60, "sold_undelivered", {3}},
                            {3, "301", 80, "sold", {4}},
                            {3, "302", 60, "sold", {5}}});
  }

  json::object Tally(const LoginSession& who, std::int64_t c, const std::string& query = "") {
    auto r = As(who, "GET", "/api/v1/consultations/" + std::to_string(c) + "/tally" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  }
};

// The wire carries "2800.00"; the test client parses numbers as doubles: back to exact hundredths.
std::int64_t Hundredths(const json::value& v) { return std::llround(v.to_number<double>() * 100); }

void ExpectCounts(const json::object& item, const char* key, std::int64_t heads, std::int64_t area_m2,
                  std::int64_t dwellings) {
  const auto& c = item.at(key).as_object();
  EXPECT_EQ(c.at("heads").as_int64(), heads) << key << " " << json::serialize(item);
  EXPECT_EQ(Hundredths(c.at("area")), area_m2 * 100) << key;
  EXPECT_EQ(c.at("dwellings").as_int64(), dwellings) << key;
}

std::string Rate(const json::value& v) { return FormatHundredths(Hundredths(v)); }

TEST_P(ConsultationApiTest, TwoRoundMenuCampaignRaisesTheOverallRateWithEveryNumberChecked) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin);
  // 11 menu items from the catalogue; each passes with ≥ 2/3 of the owners AND ≥ 2/3 of the area.
  const char* codes[] = {"B01", "B02", "B03", "B05", "B06", "B08", "B10", "B12", "I02", "I05", "I06"};
  json::array items;
  for (const char* code : codes)
    items.push_back({{"title", std::string("改造项目 ") + code},
                     {"catalogItemCode", code},
                     {"rule", {{"type", "custom"}, {"countBy", "owners"}, {"base", "all"}, {"threshold", "2/3"},
                               {"inclusive", true}, {"areaThreshold", "2/3"}}},
                     {"scope", {{"type", "estate"}}}});
  auto c = Create(admin, {{"estateId", e.id}, {"title", "桃花新村改造内容征询"}, {"kind", "menu"}, {"items", items}});
  ASSERT_EQ(c["items"].as_array().size(), 11u);
  EXPECT_EQ(c["lawVersion"].as_string(), "civil-code-2021");
  std::vector<std::int64_t> item_ids;
  for (const auto& i : c["items"].as_array()) item_ids.push_back(i.as_object().at("id").as_int64());
  auto cid = c["id"].as_int64();
  // Draft: no ballots yet.
  EXPECT_EQ(Ballot(admin, cid, e.d[0], {{std::to_string(item_ids[0]), "agree"}}).Reason(), "consultation.not_open");
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);

  auto all = [&](const std::string& first8, const std::string& last3) {
    json::object ch;
    for (std::size_t k = 0; k < 11; ++k) ch[std::to_string(item_ids[k])] = k < 8 ? first8 : last3;
    return ch;
  };
  // Round 1: d0–d20 agree on all; d21–d29 agree on items 1–8 and abstain on 9–11; d30–d33 disagree on
  // all; d34–d39 are not reached.
  for (int k = 0; k <= 20; ++k) ASSERT_EQ(Ballot(admin, cid, e.d[k], all("agree", "agree")).status, 200) << k;
  for (int k = 21; k <= 29; ++k) ASSERT_EQ(Ballot(admin, cid, e.d[k], all("agree", "abstain"), "paper").status, 200);
  for (int k = 30; k <= 33; ++k) ASSERT_EQ(Ballot(admin, cid, e.d[k], all("disagree", "disagree")).status, 200);

  auto t1 = Tally(admin, cid);
  EXPECT_EQ(t1["round"].as_int64(), 1);
  auto check_round1 = [&](const json::object& t, bool superseded) {
    const auto& list = t.at("items").as_array();
    ASSERT_EQ(list.size(), 11u);
    for (std::size_t k = 0; k < 11; ++k) {
      const auto& it = list[k].as_object();
      SCOPED_TRACE("item " + std::to_string(k + 1));
      EXPECT_EQ(it.at("itemId").as_int64(), item_ids[k]);
      // 40 dwellings, 39 owners (d0 and d20 share one), 20×80 + 20×60 = 2 800 m².
      ExpectCounts(it, "eligible", 39, 2800, 40);
      ExpectCounts(it, "participated", 33, 20 * 80 + 14 * 60, 34);
      if (k < 8) {
        // Agree: d0–d29 = 29 owners (d0+d20 once), 20×80 + 10×60 m², 30 dwellings.
        ExpectCounts(it, "agree", 29, 20 * 80 + 10 * 60, 30);
        ExpectCounts(it, "abstain", 0, 0, 0);
        EXPECT_EQ(Rate(it.at("agreeRate")), "74.36");  // 29/39 = 74.358…, half up (issue #11 §2; was 74.35)
        EXPECT_EQ(it.at("provisional").as_string(), "passed");
      } else {
        // Agree: d0–d19 and d20 (the same owner as d0) = 20 owners, 20×80 + 60 m², 21 dwellings.
        ExpectCounts(it, "agree", 20, 20 * 80 + 60, 21);
        ExpectCounts(it, "abstain", 9, 9 * 60, 9);
        EXPECT_EQ(Rate(it.at("agreeRate")), "51.28");  // 20/39: under 60 %
        EXPECT_EQ(it.at("provisional").as_string(), "rejected");
      }
      ExpectCounts(it, "disagree", 4, 4 * 60, 4);
      EXPECT_EQ(Rate(it.at("participationRate")), "84.62");  // 33/39 = 84.615…, half up
      EXPECT_EQ(std::string(it.at("verdict").as_string()),
                superseded ? std::string(it.at("provisional").as_string()) : std::string("open"));
      EXPECT_FALSE(std::string(it.at("explanation").as_string()).empty());
    }
    // Overall: (8×29 + 3×20) / (11×39) = 292/429.
    EXPECT_EQ(t.at("overall").at("agree").as_int64(), 8 * 29 + 3 * 20);
    EXPECT_EQ(t.at("overall").at("eligible").as_int64(), 11 * 39);
    EXPECT_EQ(Rate(t.at("overall").at("agreeRate")), "68.07");  // 68.065…, half up
  };
  check_round1(t1, false);
  // Per building: building 1 holds 20 owners and d0 (whose head also holds d20 in building 2 — within
  // a building the head is counted among that building's dwellings only).
  const auto& b1 = t1["buildings"].as_array()[0].as_object();
  EXPECT_EQ(b1.at("number").as_string(), "1");
  ExpectCounts(b1.at("items").as_array()[0].as_object(), "eligible", 20, 1600, 20);
  ExpectCounts(b1.at("items").as_array()[0].as_object(), "agree", 20, 1600, 20);

  // Round 2 on the three items that fell short, for the holdouts d21–d39 only.
  std::vector<std::int64_t> short_items(item_ids.begin() + 8, item_ids.end());
  json::array holdouts;
  for (int k = 21; k < 40; ++k) holdouts.push_back(e.d[k]);
  json::array ids;
  for (auto i : short_items) ids.push_back(i);
  auto round2 = As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/rounds",
                   json::object{{"itemIds", ids}, {"dwellingIds", holdouts}});
  ASSERT_EQ(round2.status, 201) << round2.body;
  EXPECT_EQ(round2.Json().as_object()["currentRound"].as_int64(), 2);
  // Items outside the round and dwellings outside the round are refused.
  auto before = Snapshot(app_->db());
  EXPECT_EQ(Ballot(admin, cid, e.d[25], {{std::to_string(item_ids[0]), "disagree"}}).Reason(), "consultation.not_in_round");
  EXPECT_EQ(Ballot(admin, cid, e.d[1], {{std::to_string(item_ids[8]), "disagree"}}).Reason(), "consultation.not_in_round");
  EXPECT_EQ(Snapshot(app_->db()), before);
  // The second team: d21–d29 change abstain → agree, d30 disagree → agree, d34–d36 newly agree.
  json::object agree3;
  for (auto i : short_items) agree3[std::to_string(i)] = "agree";
  for (int k : {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 34, 35, 36})
    ASSERT_EQ(Ballot(admin, cid, e.d[k], agree3).status, 200) << k;

  auto t2 = Tally(admin, cid);
  EXPECT_EQ(t2["round"].as_int64(), 2);
  for (std::size_t k = 0; k < 11; ++k) {
    const auto& it = t2["items"].as_array()[k].as_object();
    SCOPED_TRACE("round 2 item " + std::to_string(k + 1));
    if (k < 8) {
      // Carried over from round 1, not in round 2: decided.
      ExpectCounts(it, "agree", 29, 2200, 30);
      EXPECT_EQ(it.at("verdict").as_string(), "passed");
      continue;
    }
    ExpectCounts(it, "eligible", 39, 2800, 40);
    ExpectCounts(it, "participated", 36, 20 * 80 + 17 * 60, 37);
    ExpectCounts(it, "agree", 33, 20 * 80 + 14 * 60, 34);
    ExpectCounts(it, "disagree", 3, 3 * 60, 3);
    ExpectCounts(it, "abstain", 0, 0, 0);
    EXPECT_EQ(Rate(it.at("agreeRate")), "84.62");  // 33/39, half up
    EXPECT_EQ(it.at("verdict").as_string(), "open");
    EXPECT_EQ(it.at("provisional").as_string(), "passed");
  }
  // (8×29 + 3×33) / 429 = 331/429 = 77.16 % > 68.07 % (half up).
  EXPECT_EQ(t2["overall"].at("agree").as_int64(), 8 * 29 + 3 * 33);
  EXPECT_EQ(Rate(t2["overall"].at("agreeRate")), "77.16");
  const auto& rounds = t2["rounds"].as_array();
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(Rate(rounds[0].at("agreeRate")), "68.07");
  EXPECT_EQ(Rate(rounds[1].at("agreeRate")), "77.16");
  // The round-1 tally is still available and unchanged, now final.
  check_round1(Tally(admin, cid, "?round=1"), true);

  // Follow-up for item 9: d31–d33 against, d37–d39 not reached.
  auto f = As(admin, "GET", "/api/v1/consultations/" + std::to_string(cid) + "/followups?itemId=" + std::to_string(item_ids[8]));
  ASSERT_EQ(f.status, 200) << f.body;
  std::vector<std::int64_t> against, unreached;
  auto followups = f.Json();
  for (const auto& row : followups.as_object()["items"].as_array()) {
    const auto& r = row.as_object();
    (r.at("status").as_string() == "against" ? against : unreached).push_back(r.at("dwellingId").as_int64());
  }
  EXPECT_EQ(against, (std::vector<std::int64_t>{e.d[31], e.d[32], e.d[33]}));
  EXPECT_EQ(unreached, (std::vector<std::int64_t>{e.d[37], e.d[38], e.d[39]}));

  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/close").status, 200);
  auto t3 = Tally(admin, cid);
  for (const auto& it : t3["items"].as_array()) EXPECT_EQ(it.as_object().at("verdict").as_string(), "passed");
}

// Residents choose materials among samples (望奎's sample room, issue #12): a consultation of kind
// material_choice whose items are the samples; the tally counts each sample's agreeing dwellings.
TEST_P(ConsultationApiTest, MaterialChoiceAmongSamples) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin);
  json::array items;
  for (const char* sample : {"外墙涂料 A：米黄色真石漆", "外墙涂料 B：浅灰色质感涂料", "外墙涂料 C：白色弹性涂料"})
    items.push_back({{"title", sample},
                     {"rule", {{"type", "custom"}, {"countBy", "dwellings"}, {"base", "participants"}, {"threshold", "1/2"},
                               {"inclusive", false}}},
                     {"scope", {{"type", "estate"}}}});
  auto c = Create(admin, {{"estateId", e.id}, {"title", "外墙涂料选样"}, {"kind", "material_choice"}, {"items", items}});
  ASSERT_EQ(c["kind"].as_string(), "material_choice");
  ASSERT_EQ(c["items"].as_array().size(), 3u);
  const auto cid = c["id"].as_int64();
  std::string ids[3];
  for (int k = 0; k < 3; ++k) ids[k] = std::to_string(c["items"].as_array()[k].at("id").as_int64());
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);
  // Six owners pick sample A, three pick B, one picks C (abstaining on the others); counted by heads,
  // as an owner with two dwellings is one head (法释〔2009〕7号 Art. 9).
  for (int k = 0; k < 10; ++k) {
    const int pick = k < 6 ? 0 : (k < 9 ? 1 : 2);
    json::object choices;
    for (int s = 0; s < 3; ++s) choices[ids[s]] = s == pick ? "agree" : "abstain";
    ASSERT_EQ(Ballot(admin, cid, e.d[k], choices).status, 200) << k;
  }
  auto t = Tally(admin, cid);
  const auto& tallied = t["items"].as_array();
  ASSERT_EQ(tallied.size(), 3u);
  EXPECT_EQ(tallied[0].at("agree").at("heads").as_int64(), 6) << json::serialize(tallied[0]);
  EXPECT_EQ(tallied[1].at("agree").at("heads").as_int64(), 3) << json::serialize(tallied[1]);
  EXPECT_EQ(tallied[2].at("agree").at("heads").as_int64(), 1) << json::serialize(tallied[2]);
  // An unknown kind is still refused.
  auto bad = As(admin, "POST", "/api/v1/consultations",
                json::object{{"estateId", e.id}, {"title", "x"}, {"kind", "material"}, {"items", items}});
  EXPECT_EQ(bad.status, 422) << bad.body;
}

TEST_P(ConsultationApiTest, LiftVoteInOneStairwellOwnerConflictsClosingReceiptsAndCodes) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin);
  auto c = Create(admin, {{"estateId", e.id},
                          {"title", "1号楼1单元加装电梯"},
                          {"kind", "formal_decision"},
                          {"items", json::array{{{"title", "加装电梯"},
                                                 {"catalogItemCode", "I08"},
                                                 {"rule", {{"type", "art278"}, {"matter", 7}}},
                                                 {"scope", {{"type", "stairwell"}, {"buildingId", e.buildings[0]}, {"stairwell", 1}}}},
                                                {{"title", "选聘物业服务企业"},
                                                 {"rule", {{"type", "art278"}, {"matter", 4}}},
                                                 {"scope", {{"type", "estate"}}}}}}});
  auto cid = c["id"].as_int64();
  auto lift = std::to_string(c["items"].as_array()[0].at("id").as_int64());
  auto hire = std::to_string(c["items"].as_array()[1].at("id").as_int64());
  EXPECT_EQ(c["items"].as_array()[0].at("eligibleDwellings").as_int64(), 10);
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);
  auto base = "/api/v1/consultations/" + std::to_string(cid);

  // A dwelling outside the stairwell cannot vote on the lift.
  EXPECT_EQ(Ballot(admin, cid, e.d[10], {{lift, "agree"}}).Reason(), "consultation.out_of_unit");

  // The resident of d2 votes online with the code printed on their ballot (no login).
  auto codes = As(admin, "GET", base + "/codes");
  ASSERT_EQ(codes.status, 200);
  std::string code;
  auto code_list = codes.Json();
  for (const auto& row : code_list.as_object()["items"].as_array())
    if (row.at("dwellingId").as_int64() == e.d[2]) code = std::string(row.at("code").as_string());
  ASSERT_FALSE(code.empty());
  auto page = Call("GET", "/api/v1/ballot/" + code);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json().as_object()["items"].as_array().size(), 2u);
  auto online = Call("PUT", "/api/v1/ballot/" + code, json::serialize(json::object{{"choices", {{lift, "agree"}, {hire, "agree"}}}}),
                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(online.status, 200) << online.body;
  auto receipt = std::string(online.Json().as_object()["receipt"].as_string());
  EXPECT_EQ(online.Json().as_object()["channel"].as_string(), "online");
  auto again = Call("PUT", "/api/v1/ballot/" + code, json::serialize(json::object{{"choices", {{lift, "disagree"}}}}),
                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.Reason(), "consultation.code_used");
  auto check = Call("GET", "/api/v1/public/receipts/" + receipt);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_TRUE(check.Json().as_object()["counted"].as_bool());
  EXPECT_EQ(check.Json().as_object()["choices"].as_array()[0].at("choice").as_string(), "agree");
  EXPECT_EQ(check.body.find("业主"), std::string::npos) << "no names on the public receipt";

  // Staff record d0, d1, d3–d5 agree and d6 disagree: 7 of 10 owners take part (≥ 2/3), 6 of 7 agree.
  for (int k : {0, 1, 3, 4, 5}) ASSERT_EQ(Ballot(admin, cid, e.d[k], {{lift, "agree"}}).status, 200);
  ASSERT_EQ(Ballot(admin, cid, e.d[6], {{lift, "disagree"}}).status, 200);
  auto t = Tally(admin, cid)["items"].as_array()[0].as_object();
  ExpectCounts(t, "eligible", 10, 800, 10);
  ExpectCounts(t, "participated", 7, 560, 7);
  ExpectCounts(t, "agree", 6, 480, 6);
  EXPECT_TRUE(t.at("quorumMet").as_bool());
  EXPECT_EQ(t.at("provisional").as_string(), "passed");
  EXPECT_NE(std::string(t.at("explanation").as_string()).find("第二百七十八条"), std::string::npos);

  // d0 and d20 belong to one owner: a different choice on the estate-wide item through d20 is refused
  // and stores nothing; with applyToOwnerDwellings it changes both.
  ASSERT_EQ(Ballot(admin, cid, e.d[0], {{hire, "agree"}}).status, 200);
  auto before = Snapshot(app_->db());
  auto conflict = Ballot(admin, cid, e.d[20], {{hire, "disagree"}});
  EXPECT_EQ(conflict.status, 422);
  EXPECT_EQ(conflict.Reason(), "consultation.owner_conflict");
  EXPECT_EQ(Snapshot(app_->db()), before);
  auto same = Ballot(admin, cid, e.d[20], {{hire, "agree"}});
  EXPECT_EQ(same.status, 200) << "the same choice through the other dwelling is fine";
  auto both = Ballot(admin, cid, e.d[20], {{hire, "disagree"}}, "door", true);
  ASSERT_EQ(both.status, 200) << both.body;
  auto recorded = both.Json().as_object()["dwellingIds"].as_array();
  EXPECT_EQ(recorded.size(), 2u);
  auto hire_tally = Tally(admin, cid)["items"].as_array()[1].as_object();
  ExpectCounts(hire_tally, "disagree", 1, 80 + 60, 2);
  // Two staff members record the same owner's two dwellings at the same moment with different
  // choices on an item nobody has voted on yet: the ballots are serialised, so one of the two is
  // refused and the owner never holds two choices.
  {
    json::array race_items;
    for (int k = 0; k < 8; ++k)
      race_items.push_back({{"title", "并发事项" + std::to_string(k)}, {"rule", {{"type", "art278"}, {"matter", 4}}}});
    auto rc = Create(admin, {{"estateId", e.id}, {"title", "并发登记"}, {"kind", "formal_decision"}, {"items", race_items}});
    auto rid = rc["id"].as_int64();
    ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(rid) + "/open").status, 200);
    for (int k = 0; k < 8; ++k) {
      auto item = std::to_string(rc["items"].as_array()[k].at("id").as_int64());
      HttpResponse r0, r20;
      std::thread t0([&] { r0 = Ballot(admin, rid, e.d[0], {{item, "agree"}}, "door"); });
      std::thread t20([&] { r20 = Ballot(admin, rid, e.d[20], {{item, "disagree"}}, "door"); });
      t0.join();
      t20.join();
      EXPECT_EQ((r0.status == 200) + (r20.status == 200), 1) << "item " << k << ": " << r0.status << " " << r20.status;
      auto ballots = As(admin, "GET", "/api/v1/consultations/" + std::to_string(rid) + "/ballots").Json();
      std::set<std::string> choices;
      for (const auto& b : ballots.as_object()["items"].as_array())
        if (std::to_string(b.at("itemId").as_int64()) == item) choices.insert(std::string(b.at("choice").as_string()));
      EXPECT_EQ(choices.size(), 1u) << "item " << k;
    }
  }

  // A door-to-door ballot with a photo of the signed form as evidence.
  const std::string boundary = "evidenceBoundary";
  auto upload = [&](const std::string& bytes) {
    return Call("POST", base + "/evidence",
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"签字表决票.jpg\"\r\n\r\n" +
                    bytes + "\r\n--" + boundary + "--\r\n",
                {{"Authorization", "Bearer " + admin.token}, {"Content-Type", "multipart/form-data; boundary=" + boundary}});
  };
  before = Snapshot(app_->db());
  auto not_image = upload("just text");
  EXPECT_EQ(not_image.status, 415);
  EXPECT_EQ(not_image.Reason(), "file.unsupported_type");
  EXPECT_EQ(Snapshot(app_->db()), before);
  const std::string jpeg = SampleJpegWithExif();
  EXPECT_EQ(upload(jpeg.substr(0, jpeg.size() - 9)).Reason(), "file.bad_image") << "a truncated photo is refused";
  auto photo = upload(jpeg);
  ASSERT_EQ(photo.status, 201) << photo.body;
  auto file_id = photo.Json().as_object()["id"].as_int64();
  EXPECT_EQ(photo.Json().as_object()["contentType"].as_string(), "image/jpeg");
  auto with_evidence = As(admin, "PUT", base + "/ballots/" + std::to_string(e.d[7]),
                          json::object{{"choices", {{lift, "agree"}}}, {"channel", "door"}, {"evidenceFileId", file_id}});
  EXPECT_EQ(with_evidence.status, 200) << with_evidence.body;
  auto fetched = As(admin, "GET", "/api/v1/files/" + std::to_string(file_id));
  EXPECT_EQ(fetched.status, 200);
  // Kept without its metadata: still a JPEG, the Exif segment (with "GPS") and the comment gone.
  EXPECT_EQ(fetched.body.substr(0, 3), jpeg.substr(0, 3));
  EXPECT_LT(fetched.body.size(), jpeg.size());
  EXPECT_EQ(fetched.body.find("GPS"), std::string::npos);
  EXPECT_EQ(fetched.body.find("Exif"), std::string::npos);
  EXPECT_EQ(As(admin, "PUT", base + "/ballots/" + std::to_string(e.d[8]),
               json::object{{"choices", {{lift, "agree"}}}, {"channel", "door"}, {"evidenceFileId", 999999}})
                .status,
            422);

  // Changing d2's ballot supersedes the online receipt.
  ASSERT_EQ(Ballot(admin, cid, e.d[2], {{lift, "disagree"}, {hire, "disagree"}}).status, 200);
  EXPECT_FALSE(Call("GET", "/api/v1/public/receipts/" + receipt).Json().as_object()["counted"].as_bool());
  EXPECT_EQ(Call("GET", "/api/v1/public/receipts/NOPE-NOPE-NOPE").status, 404);

  // Bad input changes nothing.
  before = Snapshot(app_->db());
  EXPECT_EQ(Ballot(admin, cid, e.d[3], {{lift, "maybe"}}).status, 422);
  EXPECT_EQ(Ballot(admin, cid, e.d[3], {{lift, "agree"}}, "fax").status, 422);
  EXPECT_EQ(Ballot(admin, cid, e.d[3], {{"999999", "agree"}}).status, 422);
  EXPECT_EQ(As(admin, "POST", "/api/v1/consultations",
               json::object{{"estateId", e.id}, {"title", "x"}, {"kind", "menu"},
                            {"items", json::array{{{"title", "a"}, {"rule", {{"type", "art278"}, {"matter", 10}}}}}}})
                .status,
            422);
  EXPECT_EQ(As(admin, "POST", "/api/v1/consultations",
               json::object{{"estateId", e.id}, {"title", "x"}, {"kind", "menu"},
                            {"items", json::array{{{"title", "a"}, {"rule", {{"type", "custom"}, {"threshold", "3/2"}}}}}}})
                .status,
            422);
  EXPECT_EQ(As(admin, "POST", "/api/v1/consultations",
               json::object{{"estateId", e.id}, {"title", "x"}, {"kind", "menu"}, {"lawVersion", "property-law-2007"},
                            {"items", json::array{{{"title", "a"}, {"rule", {{"type", "art278"}, {"matter", 1}}}}}}})
                .Reason(),
            "consultation.invalid_field");
  EXPECT_EQ(Snapshot(app_->db()), before);

  // The register keeps what a vote was counted on.
  // The foreign keys refuse it, and the answer names what still refers to the dwelling (issue #11).
  before = Snapshot(app_->db());
  auto del = As(admin, "DELETE", "/api/v1/dwellings/" + std::to_string(e.d[9]));
  EXPECT_EQ(del.status, 409);
  EXPECT_EQ(del.Reason(), "register.in_use");
  EXPECT_NE(del.body.find("表决码"), std::string::npos) << del.body;
  EXPECT_EQ(Snapshot(app_->db()), before);

  // Closing: a ballot afterwards is 409 and stores nothing.
  ASSERT_EQ(As(admin, "POST", base + "/close").status, 200);
  before = Snapshot(app_->db());
  auto late = Ballot(admin, cid, e.d[9], {{lift, "agree"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.Reason(), "consultation.closed");
  EXPECT_EQ(Snapshot(app_->db()), before);
  // d2 changed to disagree and d7 agreed: 6 of 8 participants agree, exactly 3/4.
  EXPECT_EQ(Tally(admin, cid)["items"].as_array()[0].at("verdict").as_string(), "passed");
}

TEST_P(ConsultationApiTest, PropertyLawVoteOpenedBefore2021AndLiftShares) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin);
  auto c = Create(admin, {{"estateId", e.id},
                          {"title", "2020年加装电梯表决（补录）"},
                          {"kind", "formal_decision"},
                          {"opensAt", "2020-10-01T00:00:00Z"},
                          {"items", json::array{{{"title", "加装电梯"},
                                                 {"rule", {{"type", "art278"}, {"matter", 7}}},
                                                 {"scope", {{"type", "stairwell"}, {"buildingId", e.buildings[0]}, {"stairwell", 1}}}}}}});
  EXPECT_EQ(c["lawVersion"].as_string(), "property-law-2007");
  auto cid = c["id"].as_int64();
  auto lift = std::to_string(c["items"].as_array()[0].at("id").as_int64());
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);
  // 6 of 10 agree: enough under the Civil Code (6/6 participants) but not 2/3 of ALL under Art. 76.
  for (int k = 0; k < 6; ++k) ASSERT_EQ(Ballot(admin, cid, e.d[k], {{lift, "agree"}}).status, 200);
  auto t = Tally(admin, cid)["items"].as_array()[0].as_object();
  EXPECT_EQ(t.at("provisional").as_string(), "rejected");
  EXPECT_NE(std::string(t.at("explanation").as_string()).find("物权法"), std::string::npos);
  ASSERT_EQ(Ballot(admin, cid, e.d[6], {{lift, "agree"}}).status, 200);  // 7 of 10 ≥ 2/3
  EXPECT_EQ(Tally(admin, cid)["items"].as_array()[0].at("provisional").as_string(), "passed");

  // Lift shares for building 1 stairwell 1 (floors 1–5, 80 m² each): default table, floors 1–2 exempt.
  auto r = As(admin, "POST", "/api/v1/lift-share",
              json::object{{"buildingId", e.buildings[0]}, {"stairwell", 1}, {"totalCost", 50000000},
                           {"subsidy", 20000000}, {"compensation", 1000001}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.Json().as_object();
  EXPECT_EQ(body["amount"].as_int64(), 31000001);
  std::int64_t paid = 0, compensated = 0;
  for (const auto& s : body["shares"].as_array()) {
    paid += s.at("share").as_int64();
    compensated += s.at("compensation").as_int64();
    if (s.at("floor").as_int64() <= 2) {
      EXPECT_EQ(s.at("share").as_int64(), 0);
    }
  }
  EXPECT_EQ(paid, 31000001);
  EXPECT_EQ(compensated, 1000001);
  auto bad = As(admin, "POST", "/api/v1/lift-share",
                json::object{{"buildingId", e.buildings[0]}, {"stairwell", 1}, {"totalCost", 100},
                             {"exemptFloors", json::array{1}}, {"coefficients", {{"3", "0.7"}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Reason(), "lift_share.invalid");
}

// Issue #11 §2 "Law version by Beijing time": the Civil Code applies from 2021-01-01 00:00 in China
// (2020-12-31T16:00Z). The opening time was compared as UTC text, so a vote opened at 00:30 Beijing
// time on New Year's Day was put under the Property Law.
TEST_P(ConsultationApiTest, Issue11LawVersionFollowsBeijingTime) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeSmallEstate(admin, "元旦小区", {{1, "101", 80, "sold", {1}}});
  auto create = [&](const std::string& opens_at, const char* law = nullptr) {
    json::object body{{"estateId", e.id}, {"title", "元旦表决"}, {"kind", "formal_decision"}, {"opensAt", opens_at},
                      {"items", json::array{{{"title", "选聘物业"}, {"rule", {{"type", "art278"}, {"matter", 4}}}}}}};
    if (law) body["lawVersion"] = law;
    return As(admin, "POST", "/api/v1/consultations", body);
  };
  struct Case {
    const char* opens_at;
    const char* law;
  } cases[] = {
      {"2021-01-01T00:30:00+08:00", "civil-code-2021"},  // the issue's example
      {"2020-12-31T16:30:00Z", "civil-code-2021"},       // the same instant in UTC
      {"2020-12-31T16:00:00Z", "civil-code-2021"},       // exactly midnight in Beijing
      {"2020-12-31T15:59:59Z", "property-law-2007"},     // one second short
      {"2020-12-31T23:59:59+08:00", "property-law-2007"},
  };
  for (const auto& c : cases) {
    auto r = create(c.opens_at);
    ASSERT_EQ(r.status, 201) << c.opens_at << " " << r.body;
    EXPECT_EQ(r.Json().as_object()["lawVersion"].as_string(), c.law) << c.opens_at;
  }
  // Asking for the Property Law at 00:30 Beijing time is refused, in Beijing time.
  auto before = Snapshot(app_->db());
  auto wrong = create("2020-12-31T16:30:00Z", "property-law-2007");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Reason(), "consultation.invalid_field");
  EXPECT_NE(wrong.body.find("2021-01-01 00:30"), std::string::npos) << wrong.body;
  EXPECT_EQ(Snapshot(app_->db()), before);
}

// Issue #11 §2: heads by the literal reading (identical owner sets are one buyer), sold-undelivered
// flats with the developer's unsold ones, rates half up on the rule's own base, and the per-building
// breakdown as information only.
TEST_P(ConsultationApiTest, Issue11LiteralHeadcountSoldUndeliveredRatesAndBuildingBreakdown) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeDeliveryEstate(admin);
  auto c = Create(admin, {{"estateId", e.id},
                          {"title", "交付花园表决"},
                          {"kind", "formal_decision"},
                          {"items", json::array{{{"title", "选聘物业"}, {"rule", {{"type", "art278"}, {"matter", 4}}}},
                                                {{"title", "按户征询"},
                                                 {"rule", {{"type", "custom"}, {"countBy", "dwellings"}, {"base", "all"},
                                                           {"threshold", "2/3"}, {"inclusive", true}}}},
                                                {{"title", "加装电梯"},
                                                 {"rule", {{"type", "art278"}, {"matter", 7}}},
                                                 {"scope", {{"type", "stairwell"}, {"buildingId", e.buildings[0]}, {"stairwell", 1}}}}}}});
  auto cid = c["id"].as_int64();
  auto hire = std::to_string(c["items"].as_array()[0].at("id").as_int64());
  auto menu = std::to_string(c["items"].as_array()[1].at("id").as_int64());
  auto lift = std::to_string(c["items"].as_array()[2].at("id").as_int64());
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);

  // 101 (X and spouse) and 102 (X alone) are two buyers: different choices are no conflict.
  ASSERT_EQ(Ballot(admin, cid, e.d[0], {{hire, "agree"}, {menu, "agree"}, {lift, "agree"}}).status, 200);
  auto apart = Ballot(admin, cid, e.d[1], {{hire, "disagree"}});
  EXPECT_EQ(apart.status, 200) << apart.body;
  // 201 and 202 are the developer's, one head: 202 cannot vote differently from 201.
  ASSERT_EQ(Ballot(admin, cid, e.d[2], {{hire, "agree"}, {menu, "agree"}, {lift, "agree"}}).status, 200);
  auto before = Snapshot(app_->db());
  auto developer = Ballot(admin, cid, e.d[3], {{hire, "disagree"}});
  EXPECT_EQ(developer.status, 422);
  EXPECT_EQ(developer.Reason(), "consultation.owner_conflict");
  EXPECT_EQ(Snapshot(app_->db()), before);
  ASSERT_EQ(Ballot(admin, cid, e.d[4], {{menu, "agree"}, {lift, "agree"}}).status, 200);
  ASSERT_EQ(Ballot(admin, cid, e.d[5], {{lift, "disagree"}}).status, 200);

  auto t = Tally(admin, cid);
  EXPECT_EQ(t["headcountReading"].as_string(), "literal");
  const auto& items = t["items"].as_array();
  // Hire (matter 4): heads 101, 102, developer (201+202), 301, 302 = 5; 420 m².
  const auto& h = items[0].as_object();
  ExpectCounts(h, "eligible", 5, 420, 6);
  ExpectCounts(h, "participated", 3, 80 + 60 + 140, 4);
  ExpectCounts(h, "agree", 2, 80 + 140, 3);
  EXPECT_EQ(h.at("headcountReading").as_string(), "literal");
  auto explanation = std::string(h.at("explanation").as_string());
  EXPECT_NE(explanation.find("法释〔2009〕7号"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("登记业主完全相同"), std::string::npos) << explanation;
  // Agree over the participants (the Civil Code's base): 2 of 3 = exactly 2/3 → 66.67, half up.
  EXPECT_EQ(h.at("rateBase").as_string(), "participants");
  EXPECT_EQ(Rate(h.at("agreeRate")), "66.67");
  EXPECT_EQ(Rate(h.at("agreeAreaRate")), "78.57");        // 220/280
  EXPECT_EQ(Rate(h.at("participationRate")), "60.00");    // 3/5
  EXPECT_EQ(Rate(h.at("participationAreaRate")), "66.67");  // 280/420
  // By dwellings over all: 101, 201, 202 (the developer's choice), 301 = 4 of 6 = exactly 2/3.
  const auto& m = items[1].as_object();
  EXPECT_EQ(m.at("rateBase").as_string(), "eligible");
  EXPECT_EQ(Rate(m.at("agreeRate")), "66.67");
  EXPECT_EQ(m.at("provisional").as_string(), "passed");
  // Lift (matter 7) in the stairwell: 4 of 5 heads take part, 3 of 4 agree = exactly 3/4.
  const auto& l = items[2].as_object();
  ExpectCounts(l, "participated", 4, 80 + 140 + 80 + 60, 5);
  EXPECT_EQ(Rate(l.at("agreeRate")), "75.00");
  EXPECT_EQ(l.at("provisional").as_string(), "passed");

  // The building breakdown: information only for the estate-wide items; the stairwell item's unit is
  // this building's, so there it carries the item's verdict.
  const auto& b = t["buildings"].as_array()[0].as_object();
  const auto& bi = b.at("items").as_array();
  ASSERT_EQ(bi.size(), 3u);
  for (int k : {0, 1}) {
    EXPECT_TRUE(bi[k].at("informationOnly").as_bool()) << k;
    EXPECT_EQ(bi[k].as_object().if_contains("verdict"), nullptr) << k << ": no verdict for a part of the unit";
  }
  EXPECT_FALSE(bi[2].at("informationOnly").as_bool());
  EXPECT_EQ(bi[2].at("verdict").as_string(), "open");
  EXPECT_EQ(Rate(bi[0].at("agreeRate")), "66.67");
  EXPECT_EQ(bi[0].at("rateBase").as_string(), "participants");
  // The per-round item rates use the same base.
  EXPECT_EQ(Rate(t["rounds"].as_array()[0].at("items").as_array()[0].at("agreeRate")), "66.67");

  // The register counts the same heads.
  auto sum = As(admin, "GET", "/api/v1/estates/" + std::to_string(e.id) + "/summary").Json().as_object();
  EXPECT_EQ(sum["ownerHeadcount"].as_int64(), 5);
  EXPECT_EQ(sum["soldUndelivered"].as_int64(), 1);
}

// The transitive merge stays available as a deployment choice (register.transitive_owner_merge),
// and the tally says which reading applied.
class TransitiveHeadcountApiTest : public ConsultationApiTest {
 protected:
  void Configure(app::Config& cfg) override { cfg.transitive_owner_merge = true; }
};

TEST_P(TransitiveHeadcountApiTest, Issue11ConfiguredTransitiveMergeReachesTheTally) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeDeliveryEstate(admin);
  auto c = Create(admin, {{"estateId", e.id},
                          {"title", "交付花园表决"},
                          {"kind", "formal_decision"},
                          {"items", json::array{{{"title", "选聘物业"}, {"rule", {{"type", "art278"}, {"matter", 4}}}}}}});
  auto cid = c["id"].as_int64();
  auto hire = std::to_string(c["items"].as_array()[0].at("id").as_int64());
  ASSERT_EQ(As(admin, "POST", "/api/v1/consultations/" + std::to_string(cid) + "/open").status, 200);
  ASSERT_EQ(Ballot(admin, cid, e.d[0], {{hire, "agree"}}).status, 200);
  // X's two flats are one head here: a different choice through 102 is a conflict.
  EXPECT_EQ(Ballot(admin, cid, e.d[1], {{hire, "disagree"}}).Reason(), "consultation.owner_conflict");
  auto t = Tally(admin, cid);
  EXPECT_EQ(t["headcountReading"].as_string(), "transitive");
  const auto& h = t["items"].as_array()[0].as_object();
  ExpectCounts(h, "eligible", 4, 420, 6);
  ExpectCounts(h, "participated", 1, 140, 2);
  EXPECT_EQ(h.at("headcountReading").as_string(), "transitive");
  EXPECT_NE(std::string(h.at("explanation").as_string()).find("传递合并"), std::string::npos);
  auto sum = As(admin, "GET", "/api/v1/estates/" + std::to_string(e.id) + "/summary").Json().as_object();
  EXPECT_EQ(sum["ownerHeadcount"].as_int64(), 4);
  EXPECT_EQ(sum["ownerHeadcountReading"].as_string(), "transitive");
}

// Issue #11 §2 "Custom rules": threshold, areaThreshold and quorum each satisfy 0 < f ≤ 1, a strict 1
// is unreachable; the refusal names the field and stores nothing.
TEST_P(ConsultationApiTest, Issue11CustomRuleFractionsAreValidatedNamingTheField) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeSmallEstate(admin, "规则小区", {{1, "101", 80, "sold", {1}}});
  auto create = [&](json::object rule) {
    rule["type"] = "custom";
    return As(admin, "POST", "/api/v1/consultations",
              json::object{{"estateId", e.id}, {"title", "规则"}, {"kind", "menu"},
                           {"items", json::array{{{"title", "事项"}, {"rule", std::move(rule)}}}}});
  };
  struct Case {
    int id;
    json::object rule;
    const char* field;  // nullptr: accepted
  } cases[] = {
      {1, {{"threshold", "1/10000"}}, nullptr},
      {2, {{"threshold", "0/3"}}, "rule.threshold"},
      {3, {{"threshold", "100%"}, {"inclusive", true}}, nullptr},
      {4, {{"threshold", "100%"}, {"inclusive", false}}, "rule.threshold"},
      {5, {{"threshold", "1/2"}, {"areaThreshold", "1/1"}, {"inclusive", true}}, nullptr},
      {6, {{"threshold", "1/2"}, {"areaThreshold", "1/1"}, {"inclusive", false}}, "rule.areaThreshold"},
      {7, {{"threshold", "1/2"}, {"areaThreshold", "0%"}}, "rule.areaThreshold"},
      {8, {{"threshold", "1/2"}, {"quorum", "1/10000"}}, nullptr},
      {9, {{"threshold", "1/2"}, {"quorum", "0/3"}}, "rule.quorum"},
      {10, {{"threshold", "1/2"}, {"quorum", "1/1"}, {"inclusive", false}}, nullptr},  // a quorum is ≥
  };
  for (auto& c : cases) {
    auto before = Snapshot(app_->db());
    auto r = create(c.rule);
    if (!c.field) {
      EXPECT_EQ(r.status, 201) << "case " << c.id << ": " << r.body;
      continue;
    }
    EXPECT_EQ(r.status, 422) << "case " << c.id;
    EXPECT_EQ(r.Reason(), "consultation.bad_rule") << "case " << c.id << ": " << r.body;
    EXPECT_NE(std::string(r.Json().as_object()["error"].as_object()["message"].as_string()).find(c.field),
              std::string::npos)
        << "case " << c.id << ": " << r.body;
    EXPECT_EQ(Snapshot(app_->db()), before) << "case " << c.id;
  }
}

// Issue #11 §2 "Lift cost sharing with basement and semi-basement dwellings": a stairwell with a
// basement flat used to be refused whatever was sent (exemptFloors and coefficient floors had to be
// ≥ 1, and a floor below 1 had no coefficient).
TEST_P(ConsultationApiTest, Issue11LiftSharesWithABasementFlatBothWays) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeSmallEstate(admin, "地下室小区",
                           {{-1, "B01", 50, "sold", {1}}, {1, "101", 80, "sold", {2}}, {2, "201", 80, "sold", {3}},
                            {3, "301", 80, "sold", {4}}, {4, "401", 80, "sold", {5}}});
  auto share = [&](json::object extra) {
    json::object body{{"buildingId", e.buildings[0]}, {"stairwell", 1}, {"totalCost", 30000001}, {"subsidy", 10000000},
                      {"compensation", 500003}};
    for (auto& [k, v] : extra) body[k] = v;
    return As(admin, "POST", "/api/v1/lift-share", body);
  };
  auto sums = [](const json::object& body, std::int64_t& paid, std::int64_t& compensated) {
    paid = compensated = 0;
    for (const auto& s : body.at("shares").as_array()) {
      paid += s.at("share").as_int64();
      compensated += s.at("compensation").as_int64();
    }
  };
  auto basement = [](const json::object& body) {
    for (const auto& s : body.at("shares").as_array())
      if (s.at("floor").as_int64() == -1) return s.as_object();
    return json::object{};
  };
  std::int64_t paid = 0, compensated = 0;
  // Default: the basement flat is exempt and shares the low-floor compensation.
  auto d = share({});
  ASSERT_EQ(d.status, 200) << d.body;
  sums(d.Json().as_object(), paid, compensated);
  EXPECT_EQ(paid, 20500004);  // 300 000.01 − 100 000 + 5 000.03 yuan
  EXPECT_EQ(compensated, 500003);
  EXPECT_TRUE(basement(d.Json().as_object()).at("exempt").as_bool());
  EXPECT_GT(basement(d.Json().as_object()).at("compensation").as_int64(), 0);
  // Listed as exempt, floors 0 and -1 included.
  auto listed = share({{"exemptFloors", json::array{-1, 0, 1, 2}}});
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(basement(listed.Json().as_object()).at("exempt").as_bool());
  // With a coefficient the basement flat pays, and the shares still add up to the fen.
  auto paying = share({{"exemptFloors", json::array{1, 2}}, {"coefficients", {{"-1", "0.3"}, {"0", "0.4"}}}});
  ASSERT_EQ(paying.status, 200) << paying.body;
  auto body = paying.Json().as_object();
  sums(body, paid, compensated);
  EXPECT_EQ(paid, 20500004);  // 300 000.01 − 100 000 + 5 000.03 yuan
  EXPECT_EQ(compensated, 500003);
  EXPECT_FALSE(basement(body).at("exempt").as_bool());
  EXPECT_GT(basement(body).at("share").as_int64(), 0);
  EXPECT_EQ(Rate(basement(body).at("coefficient")), "0.30");
  // Floors outside the register's range are still refused.
  EXPECT_EQ(share({{"exemptFloors", json::array{-6}}}).status, 422);
  EXPECT_EQ(share({{"coefficients", {{"-6", "0.3"}}}}).status, 422);
}

// The follow-up work over HTTP: each code points at its resident ballot page on the request's host;
// dwellings are assigned to a grid worker, visits recorded; bad bodies and queries are refused
// naming the field, and change nothing.
TEST_P(ConsultationApiTest, CodesPointAtBallotPagesAndFollowupsAreAssignedAndVisited) {
  if (!app_) return;
  auto admin = Admin();
  auto e = MakeEstate(admin);
  auto c = Create(admin, {{"estateId", e.id},
                          {"title", "外墙改造意见征询"},
                          {"kind", "willingness"},
                          {"items", json::array{{{"title", "外墙保温"},
                                                 {"rule", {{"type", "art278"}, {"matter", 9}}},
                                                 {"scope", {{"type", "estate"}}}}}}});
  const auto cid = c["id"].as_int64();
  const auto item = c["items"].as_array()[0].at("id").as_int64();
  const auto base = "/api/v1/consultations/" + std::to_string(cid);
  ASSERT_EQ(As(admin, "POST", base + "/open").status, 200);

  auto codes = As(admin, "GET", base + "/codes?buildingId=" + std::to_string(e.buildings[0]));
  ASSERT_EQ(codes.status, 200) << codes.body;
  auto rows = codes.Json().as_object()["items"].as_array();
  ASSERT_EQ(rows.size(), 20u);
  for (const auto& row : rows) {
    const std::string code(row.at("code").as_string()), url(row.at("url").as_string());
    std::string raw;
    for (char ch : code)
      if (ch != '-') raw += ch;
    EXPECT_EQ(url, "http://127.0.0.1/h5/#/ballot/" + raw);
  }

  const auto worker = CreateUser("followup.grid", "community", "360104002001");
  auto assigned = As(admin, "POST", base + "/followups/assign",
                     json::object{{"dwellingIds", json::array{e.d[0], e.d[1]}}, {"userId", worker}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.Json(), json::value(json::object{{"assigned", 2}}));
  auto visit = As(admin, "POST", base + "/followups/visits",
                  json::object{{"dwellingId", e.d[0]}, {"itemId", item}, {"outcome", "absent"}, {"note", "家中无人"}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  auto v = visit.Json().as_object();
  EXPECT_EQ(v["dwellingId"].as_int64(), e.d[0]);
  EXPECT_EQ(v["itemId"].as_int64(), item);
  EXPECT_EQ(v["outcome"].as_string(), "absent");
  EXPECT_EQ(v["note"].as_string(), "家中无人");
  EXPECT_EQ(v["by"].as_string(), "admin");
  auto bare = As(admin, "POST", base + "/followups/visits", json::object{{"dwellingId", e.d[1]}, {"outcome", "refused"}});
  ASSERT_EQ(bare.status, 201) << bare.body;
  EXPECT_TRUE(bare.Json().as_object()["itemId"].is_null());
  EXPECT_EQ(bare.Json().as_object()["note"].as_string(), "");
  auto list = As(admin, "GET", base + "/followups?assignee=" + std::to_string(worker));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().as_object()["total"].as_int64(), 2);
  EXPECT_EQ(list.Json().as_object()["items"].as_array().size(), 2u);

  auto before = Snapshot(app_->db());
  struct Case {
    const char* path;
    json::object body;
    const char* field;
  } cases[] = {
      {"/followups/assign", {{"userId", worker}}, "dwellingIds"},
      {"/followups/assign", {{"dwellingIds", json::array{e.d[2]}}}, "userId"},
      {"/followups/assign", {{"dwellingIds", json::array{e.d[2]}}, {"userId", "x"}}, "userId"},
      {"/followups/assign", {{"dwellingIds", "x"}, {"userId", "x"}}, "dwellingIds"},
      {"/followups/visits", {{"outcome", "absent"}}, "dwellingId"},
      {"/followups/visits", {{"dwellingId", e.d[2]}, {"itemId", "x"}, {"outcome", "absent"}}, "itemId"},
      {"/followups/visits", {{"dwellingId", e.d[2]}}, "outcome"},
      {"/followups/visits", {{"dwellingId", e.d[2]}, {"outcome", "absent"}, {"note", 5}}, "note"},
      {"/rounds", {{"dwellingIds", json::array{e.d[2]}}}, "itemIds"},
      {"/rounds", {{"itemIds", json::array{item}}, {"dwellingIds", "x"}}, "dwellingIds"},
  };
  for (const auto& k : cases) {
    auto r = As(admin, "POST", base + k.path, k.body);
    EXPECT_EQ(r.status, 422) << k.path << " " << json::serialize(k.body) << " → " << r.body;
    EXPECT_EQ(r.Reason(), "http.invalid_field") << k.path << " " << json::serialize(k.body);
    EXPECT_NE(r.Json().as_object()["error"].as_object()["message"].as_string().find(k.field), json::string::npos)
        << k.field << " → " << r.body;
  }
  EXPECT_EQ(As(admin, "GET", base + "/tally?round=x").status, 400);
  EXPECT_EQ(As(admin, "GET", base + "/followups?assignee=x").status, 400);
  auto far = As(admin, "GET", base + "/tally?round=99999999999");  // clamped, then no such round
  EXPECT_EQ(far.status, 422) << far.body;
  EXPECT_EQ(far.Reason(), "consultation.invalid_field") << far.body;
  EXPECT_EQ(Snapshot(app_->db()), before);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ConsultationApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, ConsultationApiTest, ::testing::Values("postgres"));
INSTANTIATE_TEST_SUITE_P(Sqlite, TransitiveHeadcountApiTest, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, TransitiveHeadcountApiTest, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::testing
