// Contract suite of the evaluation repository (src/store/evaluation/evaluation_repository) on SQLite
// and PostgreSQL: every function, exact values read back, NULLs, unicode, the unique scorecard name,
// the seeded scorecard of migration 0016, replacing a scorecard's items and bands, evaluations with
// their scores in the scorecard's order, the rectification links, filters by region prefix (its
// boundary), estate, scorecard and days, paging, and the rows rankings read. Projects and
// rectification orders are inserted with plain SQL (their repositories belong to other contexts).
#include <gtest/gtest.h>

#include "contract/contract_fixture.hpp"
#include "store/evaluation/evaluation_repository.hpp"
#include "testing/project_rows.hpp"

namespace huanxin::store::contract {
namespace {

using Repo = EvaluationRepository;

class EvaluationContract : public ContractTest {
 protected:
  static ScorecardRecord Card(const std::string& name) {
    ScorecardRecord c;
    c.name = name;
    c.subject_level = "estate";
    c.period_kind = "quarterly";
    c.max_points = 10000;
    c.created_at = c.updated_at = kAt;
    c.items = {{"b_item", kTrickyText, "B item", 6050, "组"}, {"a_item", "甲", "A", 3950, ""}};
    c.bands = {{"top", "优", "top", 9000, false}, {"rest", "其他", "rest", 0, true}};
    return c;
  }
  EvaluationRecord Eval(std::int64_t estate, std::int64_t card, const std::string& region, const std::string& on, std::int64_t total) {
    EvaluationRecord e;
    e.estate_id = estate;
    e.scorecard_id = card;
    e.region_code = region;
    e.evaluated_on = on;
    e.total = total;
    e.grade = "top";
    e.note = kTrickyText;
    e.created_by = user_;
    e.created_at = kAt;
    e.scores = {{"a_item", 3950, ""}, {"b_item", total - 3950, kTrickyText}};
    return e;
  }
  void SetUp() override {
    ContractTest::SetUp();
    if (IsSkipped()) return;
    user_ = Put([&](Session& s) -> Result<std::int64_t> { return AddUser(s, "evaluator", "360104002"); });
  }
  std::int64_t user_ = 0;
};

TEST_P(EvaluationContract, TheSeededScorecardIsThere) {
  if (IsSkipped()) return;
  auto c = Get([&](Session& s) { return Repo::FindScorecard(s, 1); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "老旧小区长效管理月度检查评比");
  EXPECT_EQ(c->period_kind, "monthly");
  EXPECT_EQ(c->max_points, 10000);
  EXPECT_FALSE(c->created_by);
  ASSERT_EQ(c->items.size(), 6u);
  std::int64_t sum = 0;
  for (const auto& i : c->items) sum += i.max_points;
  EXPECT_EQ(sum, 10000);
  EXPECT_EQ(c->items[0].code, "sanitation");
  EXPECT_EQ(c->items[5].name_en, "Residents' satisfaction");
  EXPECT_TRUE(c->bands.empty());
  EXPECT_EQ(c->evaluations, 0);
}

TEST_P(EvaluationContract, ScorecardsRoundTripAndReplaceTheirItems) {
  if (IsSkipped()) return;
  auto card = Card(kTrickyText);
  card.created_by = user_;
  const auto id = Put([&](Session& s) { return Repo::InsertScorecard(s, card); });
  auto c = Get([&](Session& s) { return Repo::FindScorecard(s, id); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, kTrickyText);
  EXPECT_EQ(c->subject_level, "estate");
  EXPECT_EQ(c->period_kind, "quarterly");
  EXPECT_EQ(c->created_by, user_);
  EXPECT_EQ(c->created_at, kAt);
  ASSERT_EQ(c->items.size(), 2u);
  EXPECT_EQ(c->items[0].code, "b_item");  // in the order given, not by code
  EXPECT_EQ(c->items[0].name_zh, kTrickyText);
  EXPECT_EQ(c->items[0].max_points, 6050);
  EXPECT_EQ(c->items[0].group, "组");
  EXPECT_EQ(c->items[1].group, "");
  ASSERT_EQ(c->bands.size(), 2u);
  EXPECT_EQ(c->bands[0].code, "top");
  EXPECT_EQ(c->bands[0].min_points, 9000);
  EXPECT_FALSE(c->bands[0].min_inclusive);
  EXPECT_TRUE(c->bands[1].min_inclusive);

  auto dup = Refused([&](Session& s) -> Result<void> {
    auto r = Repo::InsertScorecard(s, Card(kTrickyText));
    if (!r) return std::move(r).error();
    return Ok();
  });
  EXPECT_EQ(dup.reason, "store.duplicate");

  auto changed = *c;
  changed.name = "改名";
  changed.period_kind = "monthly";
  changed.items = {{"only", "唯一", "only", 10000, ""}};
  changed.bands.clear();
  changed.updated_at = "2026-11-22T00:00:00.000Z";
  EXPECT_TRUE(Put([&](Session& s) { return Repo::UpdateScorecard(s, changed); }));
  auto after = Get([&](Session& s) { return Repo::FindScorecard(s, id); });
  EXPECT_EQ(after->name, "改名");
  EXPECT_EQ(after->period_kind, "monthly");
  ASSERT_EQ(after->items.size(), 1u);
  EXPECT_EQ(after->items[0].code, "only");
  EXPECT_TRUE(after->bands.empty());
  EXPECT_EQ(after->updated_at, "2026-11-22T00:00:00.000Z");
  changed.id = 999999;
  EXPECT_FALSE(Put([&](Session& s) { return Repo::UpdateScorecard(s, changed); }));
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindScorecard(s, 999999); }));

  auto all = Get([&](Session& s) { return Repo::Scorecards(s); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[1].id, id);
  EXPECT_EQ(all[1].items.size(), 1u);
}

TEST_P(EvaluationContract, EvaluationsFilterPageAndLinkTheirOrders) {
  if (IsSkipped()) return;
  const auto card = Put([&](Session& s) { return Repo::InsertScorecard(s, Card("季度")); });
  struct Made {
    std::int64_t a, b, far, project;
  };
  auto m = Put([&](Session& s) -> Result<Made> {
    Made m;
    m.a = AddEstate(s, "360104002001", "甲小区");
    m.b = AddEstate(s, "360104002002", "乙小区");
    m.far = AddEstate(s, "36010400", "边界外小区");  // a prefix of the scope, not inside it
    m.project = Must(testing::InsertProjectRow(s, "360104002001", "甲小区项目"));
    Must(s.Exec("INSERT INTO project_estate (project_id, estate_id, region_code) VALUES (?, ?, ?)",
                {Int(m.project), Int(m.a), Str("360104002001")}));
    return m;
  });
  const auto e1 = Put([&](Session& s) { return Repo::InsertEvaluation(s, Eval(m.a, card, "360104002001", "2026-10-25", 9550)); });
  const auto e2 = Put([&](Session& s) { return Repo::InsertEvaluation(s, Eval(m.a, card, "360104002001", "2026-11-25", 8000)); });
  const auto e3 = Put([&](Session& s) { return Repo::InsertEvaluation(s, Eval(m.b, card, "360104002002", "2026-11-25", 7000)); });
  Put([&](Session& s) { return Repo::InsertEvaluation(s, Eval(m.far, card, "36010400", "2026-11-25", 6000)); });

  auto e = Get([&](Session& s) { return Repo::FindEvaluation(s, e1); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->estate_id, m.a);
  EXPECT_EQ(e->estate_name, "甲小区");
  EXPECT_EQ(e->scorecard_name, "季度");
  EXPECT_EQ(e->evaluated_on, "2026-10-25");
  EXPECT_EQ(e->total, 9550);
  EXPECT_EQ(e->note, kTrickyText);
  EXPECT_EQ(e->created_by, user_);
  ASSERT_EQ(e->scores.size(), 2u);
  EXPECT_EQ(e->scores[0].item_code, "b_item");  // the scorecard's order
  EXPECT_EQ(e->scores[0].points, 5600);
  EXPECT_EQ(e->scores[0].finding, kTrickyText);
  EXPECT_TRUE(e->rectification_ids.empty());
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindEvaluation(s, 999999); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindScorecard(s, card); })->evaluations, 4);

  // A rectification order (supervision's table) linked to the evaluation.
  const auto order = Put([&](Session& s) -> Result<std::int64_t> {
    auto unit = InsertReturningId(s, "INSERT INTO responsible_unit (region_code, company, kind, credit_code, contact, phone, created_at) "
                                     "VALUES ('360104002', '施工单位', 'contractor', '', '', '', ?) RETURNING id", {Str(kAt)});
    if (!unit) return unit;
    return InsertReturningId(s,
                             "INSERT INTO rectification_order (project_id, region_code, unit_id, finding, issued_on, working_days, due_on, "
                             "status, issued_by, created_at) VALUES (?, '360104002001', ?, '门禁', '2026-11-25', 5, '2026-12-02', 'open', ?, ?) "
                             "RETURNING id",
                             {Int(m.project), Int(*unit), Int(user_), Str(kAt)});
  });
  Put([&](Session& s) { return Repo::LinkRectification(s, e2, order, std::string("b_item"), "360104002001"); });
  EXPECT_EQ(Get([&](Session& s) { return Repo::FindEvaluation(s, e2); })->rectification_ids, std::vector<std::int64_t>{order});

  EvaluationFilter f;
  f.prefix = "360104002001";
  auto list = Get([&](Session& s) { return Repo::Evaluations(s, f, 10, 0); });
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, e2);  // latest day first
  EXPECT_EQ(list[1].id, e1);
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountEvaluations(s, f); }), 2);
  f.prefix = "360104002";
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountEvaluations(s, f); }), 3);  // not the boundary estate "36010400"
  auto page = Get([&](Session& s) { return Repo::Evaluations(s, f, 1, 1); });
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, e2);  // e3 and e2 share the day: latest id first
  f.from = "2026-11-01";
  f.to = "2026-11-30";
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountEvaluations(s, f); }), 2);
  f.estate_id = m.b;
  EXPECT_EQ(Get([&](Session& s) { return Repo::Evaluations(s, f, 10, 0); }).at(0).id, e3);
  f.estate_id.reset();
  f.scorecard_id = 1;
  EXPECT_EQ(Get([&](Session& s) { return Repo::CountEvaluations(s, f); }), 0);

  EvaluationFilter r;
  r.prefix = "360104002";
  r.from = "2026-10-01";
  r.to = "2026-11-30";
  auto rows = Get([&](Session& s) { return Repo::RankingSource(s, r); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].estate_id, m.a);
  EXPECT_EQ(rows[0].total, 9550);
  EXPECT_EQ(rows[1].total, 8000);
  EXPECT_EQ(rows[2].estate_name, "乙小区");
  EXPECT_EQ(rows[2].region_code, "360104002002");

  EXPECT_EQ(Get([&](Session& s) { return Repo::FindEstate(s, m.a); })->second, "甲小区");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::FindEstate(s, 999999); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::LatestProjectOfEstate(s, m.a); }), m.project);
  EXPECT_FALSE(Get([&](Session& s) { return Repo::LatestProjectOfEstate(s, m.b); }));
  EXPECT_EQ(Get([&](Session& s) { return Repo::RegionName(s, "360104002"); }), "洪都街道");
  EXPECT_FALSE(Get([&](Session& s) { return Repo::RegionName(s, "999"); }));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, EvaluationContract, ::testing::Values("sqlite"));
INSTANTIATE_TEST_SUITE_P(Postgres, EvaluationContract, ::testing::Values("postgres"));

}  // namespace
}  // namespace huanxin::store::contract
