// Contract suite of the check-up repositories (src/store/checkup) on SQLite and PostgreSQL: every
// function, exact values read back, and the edges — empty results, NULL columns, region-prefix
// boundaries, uniqueness — plus migration 0008's merge of doubled observations.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "contract/contract_fixture.hpp"
#include "store/checkup/campaign_repository.hpp"
#include "store/checkup/catalog_repository.hpp"
#include "store/checkup/observation_repository.hpp"
#include "store/checkup/result_repository.hpp"
#include "store/migrations.hpp"

namespace huanxin::store::contract {
namespace {

namespace ck = core::checkup;

constexpr const char* kT0 = kAt;
constexpr const char* kT1 = "2026-11-22T08:00:00.000Z";
constexpr const char* kT2 = "2026-11-23T08:00:00.000Z";
constexpr const char* kT3 = "2026-11-24T08:00:00.000Z";

class CheckupContract : public ContractTest {
 protected:
  // Runs fn in a write (W) or read (R) transaction and asserts it committed.
  void W(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Write(fn);
    ASSERT_TRUE(r) << Describe(r.error());
  }
  void R(const std::function<Result<void>(Session&)>& fn) {
    auto r = db_->Read(fn);
    ASSERT_TRUE(r) << Describe(r.error());
  }
  // The reason a write failed with (it is rolled back).
  std::string RefusedWith(const std::function<Result<void>(Session&)>& fn) { return Refused(fn).reason; }

  // A stored file (the file context's table; a report file the campaign estate links to).
  static std::int64_t File(Session& s, const std::string& region) {
    auto rows = Must(s.Query(
        "INSERT INTO stored_file (sha256, content_type, size_bytes, name, region_code, uploaded_by, created_at) "
        "VALUES ('ab', 'application/pdf', 1, 'r.pdf', ?, 0, ?) RETURNING id",
        {Str(region), Str(kT0)}));
    return rows.at(0).GetInt(0);
  }
  static std::int64_t Campaign(Session& s, const std::string& region, int year, std::int64_t user = 0) {
    CheckupRecord c;
    c.title = "体检" + region;
    c.year = year;
    c.region_code = region;
    c.catalog_id = 1;
    c.created_by = user;
    c.created_at = c.updated_at = kT0;
    return Must(CheckupCampaignRepository::Insert(s, c));
  }
  static void AddCampaignEstate(Session& s, std::int64_t campaign, std::int64_t estate, const std::string& region,
                                const std::string& status = "draft") {
    CheckupEstateRecord e;
    e.checkup_id = campaign;
    e.estate_id = estate;
    e.region_code = region;
    e.status = status;
    e.updated_at = kT0;
    Must(CheckupCampaignRepository::InsertEstate(s, e));
  }
  // An observation of `criterion` on `object_key` ("b:<id>", "d:<id>", "e:<id>").
  static CheckupObservationRecord Obs(std::int64_t campaign, std::int64_t estate, const std::string& region,
                                      const std::string& client, const std::string& indicator, const std::string& criterion,
                                      const std::string& object_key, std::optional<ck::Severity> severity) {
    CheckupObservationRecord o;
    o.checkup_id = campaign;
    o.client_id = client;
    o.estate_id = estate;
    o.region_code = region;
    if (object_key[0] == 'b') o.building_id = std::stoll(object_key.substr(2));
    if (object_key[0] == 'd') o.dwelling_id = std::stoll(object_key.substr(2));
    o.indicator = indicator;
    o.criterion = criterion;
    o.object_key = object_key;
    o.severity = severity;
    o.observed_at = o.created_at = o.updated_at = kT0;
    return o;
  }
  static std::int64_t Insert(Session& s, const CheckupObservationRecord& o) {
    return Must(CheckupObservationRepository::Insert(s, o));
  }
};

// ---------------------------------------------------------------------------------------------
// Catalogue versions.

TEST_P(CheckupContract, TheNationalCatalogueShipsAsPublishedVersionOne) {
  R([&](Session& s) -> Result<void> {
    auto list = CheckupCatalogRepository::List(s);
    if (!list) return std::move(list).error();
    EXPECT_EQ(list->size(), 1u);
    auto v1 = CheckupCatalogRepository::Find(s, 1);
    if (!v1) return std::move(v1).error();
    EXPECT_TRUE(*v1);
    EXPECT_EQ((*v1)->id, 1);
    EXPECT_EQ((*v1)->year, 2024);
    EXPECT_EQ((*v1)->name, "城市体检基础指标（住房、小区）2024版");
    EXPECT_EQ((*v1)->state, "published");
    EXPECT_EQ((*v1)->based_on, std::nullopt);
    EXPECT_EQ((*v1)->created_at, "2024-01-01T00:00:00.000Z");
    EXPECT_EQ((*v1)->published_at, std::optional<std::string>("2024-01-01T00:00:00.000Z"));
    EXPECT_EQ(*CheckupCatalogRepository::LatestPublished(s), std::optional<std::int64_t>(1));
    EXPECT_EQ(*CheckupCatalogRepository::CountDrafts(s), 0);
    EXPECT_FALSE(*CheckupCatalogRepository::Find(s, 999));

    auto ind = CheckupCatalogRepository::Indicators(s, 1);
    if (!ind) return std::move(ind).error();
    EXPECT_EQ(ind->size(), 21u);
    const auto& h01 = ind->front();
    EXPECT_EQ(h01.catalog_id, 1);
    EXPECT_EQ(h01.code, "H01");
    EXPECT_EQ(h01.name_zh, "存在结构安全隐患的住宅数量");
    EXPECT_EQ(h01.name_en, "Housing with structural hazards");
    EXPECT_EQ(h01.level, ck::Level::kBuilding);
    EXPECT_EQ(h01.sub_dimension, "安全耐久");
    EXPECT_EQ(h01.problem_unit, "栋");
    EXPECT_FALSE(h01.sums_values);
    EXPECT_EQ(h01.position, 1);
    EXPECT_FALSE(h01.local);
    EXPECT_EQ((*ind)[4].code, "H05");
    EXPECT_EQ((*ind)[4].level, ck::Level::kDwelling);
    EXPECT_EQ((*ind)[12].code, "C13");
    EXPECT_TRUE((*ind)[12].sums_values);
    EXPECT_EQ((*ind)[12].level, ck::Level::kEstate);
    EXPECT_EQ(ind->back().code, "C21");
    EXPECT_EQ(ind->back().position, 22);  // H08 is left out of the 2024 numbering

    auto crit = CheckupCatalogRepository::Criteria(s, 1);
    if (!crit) return std::move(crit).error();
    EXPECT_EQ(crit->size(), 47u);
    EXPECT_EQ(crit->front().code, "C10.elderly_area");  // by indicator code: C before H
    auto find = [&](const std::string& code) {
      return *std::find_if(crit->begin(), crit->end(), [&](const auto& c) { return c.code == code; });
    };
    auto loss = find("H04.finish_loss");
    EXPECT_EQ(loss.catalog_id, 1);
    EXPECT_EQ(loss.indicator_code, "H04");
    EXPECT_EQ(loss.name_zh, "外墙饰面或保温层开裂、脱落面积（㎡）");
    EXPECT_EQ(loss.unit, "m2");
    EXPECT_EQ(loss.rule_json,
              "{\"type\":\"bands\",\"bands\":[{\"upTo\":\"10\",\"inclusive\":false,\"severity\":\"hazard\"},"
              "{\"upTo\":\"30\",\"inclusive\":true,\"severity\":\"larger_hazard\"},{\"severity\":\"severe\"}]}");
    EXPECT_EQ(loss.suggested_items, std::vector<std::string>{"B13"});
    EXPECT_EQ(loss.position, 1);
    EXPECT_EQ(find("H03.lighting").suggested_items, (std::vector<std::string>{"B10", "B14"}));
    EXPECT_TRUE(find("H01.removed").suggested_items.empty());
    EXPECT_EQ(find("H01.removed").unit, "");
    return Ok();
  });
}

TEST_P(CheckupContract, ADraftCopiesItsBaseTakesLocalIndicatorsAndIsPublishedOnce) {
  std::int64_t draft = 0;
  W([&](Session& s) -> Result<void> {
    CheckupCatalogRecord c;
    c.year = 2026;
    c.name = "草稿";
    c.state = "draft";
    c.based_on = 1;
    c.created_at = kT0;
    auto id = CheckupCatalogRepository::Insert(s, c);
    if (!id) return std::move(id).error();
    draft = *id;
    return CheckupCatalogRepository::CopyContents(s, 1, draft);
  });
  R([&](Session& s) -> Result<void> {
    auto d = CheckupCatalogRepository::Find(s, draft);
    if (!d) return std::move(d).error();
    EXPECT_EQ((*d)->year, 2026);
    EXPECT_EQ((*d)->name, "草稿");
    EXPECT_EQ((*d)->state, "draft");
    EXPECT_EQ((*d)->based_on, std::optional<std::int64_t>(1));
    EXPECT_EQ((*d)->created_at, kT0);
    EXPECT_EQ((*d)->published_at, std::nullopt);
    auto list = CheckupCatalogRepository::List(s);
    if (!list) return std::move(list).error();
    EXPECT_EQ(list->size(), 2u);
    EXPECT_EQ(list->front().id, draft);  // newest first
    EXPECT_EQ(*CheckupCatalogRepository::CountDrafts(s), 1);
    EXPECT_EQ(*CheckupCatalogRepository::LatestPublished(s), std::optional<std::int64_t>(1));
    // The copy: the same indicators and criteria, positions and all, under the new version.
    auto a = *CheckupCatalogRepository::Indicators(s, 1), b = *CheckupCatalogRepository::Indicators(s, draft);
    EXPECT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      EXPECT_EQ(b[i].catalog_id, draft);
      EXPECT_EQ(std::tie(a[i].code, a[i].name_zh, a[i].name_en, a[i].sub_dimension, a[i].problem_unit, a[i].position),
                std::tie(b[i].code, b[i].name_zh, b[i].name_en, b[i].sub_dimension, b[i].problem_unit, b[i].position));
      EXPECT_EQ(std::tie(a[i].level, a[i].sums_values, a[i].local), std::tie(b[i].level, b[i].sums_values, b[i].local));
    }
    auto ca = *CheckupCatalogRepository::Criteria(s, 1), cb = *CheckupCatalogRepository::Criteria(s, draft);
    EXPECT_EQ(ca.size(), cb.size());
    for (std::size_t i = 0; i < std::min(ca.size(), cb.size()); ++i)
      EXPECT_EQ(std::tie(ca[i].code, ca[i].rule_json, ca[i].suggested_items, ca[i].position),
                std::tie(cb[i].code, cb[i].rule_json, cb[i].suggested_items, cb[i].position));
    EXPECT_EQ(*CheckupCatalogRepository::NextIndicatorPosition(s, draft), 23);
    EXPECT_EQ(*CheckupCatalogRepository::NextIndicatorPosition(s, 999), 1);  // none yet
    EXPECT_TRUE(CheckupCatalogRepository::Indicators(s, 999)->empty());
    EXPECT_TRUE(CheckupCatalogRepository::Criteria(s, 999)->empty());
    return Ok();
  });

  CheckupIndicatorRecord local{draft, "L01", "二次供水设施老化的住宅数量", "Ageing secondary water supply",
                               ck::Level::kEstate, "功能完备", "个", true, 23, true};
  CheckupCriterionRecord tank{draft, "L01", "L01.tank", "水箱锈蚀", "Tank corroded", "",
                              "{\"type\":\"flag\",\"severity\":\"hazard\"}", {"B01", "I06"}, 1};
  CheckupCriterionRecord bare{draft, "L01", "L01.bare", "无", "None", "years",
                              "{\"type\":\"age_and_condition\",\"minYears\":15,\"severity\":\"hazard\"}", {}, 2};
  W([&](Session& s) -> Result<void> {
    if (auto r = CheckupCatalogRepository::InsertIndicator(s, local); !r) return r;
    if (auto r = CheckupCatalogRepository::InsertCriterion(s, tank); !r) return r;
    return CheckupCatalogRepository::InsertCriterion(s, bare);
  });
  EXPECT_EQ(RefusedWith([&](Session& s) { return CheckupCatalogRepository::InsertIndicator(s, local); }), "store.duplicate");
  EXPECT_EQ(RefusedWith([&](Session& s) { return CheckupCatalogRepository::InsertCriterion(s, tank); }), "store.duplicate");
  R([&](Session& s) -> Result<void> {
    auto ind = *CheckupCatalogRepository::Indicators(s, draft);
    const auto& l = ind.back();
    EXPECT_EQ(std::tie(l.code, l.name_zh, l.name_en, l.sub_dimension, l.problem_unit, l.position),
              std::tie(local.code, local.name_zh, local.name_en, local.sub_dimension, local.problem_unit, local.position));
    EXPECT_EQ(l.level, ck::Level::kEstate);
    EXPECT_TRUE(l.sums_values);
    EXPECT_TRUE(l.local);
    auto crit = *CheckupCatalogRepository::Criteria(s, draft);
    auto t = std::find_if(crit.begin(), crit.end(), [](const auto& c) { return c.code == "L01.tank"; });
    EXPECT_NE(t, crit.end());
    EXPECT_EQ(std::tie(t->indicator_code, t->name_zh, t->name_en, t->unit, t->rule_json, t->suggested_items, t->position),
              std::tie(tank.indicator_code, tank.name_zh, tank.name_en, tank.unit, tank.rule_json, tank.suggested_items,
                       tank.position));
    EXPECT_TRUE(std::next(t)->suggested_items.empty());  // L01.bare, position 2
    EXPECT_EQ(std::next(t)->code, "L01.bare");
    EXPECT_EQ(*CheckupCatalogRepository::NextIndicatorPosition(s, draft), 24);
    return Ok();
  });

  W([&](Session& s) -> Result<void> {
    EXPECT_TRUE(*CheckupCatalogRepository::Publish(s, draft, kT1));
    EXPECT_FALSE(*CheckupCatalogRepository::Publish(s, draft, kT2));  // no longer a draft
    EXPECT_FALSE(*CheckupCatalogRepository::Publish(s, 1, kT2));
    EXPECT_FALSE(*CheckupCatalogRepository::Publish(s, 999, kT2));
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto d = *CheckupCatalogRepository::Find(s, draft);
    EXPECT_EQ(d->state, "published");
    EXPECT_EQ(d->published_at, std::optional<std::string>(kT1));
    EXPECT_EQ(*CheckupCatalogRepository::LatestPublished(s), std::optional<std::int64_t>(draft));
    EXPECT_EQ(*CheckupCatalogRepository::CountDrafts(s), 0);
    return Ok();
  });
  // Published at the same moment: the higher id is the latest.
  std::int64_t twin = 0;
  W([&](Session& s) -> Result<void> {
    twin = *CheckupCatalogRepository::Insert(s, {0, 2026, "同时发布", "published", draft, kT1, std::string(kT1)});
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    EXPECT_EQ(*CheckupCatalogRepository::LatestPublished(s), std::optional<std::int64_t>(twin));
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Campaigns and their estates.

TEST_P(CheckupContract, CampaignEstatesCarryReviewStateAssigneeReportAndCounts) {
  std::int64_t e1 = 0, e2 = 0, e3 = 0, e4 = 0, b1 = 0, user = 0, file = 0, c1 = 0, c2 = 0;
  W([&](Session& s) -> Result<void> {
    e1 = AddEstate(s, "360104002001", "甲小区");
    e2 = AddEstate(s, "360104002002", "乙小区");
    e3 = AddEstate(s, "360104006001", "丙小区");
    e4 = AddEstate(s, "360103001001", "外区小区");
    b1 = AddBuilding(s, e1, "360104002001", "1");
    user = AddUser(s, "grid.li", "360104002001", "community");
    file = File(s, "360104002001");
    c1 = Campaign(s, "360104002", 2026, user);
    AddCampaignEstate(s, c1, e2, "360104002002");
    AddCampaignEstate(s, c1, e1, "360104002001");
    c2 = Campaign(s, "360104006", 2025);
    AddCampaignEstate(s, c2, e3, "360104006001");
    return Ok();
  });
  EXPECT_EQ(RefusedWith([&](Session& s) -> Result<void> {
              return CheckupCampaignRepository::InsertEstate(s, {c1, e1, "", "360104002001", "draft", "", {}, "", {}, {}, {}, kT0});
            }),
            "store.duplicate");
  R([&](Session& s) -> Result<void> {
    auto c = *CheckupCampaignRepository::Find(s, c1);
    EXPECT_TRUE(c);
    EXPECT_EQ(c->id, c1);
    EXPECT_EQ(c->title, "体检360104002");
    EXPECT_EQ(c->year, 2026);
    EXPECT_EQ(c->region_code, "360104002");
    EXPECT_EQ(c->catalog_id, 1);
    EXPECT_EQ(c->catalog_name, "城市体检基础指标（住房、小区）2024版");
    EXPECT_EQ(c->created_by, user);
    EXPECT_EQ(c->created_at, kT0);
    EXPECT_EQ(c->updated_at, kT0);
    EXPECT_FALSE(*CheckupCampaignRepository::Find(s, 999));
    // By community code, then name; every optional column NULL, no counts yet.
    auto estates = *CheckupCampaignRepository::Estates(s, c1, "");
    EXPECT_EQ(estates.size(), 2u);
    const auto& a = estates[0];
    EXPECT_EQ(a.checkup_id, c1);
    EXPECT_EQ(a.estate_id, e1);
    EXPECT_EQ(a.estate_name, "甲小区");
    EXPECT_EQ(a.region_code, "360104002001");
    EXPECT_EQ(a.status, "draft");
    EXPECT_EQ(a.comment, "");
    EXPECT_EQ(a.assignee_id, std::nullopt);
    EXPECT_EQ(a.assignee, "");
    EXPECT_EQ(a.submitted_at, std::nullopt);
    EXPECT_EQ(a.approved_at, std::nullopt);
    EXPECT_EQ(a.report_file_id, std::nullopt);
    EXPECT_EQ(a.updated_at, kT0);
    EXPECT_EQ(a.observations, 0);
    EXPECT_EQ(a.problems, 0);
    EXPECT_EQ(estates[1].estate_id, e2);
    // Scope prefixes: a community, a sibling, the street next door.
    auto only = *CheckupCampaignRepository::Estates(s, c1, "360104002001");
    EXPECT_EQ(only.size(), 1u);
    EXPECT_EQ(only.front().estate_id, e1);
    EXPECT_EQ(CheckupCampaignRepository::Estates(s, c1, "3601040020")->size(), 2u);
    EXPECT_TRUE(CheckupCampaignRepository::Estates(s, c1, "360104006")->empty());
    EXPECT_TRUE(CheckupCampaignRepository::Estates(s, 999, "")->empty());
    return Ok();
  });

  W([&](Session& s) -> Result<void> {
    EXPECT_TRUE(*CheckupCampaignRepository::Assign(s, c1, e1, user, kT1));
    EXPECT_FALSE(*CheckupCampaignRepository::Assign(s, c1, e3, user, kT1));  // not in this campaign
    EXPECT_TRUE(*CheckupCampaignRepository::SetReview(s, c1, e1, {"submitted", "", kT2, true, false}));
    EXPECT_TRUE(*CheckupCampaignRepository::SetReview(s, c1, e1, {"approved", "数据完整", kT3, false, true}));
    EXPECT_TRUE(*CheckupCampaignRepository::SetReview(s, c1, e2, {"returned", "补充照片", kT1, false, false}));
    EXPECT_FALSE(*CheckupCampaignRepository::SetReview(s, c2, e1, {"approved", "", kT1, false, true}));
    EXPECT_TRUE(*CheckupCampaignRepository::SetReportFile(s, c1, e1, file));
    EXPECT_FALSE(*CheckupCampaignRepository::SetReportFile(s, c2, e1, file));
    // Counts: every observation, and the graded ones as problems.
    Insert(s, Obs(c1, e1, "360104002001", "o-1", "H04", "H04.roof", "b:" + std::to_string(b1), ck::Severity::kHazard));
    Insert(s, Obs(c1, e1, "360104002001", "o-2", "C19", "C19.not_sorted", "e:" + std::to_string(e1), std::nullopt));
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto estates = *CheckupCampaignRepository::Estates(s, c1, "");
    const auto& a = estates[0];
    EXPECT_EQ(a.status, "approved");
    EXPECT_EQ(a.comment, "数据完整");
    EXPECT_EQ(a.assignee_id, std::optional<std::int64_t>(user));
    EXPECT_EQ(a.assignee, "grid.li");
    EXPECT_EQ(a.submitted_at, std::optional<std::string>(kT2));  // kept when approved
    EXPECT_EQ(a.approved_at, std::optional<std::string>(kT3));
    EXPECT_EQ(a.report_file_id, std::optional<std::int64_t>(file));
    EXPECT_EQ(a.updated_at, kT3);
    EXPECT_EQ(a.observations, 2);
    EXPECT_EQ(a.problems, 1);
    const auto& b = estates[1];
    EXPECT_EQ(b.status, "returned");
    EXPECT_EQ(b.comment, "补充照片");
    EXPECT_EQ(b.submitted_at, std::nullopt);
    EXPECT_EQ(b.approved_at, std::nullopt);
    EXPECT_EQ(b.observations, 0);

    // Lists: newest first; by the estates' region prefix, by year, limited.
    auto ids = [&](CheckupFilter f) { return *CheckupCampaignRepository::List(s, f); };
    EXPECT_EQ(ids({"", std::nullopt, 200}), (std::vector<std::int64_t>{c2, c1}));
    EXPECT_EQ(ids({"360104002", std::nullopt, 200}), (std::vector<std::int64_t>{c1}));
    EXPECT_EQ(ids({"360104002002", std::nullopt, 200}), (std::vector<std::int64_t>{c1}));
    EXPECT_EQ(ids({"360104006001", std::nullopt, 200}), (std::vector<std::int64_t>{c2}));
    EXPECT_EQ(ids({"3601040", std::nullopt, 200}), (std::vector<std::int64_t>{c2, c1}));
    EXPECT_TRUE(ids({"360103", std::nullopt, 200}).empty());
    EXPECT_EQ(ids({"", 2025, 200}), (std::vector<std::int64_t>{c2}));
    EXPECT_TRUE(ids({"", 2024, 200}).empty());
    EXPECT_EQ(ids({"", std::nullopt, 1}), (std::vector<std::int64_t>{c2}));

    // Registered estates under a prefix, by id.
    using Refs = std::vector<std::pair<std::int64_t, std::string>>;
    EXPECT_EQ(*CheckupCampaignRepository::EstatesIn(s, "360104002"),
              (Refs{{e1, "360104002001"}, {e2, "360104002002"}}));
    EXPECT_EQ(*CheckupCampaignRepository::EstatesIn(s, "360104002002"), (Refs{{e2, "360104002002"}}));
    EXPECT_EQ(CheckupCampaignRepository::EstatesIn(s, "360104")->size(), 3u);
    EXPECT_EQ(CheckupCampaignRepository::EstatesIn(s, "")->size(), 4u);
    EXPECT_TRUE(CheckupCampaignRepository::EstatesIn(s, "360104009")->empty());
    EXPECT_EQ(CheckupCampaignRepository::EstatesIn(s, "360103")->front().first, e4);
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Observations.

// The workbench (issue #11): this year's estates by status inside a scope, the user's own still to
// capture, and the graded observations; last year's campaign and other scopes never count.
TEST_P(CheckupContract, WorkbenchCountsTheYearsEstatesInScopeByStatus) {
  std::int64_t grid = 0, other = 0;
  W([&](Session& s) -> Result<void> {
    grid = AddUser(s, "grid.wb", "360104002001", "community");
    other = AddUser(s, "grid.other", "360104002002", "community");
    auto e1 = AddEstate(s, "360104002001", "一");
    auto e2 = AddEstate(s, "360104002001", "二");
    auto e3 = AddEstate(s, "360104002002", "三");
    auto e4 = AddEstate(s, "360104006001", "四");
    auto c = Campaign(s, "360104002", 2026);
    AddCampaignEstate(s, c, e1, "360104002001", "draft");
    AddCampaignEstate(s, c, e2, "360104002001", "returned");
    AddCampaignEstate(s, c, e3, "360104002002", "submitted");
    auto c2 = Campaign(s, "360104006", 2026);
    AddCampaignEstate(s, c2, e4, "360104006001", "approved");
    auto old = Campaign(s, "360104002", 2025);
    AddCampaignEstate(s, old, e1, "360104002001", "approved");
    Must(CheckupCampaignRepository::Assign(s, c, e1, grid, kT0));
    Must(CheckupCampaignRepository::Assign(s, c, e3, grid, kT0));  // submitted: nothing left to capture
    Must(CheckupCampaignRepository::Assign(s, c, e2, other, kT0));
    Insert(s, Obs(c, e1, "360104002001", "w1", "C19", "C19.not_sorted", "e:" + std::to_string(e1), ck::Severity::kProblem));
    Insert(s, Obs(c, e3, "360104002002", "w2", "C19", "C19.not_sorted", "e:" + std::to_string(e3), std::nullopt));
    Insert(s, Obs(c2, e4, "360104006001", "w3", "C19", "C19.not_sorted", "e:" + std::to_string(e4), ck::Severity::kHazard));
    Insert(s, Obs(old, e1, "360104002001", "w4", "C19", "C19.not_sorted", "e:" + std::to_string(e1), ck::Severity::kSevere));
    return Ok();
  });
  auto counts = [&](const std::string& scope, std::int64_t user) {
    return Get([&](Session& s) { return CheckupCampaignRepository::WorkbenchCounts(s, scope, 2026, user); });
  };
  auto all = counts("", grid);
  EXPECT_EQ(std::tuple(all.campaigns, all.estates, all.in_progress, all.awaiting_review, all.approved,
                       all.assigned_to_user, all.problems),
            std::tuple(2, 4, 2, 1, 1, 1, 2));
  auto street = counts("360104002", grid);
  EXPECT_EQ(std::tuple(street.campaigns, street.estates, street.in_progress, street.awaiting_review, street.approved,
                       street.assigned_to_user, street.problems),
            std::tuple(1, 3, 2, 1, 0, 1, 1));
  auto community = counts("360104002002", other);
  EXPECT_EQ(std::tuple(community.campaigns, community.estates, community.awaiting_review, community.assigned_to_user,
                       community.problems),
            std::tuple(1, 1, 1, 0, 0));
  auto none = counts("3602", grid);
  EXPECT_EQ(std::tuple(none.campaigns, none.estates, none.problems), std::tuple(0, 0, 0));
  auto last_year = Get([&](Session& s) { return CheckupCampaignRepository::WorkbenchCounts(s, "", 2025, grid); });
  EXPECT_EQ(std::tuple(last_year.estates, last_year.approved, last_year.problems), std::tuple(1, 1, 1));
}

TEST_P(CheckupContract, ObservationsReadBackExactlyAndAreOnePerObjectAndCriterion) {
  std::int64_t e1 = 0, e2 = 0, b1 = 0, b2 = 0, d1 = 0, user = 0, c1 = 0, c2 = 0, full_id = 0, bare_id = 0;
  CheckupObservationRecord full;
  W([&](Session& s) -> Result<void> {
    e1 = AddEstate(s, "360104002001", "甲小区");
    e2 = AddEstate(s, "360104002002", "乙小区");
    b1 = AddBuilding(s, e1, "360104002001", "1");
    b2 = AddBuilding(s, e2, "360104002002", "2");
    d1 = AddDwelling(s, b1, e1, "360104002001", 1, 5, "101", 6000);
    user = AddUser(s, "grid.wang", "360104002001", "community");
    c1 = Campaign(s, "360104002", 2026);
    AddCampaignEstate(s, c1, e1, "360104002001");
    AddCampaignEstate(s, c1, e2, "360104002002");
    c2 = Campaign(s, "360104002", 2025);
    AddCampaignEstate(s, c2, e1, "360104002001");
    full = Obs(c1, e1, "360104002001", "phone-1", "H04", "H04.finish_loss", "b:" + std::to_string(b1),
               ck::Severity::kLargerHazard);
    full.present = false;
    full.value = 1850;
    full.condition = true;
    full.note = kTrickyText;
    full.photo_ids = {3, 5};
    full.lat_e6 = 28682900;
    full.lng_e6 = -115857900;
    full.observed_at = kT1;
    full.user_id = user;
    full.created_at = kT2;
    full.updated_at = kT3;
    full_id = Insert(s, full);
    // Estate level, everything optional left out; its user (a 64-bit id) does not exist.
    auto bare = Obs(c1, e1, "360104002001", "phone-2", "C19", "C19.not_sorted", "e:" + std::to_string(e1), std::nullopt);
    bare.user_id = kLargeId;
    bare_id = Insert(s, bare);
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto got = *CheckupObservationRepository::FindByClientId(s, c1, "phone-1");
    EXPECT_TRUE(got);
    const auto& o = *got;
    EXPECT_EQ(o.id, full_id);
    EXPECT_EQ(o.checkup_id, c1);
    EXPECT_EQ(o.client_id, "phone-1");
    EXPECT_EQ(o.estate_id, e1);
    EXPECT_EQ(o.region_code, "360104002001");
    EXPECT_EQ(o.building_id, std::optional<std::int64_t>(b1));
    EXPECT_EQ(o.dwelling_id, std::nullopt);
    EXPECT_EQ(o.indicator, "H04");
    EXPECT_EQ(o.criterion, "H04.finish_loss");
    EXPECT_FALSE(o.present);
    EXPECT_EQ(o.value, std::optional<std::int64_t>(1850));
    EXPECT_TRUE(o.condition);
    EXPECT_EQ(o.note, kTrickyText);
    EXPECT_EQ(o.photo_ids, (std::vector<std::int64_t>{3, 5}));
    EXPECT_EQ(o.lat_e6, std::optional<std::int64_t>(28682900));
    EXPECT_EQ(o.lng_e6, std::optional<std::int64_t>(-115857900));
    EXPECT_EQ(o.observed_at, kT1);
    EXPECT_EQ(o.object_key, "b:" + std::to_string(b1));
    EXPECT_EQ(o.severity, std::optional<ck::Severity>(ck::Severity::kLargerHazard));
    EXPECT_EQ(o.user_id, user);
    EXPECT_EQ(o.username, "grid.wang");
    EXPECT_EQ(o.created_at, kT2);
    EXPECT_EQ(o.updated_at, kT3);
    auto bare = *CheckupObservationRepository::FindByClientId(s, c1, "phone-2");
    EXPECT_EQ(bare->id, bare_id);
    EXPECT_EQ(bare->building_id, std::nullopt);
    EXPECT_EQ(bare->dwelling_id, std::nullopt);
    EXPECT_EQ(bare->value, std::nullopt);
    EXPECT_EQ(bare->lat_e6, std::nullopt);
    EXPECT_EQ(bare->lng_e6, std::nullopt);
    EXPECT_TRUE(bare->photo_ids.empty());
    EXPECT_EQ(bare->note, "");
    EXPECT_EQ(bare->severity, std::nullopt);
    EXPECT_EQ(bare->username, "");
    EXPECT_EQ(bare->user_id, kLargeId);
    EXPECT_FALSE(*CheckupObservationRepository::FindByClientId(s, c2, "phone-1"));  // another campaign
    EXPECT_FALSE(*CheckupObservationRepository::FindByClientId(s, c1, "nobody"));
    auto by_object = *CheckupObservationRepository::FindByObject(s, c1, "b:" + std::to_string(b1), "H04.finish_loss");
    EXPECT_EQ(by_object->id, full_id);
    EXPECT_FALSE(*CheckupObservationRepository::FindByObject(s, c1, "b:" + std::to_string(b1), "H04.roof"));
    EXPECT_FALSE(*CheckupObservationRepository::FindByObject(s, c1, "b:" + std::to_string(b2), "H04.finish_loss"));
    EXPECT_FALSE(*CheckupObservationRepository::FindByObject(s, c2, "b:" + std::to_string(b1), "H04.finish_loss"));
    return Ok();
  });

  // Unique: the client id, and the (object, criterion) pair, within a campaign.
  const auto b1_key = "b:" + std::to_string(b1);
  EXPECT_EQ(RefusedWith([&](Session& s) -> Result<void> {
              auto r = CheckupObservationRepository::Insert(
                  s, Obs(c1, e1, "360104002001", "phone-1", "H04", "H04.roof", b1_key, std::nullopt));
              if (!r) return std::move(r).error();
              return Ok();
            }),
            "store.duplicate");
  EXPECT_EQ(RefusedWith([&](Session& s) -> Result<void> {
              auto r = CheckupObservationRepository::Insert(
                  s, Obs(c1, e1, "360104002001", "phone-9", "H04", "H04.finish_loss", b1_key, ck::Severity::kSevere));
              if (!r) return std::move(r).error();
              return Ok();
            }),
            "store.duplicate");
  std::int64_t roof = 0, other_building = 0, dwelling = 0, elsewhere = 0;
  W([&](Session& s) -> Result<void> {
    roof = Insert(s, Obs(c1, e1, "360104002001", "phone-3", "H04", "H04.roof", b1_key, ck::Severity::kHazard));
    other_building = Insert(s, Obs(c1, e2, "360104002002", "phone-4", "H04", "H04.finish_loss",
                                   "b:" + std::to_string(b2), ck::Severity::kSevere));
    dwelling = Insert(s, Obs(c1, e1, "360104002001", "phone-5", "H05", "H05.not_self_contained",
                             "d:" + std::to_string(d1), ck::Severity::kProblem));
    elsewhere = Insert(s, Obs(c2, e1, "360104002001", "phone-1", "H04", "H04.finish_loss", b1_key, ck::Severity::kHazard));
    return Ok();
  });

  R([&](Session& s) -> Result<void> {
    auto ids = [&](CheckupObservationFilter f) {
      std::vector<std::int64_t> out;
      auto list = CheckupObservationRepository::List(s, f);  // kept: a range-for over *temporary would dangle
      EXPECT_TRUE(list);
      for (const auto& o : *list) out.push_back(o.id);
      return out;
    };
    using Ids = std::vector<std::int64_t>;
    CheckupObservationFilter f;
    f.checkup_id = c1;
    EXPECT_EQ(ids(f), (Ids{full_id, bare_id, roof, other_building, dwelling}));
    f.scope_prefix = "360104002001";
    EXPECT_EQ(ids(f), (Ids{full_id, bare_id, roof, dwelling}));
    f.scope_prefix = "360104002002";
    EXPECT_EQ(ids(f), (Ids{other_building}));
    f.scope_prefix = "360104006";
    EXPECT_TRUE(ids(f).empty());
    f.scope_prefix = "";
    f.estate_id = e1;
    EXPECT_EQ(ids(f), (Ids{full_id, bare_id, roof, dwelling}));
    f.problems_only = true;
    EXPECT_EQ(ids(f), (Ids{full_id, roof, dwelling}));
    f.indicator = "H04";
    EXPECT_EQ(ids(f), (Ids{full_id, roof}));
    f.severity = ck::Severity::kHazard;
    EXPECT_EQ(ids(f), (Ids{roof}));
    f.indicator = "H05";
    EXPECT_TRUE(ids(f).empty());
    CheckupObservationFilter other;
    other.checkup_id = c2;
    EXPECT_EQ(ids(other), (Ids{elsewhere}));
    other.checkup_id = 999;
    EXPECT_TRUE(ids(other).empty());
    return Ok();
  });

  // Update rewrites what the observation says; who made it, its client id and creation stay.
  W([&](Session& s) -> Result<void> {
    auto changed = full;
    changed.id = full_id;
    changed.client_id = "ignored";
    changed.user_id = 7;
    changed.created_at = "ignored";
    changed.value = 3550;
    changed.severity = ck::Severity::kSevere;
    changed.note = "复测";
    changed.photo_ids = {};
    changed.lat_e6.reset();
    changed.lng_e6.reset();
    changed.observed_at = kT2;
    changed.updated_at = "2026-12-01T00:00:00.000Z";
    EXPECT_TRUE(*CheckupObservationRepository::Update(s, changed));
    changed.id = 999999;
    EXPECT_FALSE(*CheckupObservationRepository::Update(s, changed));
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    auto o = *CheckupObservationRepository::FindByClientId(s, c1, "phone-1");
    EXPECT_EQ(o->id, full_id);
    EXPECT_EQ(o->value, std::optional<std::int64_t>(3550));
    EXPECT_EQ(o->severity, std::optional<ck::Severity>(ck::Severity::kSevere));
    EXPECT_EQ(o->note, "复测");
    EXPECT_TRUE(o->photo_ids.empty());
    EXPECT_EQ(o->lat_e6, std::nullopt);
    EXPECT_EQ(o->observed_at, kT2);
    EXPECT_EQ(o->updated_at, "2026-12-01T00:00:00.000Z");
    EXPECT_EQ(o->user_id, user);
    EXPECT_EQ(o->created_at, kT2);
    return Ok();
  });
  // Moving an observation onto a pair another one holds is refused by the index.
  EXPECT_EQ(RefusedWith([&](Session& s) -> Result<void> {
              auto moved = *CheckupObservationRepository::FindByClientId(s, c1, "phone-3");
              moved->criterion = "H04.finish_loss";
              auto r = CheckupObservationRepository::Update(s, *moved);
              if (!r) return std::move(r).error();
              return Ok();
            }),
            "store.duplicate");

  // A severity code this build does not know still reads as a problem, never as none.
  W([&](Session& s) -> Result<void> {
    auto n = s.Exec("UPDATE checkup_observation SET severity = 'local_grade' WHERE id = ?", {Int(roof)});
    if (!n) return std::move(n).error();
    EXPECT_TRUE(*CheckupObservationRepository::Delete(s, bare_id));
    EXPECT_FALSE(*CheckupObservationRepository::Delete(s, bare_id));
    return Ok();
  });
  R([&](Session& s) -> Result<void> {
    EXPECT_EQ((*CheckupObservationRepository::FindByClientId(s, c1, "phone-3"))->severity,
              std::optional<ck::Severity>(ck::Severity::kProblem));
    EXPECT_FALSE(*CheckupObservationRepository::FindByClientId(s, c1, "phone-2"));
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Results.

TEST_P(CheckupContract, ResultsReadLabelsRollupRowsLastYearAndFacts) {
  std::int64_t e1 = 0, e2 = 0, e3 = 0, b1 = 0, b2 = 0, b3 = 0, d1 = 0, c26 = 0, c25 = 0, c24 = 0, c26b = 0, empty = 0;
  W([&](Session& s) -> Result<void> {
    e1 = AddEstate(s, "360104002001", "甲小区");
    e2 = AddEstate(s, "360104002002", "乙小区");
    e3 = AddEstate(s, "360104006001", "丙小区");
    empty = AddEstate(s, "360104006001", "空小区");
    b1 = AddBuilding(s, e1, "360104002001", "3");
    b2 = AddBuilding(s, e1, "360104002001", "4");
    b3 = AddBuilding(s, e2, "360104002002", "1");
    d1 = AddDwelling(s, b1, e1, "360104002001", 2, 5, "501", 6000);
    auto d2 = AddDwelling(s, b1, e1, "360104002001", 1, 5, "101", 6000);
    AddDwelling(s, b2, e1, "360104002001", 1, 5, "102", 6000);
    for (auto [dwelling, aged] : {std::pair{d1, 1}, {d2, 2}}) {
      HouseholdRecord h{dwelling, "360104002001", 3, aged, 0, "owner", kT0};
      if (auto r = HouseholdRepository::Upsert(s, h); !r) return r;
    }
    // 2026 (approved e1 and e2; e3 submitted), 2025 (approved e1), 2024 (approved e1, too old).
    c26 = Campaign(s, "360104", 2026);
    AddCampaignEstate(s, c26, e1, "360104002001", "approved");
    AddCampaignEstate(s, c26, e2, "360104002002", "approved");
    AddCampaignEstate(s, c26, e3, "360104006001", "submitted");
    c25 = Campaign(s, "360104002", 2025);
    AddCampaignEstate(s, c25, e1, "360104002001", "approved");
    c24 = Campaign(s, "360104002", 2024);
    AddCampaignEstate(s, c24, e1, "360104002001", "approved");
    c26b = Campaign(s, "360104002", 2026);
    AddCampaignEstate(s, c26b, e1, "360104002001", "draft");
    auto b = [](std::int64_t id) { return "b:" + std::to_string(id); };
    using S = ck::Severity;
    // 2026: on e1, building 3 twice under H04 (two criteria), building 4 once, dwelling 501 (H05),
    // one reading that is no problem; on e2 one; on e3 (not approved) one.
    Insert(s, Obs(c26, e1, "360104002001", "1", "H04", "H04.finish_loss", b(b1), S::kSevere));
    Insert(s, Obs(c26, e1, "360104002001", "2", "H04", "H04.roof", b(b1), S::kHazard));
    Insert(s, Obs(c26, e1, "360104002001", "3", "H04", "H04.roof", b(b2), S::kHazard));
    Insert(s, Obs(c26, e1, "360104002001", "4", "H05", "H05.not_self_contained", "d:" + std::to_string(d1), S::kProblem));
    Insert(s, Obs(c26, e1, "360104002001", "5", "H03", "H03.lighting", b(b2), std::nullopt));
    Insert(s, Obs(c26, e2, "360104002002", "6", "H04", "H04.roof", b(b3), S::kHazard));
    Insert(s, Obs(c26, e3, "360104006001", "7", "C19", "C19.not_sorted", "e:" + std::to_string(e3), S::kProblem));
    Insert(s, Obs(c25, e1, "360104002001", "1", "H04", "H04.roof", b(b1), S::kHazard));
    Insert(s, Obs(c24, e1, "360104002001", "1", "H04", "H04.roof", b(b2), S::kHazard));
    Insert(s, Obs(c26b, e1, "360104002001", "1", "H07", "H07.lift", b(b1), S::kProblem));
    return Ok();
  });

  R([&](Session& s) -> Result<void> {
    // Labels of the objects of graded observations only (building 4 appears through H04.roof).
    auto all = *CheckupResultRepository::ProblemObjects(s, c26, std::nullopt);
    EXPECT_EQ(all.building_numbers, (std::map<std::int64_t, std::string>{{b1, "3"}, {b2, "4"}, {b3, "1"}}));
    EXPECT_EQ(all.dwellings.size(), 1u);
    EXPECT_EQ(all.dwellings[d1].building_number, "3");
    EXPECT_EQ(all.dwellings[d1].stairwell, 2);
    EXPECT_EQ(all.dwellings[d1].room, "501");
    auto one = *CheckupResultRepository::ProblemObjects(s, c26, e2);
    EXPECT_EQ(one.building_numbers, (std::map<std::int64_t, std::string>{{b3, "1"}}));
    EXPECT_TRUE(one.dwellings.empty());
    auto none = *CheckupResultRepository::ProblemObjects(s, 999, std::nullopt);
    EXPECT_TRUE(none.building_numbers.empty() && none.dwellings.empty());

    // Roll-up rows: graded, approved, this year and last, under the prefix.
    auto rows = [&](const std::string& prefix, int year) {
      std::vector<std::tuple<std::string, int, std::string, std::string, std::int64_t>> out;
      auto list = CheckupResultRepository::RollupRows(s, prefix, year);
      EXPECT_TRUE(list);
      for (const auto& r : *list)
        out.emplace_back(r.region_code, r.year, r.indicator, r.object_key, r.estate_id);
      std::sort(out.begin(), out.end());
      return out;
    };
    auto b = [](std::int64_t id) { return "b:" + std::to_string(id); };
    using Rows = std::vector<std::tuple<std::string, int, std::string, std::string, std::int64_t>>;
    EXPECT_EQ(rows("360104", 2026), (Rows{{"360104002001", 2025, "H04", b(b1), e1},
                                          {"360104002001", 2026, "H04", b(b1), e1},
                                          {"360104002001", 2026, "H04", b(b1), e1},
                                          {"360104002001", 2026, "H04", b(b2), e1},
                                          {"360104002001", 2026, "H05", "d:" + std::to_string(d1), e1},
                                          {"360104002002", 2026, "H04", b(b3), e2}}));
    EXPECT_EQ(rows("360104002002", 2026), (Rows{{"360104002002", 2026, "H04", b(b3), e2}}));
    EXPECT_TRUE(rows("360104006", 2026).empty());  // submitted, not approved
    EXPECT_EQ(rows("360104002001", 2025).size(), 2u);  // 2025 and 2024
    EXPECT_TRUE(rows("360103", 2026).empty());
    EXPECT_EQ(rows("", 2026).size(), 6u);

    // Last year's objects per indicator of one estate (distinct objects; approved, graded).
    using Counts = std::map<std::string, std::int64_t>;
    EXPECT_EQ(*CheckupResultRepository::EstateObjectsInYear(s, e1, 2026, ""), (Counts{{"H04", 2}, {"H05", 1}}));
    EXPECT_EQ(*CheckupResultRepository::EstateObjectsInYear(s, e1, 2025, "360104002"), (Counts{{"H04", 1}}));
    EXPECT_TRUE(CheckupResultRepository::EstateObjectsInYear(s, e1, 2025, "360104006")->empty());
    EXPECT_TRUE(CheckupResultRepository::EstateObjectsInYear(s, e3, 2026, "")->empty());
    EXPECT_TRUE(CheckupResultRepository::EstateObjectsInYear(s, e1, 2023, "")->empty());

    // Register facts for the report.
    auto facts = *CheckupResultRepository::EstateFacts(s, e1);
    EXPECT_EQ(facts.buildings, 2);
    EXPECT_EQ(facts.dwellings, 3);
    EXPECT_EQ(facts.aged_60_plus, 3);
    auto zero = *CheckupResultRepository::EstateFacts(s, empty);
    EXPECT_EQ(std::tie(zero.buildings, zero.dwellings, zero.aged_60_plus), std::make_tuple(0, 0, 0));
    auto missing = *CheckupResultRepository::EstateFacts(s, 999999);
    EXPECT_EQ(std::tie(missing.buildings, missing.dwellings, missing.aged_60_plus), std::make_tuple(0, 0, 0));
    return Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Migration 0008 on data written before it: doubled observations merge into the latest.

TEST_P(CheckupContract, Migration8MergesDoubledObservationsKeepingTheLatest) {
  const auto& all = EmbeddedMigrations();
  auto m8 = std::find_if(all.begin(), all.end(), [](const Migration& m) { return m.version == 8; });
  ASSERT_NE(m8, all.end());
  std::int64_t e1 = 0, b1 = 0, c1 = 0, c2 = 0;
  std::vector<std::int64_t> ids;
  W([&](Session& s) -> Result<void> {
    // As before migration 8: no unique index.
    if (auto r = s.ExecScript("DROP INDEX checkup_observation_object"); !r) return r;
    e1 = AddEstate(s, "360104002001", "甲小区");
    b1 = AddBuilding(s, e1, "360104002001", "1");
    c1 = Campaign(s, "360104002", 2026);
    AddCampaignEstate(s, c1, e1, "360104002001");
    c2 = Campaign(s, "360104002", 2025);
    AddCampaignEstate(s, c2, e1, "360104002001");
    const auto b = "b:" + std::to_string(b1);
    auto add = [&](std::int64_t campaign, const std::string& client, const std::string& criterion, const char* updated) {
      auto o = Obs(campaign, e1, "360104002001", client, "H04", criterion, b, ck::Severity::kHazard);
      o.updated_at = updated;
      ids.push_back(Insert(s, o));
    };
    add(c1, "a", "H04.roof", kT1);    // 0: merged away
    add(c1, "b", "H04.roof", kT3);    // 1: the latest, kept
    add(c1, "c", "H04.roof", kT2);    // 2: merged away
    add(c1, "d", "H04.canopy", kT2);  // 3: the same time twice: the higher id is kept
    add(c1, "e", "H04.canopy", kT2);  // 4: kept
    add(c1, "f", "H04.damp", kT0);    // 5: alone, kept
    add(c2, "a", "H04.roof", kT0);    // 6: another campaign, kept
    return Ok();
  });
  W([&](Session& s) { return s.ExecScript(RenderMigration(m8->sql, s.dialect())); });
  R([&](Session& s) -> Result<void> {
    auto left = s.Query("SELECT id FROM checkup_observation ORDER BY id");
    if (!left) return std::move(left).error();
    std::vector<std::int64_t> kept;
    for (const auto& r : *left) kept.push_back(r.GetInt(0));
    EXPECT_EQ(kept, (std::vector<std::int64_t>{ids[1], ids[4], ids[5], ids[6]}));
    return Ok();
  });
  // And the index is back: a second observation of a pair is refused.
  EXPECT_EQ(RefusedWith([&](Session& s) -> Result<void> {
              auto r = CheckupObservationRepository::Insert(
                  s, Obs(c1, e1, "360104002001", "z", "H04", "H04.damp", "b:" + std::to_string(b1), std::nullopt));
              if (!r) return std::move(r).error();
              return Ok();
            }),
            "store.duplicate");
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CheckupContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, CheckupContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
