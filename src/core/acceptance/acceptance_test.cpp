#include "core/acceptance/acceptance.hpp"

#include <gtest/gtest.h>

namespace huanxin::core::acceptance {
namespace {

using namespace std::chrono;

TEST(ScoreChecklist, AcceptsOneAndFiveAndRefusesZeroAndSix) {
  EXPECT_FALSE(ValidScore(0));
  EXPECT_TRUE(ValidScore(1));
  EXPECT_TRUE(ValidScore(5));
  EXPECT_FALSE(ValidScore(6));
  auto ok = ScoreChecklist({{"B12", {{"plan", 1}, {"quality", 5}}}, {"B13", {{"quality", 4}}}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->points, 10);
  EXPECT_EQ(ok->max_points, 15);
  EXPECT_EQ(ok->percent_hundredths, 6667);  // 66.666… % rounds half up to 66.67
  for (int bad : {0, 6, -1}) {
    auto r = ScoreChecklist({{"B12", {{"quality", bad}}}});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason, "acceptance.invalid_score");
    EXPECT_NE(r.error().detail.en.find("B12 quality"), std::string::npos);
  }
}

TEST(ScoreChecklist, RefusesAnEmptyFormAnItemWithoutCriteriaAndAnItemTwice) {
  EXPECT_EQ(ScoreChecklist({}).error().reason, "acceptance.empty_checklist");
  EXPECT_EQ(ScoreChecklist({{"B12", {}}}).error().reason, "acceptance.empty_checklist");
  EXPECT_EQ(ScoreChecklist({{"B12", {{"q", 3}}}, {"B12", {{"q", 3}}}}).error().reason, "acceptance.duplicate_item");
}

TEST(CheckPunchList, PassesEmptyResolvedAndWaivedWithAReason) {
  EXPECT_TRUE(CheckPunchList({}));
  EXPECT_TRUE(CheckPunchList({{"a", PunchStatus::kResolved, ""}, {"b", PunchStatus::kWaived, "住户放弃"}}));
}

TEST(CheckPunchList, RefusesAnOpenEntryAndAWaiverWithoutReason) {
  auto open = CheckPunchList({{"a", PunchStatus::kResolved, ""}, {"3-201 窗户渗水", PunchStatus::kOpen, ""}});
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().reason, "acceptance.punch_list_open");
  EXPECT_EQ(open.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(open.error().detail.zh.find("1项未整改"), std::string::npos);
  auto blank = CheckPunchList({{"x", PunchStatus::kOpen, ""}, {"y", PunchStatus::kWaived, "  "}});
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().reason, "acceptance.waiver_without_reason");
  EXPECT_NE(blank.error().detail.en.find("entry 2"), std::string::npos);
}

TEST(PunchStatus, CodesRoundTrip) {
  for (auto s : {PunchStatus::kOpen, PunchStatus::kResolved, PunchStatus::kWaived}) EXPECT_EQ(ParsePunchStatus(PunchStatusCode(s)), s);
  EXPECT_FALSE(ParsePunchStatus("closed"));
}

TEST(CheckParticipants, NeedsClientDesignConstructionSupervisionAndResidents) {
  std::set<ParticipantRole> all{ParticipantRole::kClient, ParticipantRole::kDesign, ParticipantRole::kConstruction,
                                ParticipantRole::kSupervision, ParticipantRole::kResidentRepresentative};
  EXPECT_TRUE(CheckParticipants(all));
  all.erase(ParticipantRole::kResidentRepresentative);
  auto r = CheckParticipants(all);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "acceptance.participant_missing");
  EXPECT_EQ(r.error().detail.en, "missing: resident_representative");
  EXPECT_EQ(ParseParticipant("property_company"), ParticipantRole::kPropertyCompany);
  EXPECT_FALSE(ParseParticipant("mayor"));
}

// Case table: defect item → warranty kind (REFERENCE.md §4.2).
TEST(DefectItem, MapsToTheWarrantyKindOfREFERENCE42) {
  const struct {
    const char* code;
    WarrantyKind kind;
  } cases[] = {{"roof_waterproofing", WarrantyKind::kWaterproofing}, {"external_wall", WarrantyKind::kWaterproofing},
               {"electrical", WarrantyKind::kPipes},                 {"water_drainage", WarrantyKind::kPipes},
               {"heating", WarrantyKind::kHeating},                  {"other", WarrantyKind::kDecoration}};
  for (const auto& c : cases) {
    auto d = ParseDefectItem(c.code);
    ASSERT_TRUE(d) << c.code;
    EXPECT_EQ(WarrantyKindOf(*d), c.kind) << c.code;
    EXPECT_EQ(DefectItemCode(*d), c.code);
    for (auto item : ItemCodesOf(*d)) EXPECT_EQ(WarrantyKindOfItem(item), c.kind) << c.code << " " << item;
  }
  EXPECT_FALSE(ParseDefectItem("roof"));
  EXPECT_EQ(ItemCodesOf(DefectItem::kRoofWaterproofing), (std::vector<std::string_view>{"B12"}));
}

TEST(WarrantyKindOfItem, RenovationItems) {
  EXPECT_EQ(WarrantyKindOfItem("B12"), WarrantyKind::kWaterproofing);
  EXPECT_EQ(WarrantyKindOfItem("B13"), WarrantyKind::kWaterproofing);
  EXPECT_EQ(WarrantyKindOfItem("B07"), WarrantyKind::kHeating);
  EXPECT_EQ(WarrantyKindOfItem("B03"), WarrantyKind::kPipes);
  EXPECT_EQ(WarrantyKindOfItem("I08"), WarrantyKind::kEquipment);
  EXPECT_EQ(WarrantyKindOfItem("B14"), WarrantyKind::kDecoration);
  EXPECT_EQ(WarrantyKindOfItem("XYZ"), WarrantyKind::kDecoration);
}

// The example: accepted 2026-07-03, roof waterproofing until 2031-07-02 — the builder on
// that day, the property company and the fund the day after.
TEST(DecideDefectRoute, BuilderUpToUntilPropertyAndFundTheDayAfter) {
  const Date accepted = 2026y / July / 3d;
  const Date until = WarrantyUntil(WarrantyKind::kWaterproofing, accepted, std::nullopt);
  EXPECT_EQ(until, 2031y / July / 2d);
  EXPECT_EQ(DecideDefectRoute(until, 2026y / July / 3d), DefectRoute::kBuilder);
  EXPECT_EQ(DecideDefectRoute(until, 2031y / July / 2d), DefectRoute::kBuilder);
  EXPECT_EQ(DecideDefectRoute(until, 2031y / July / 3d), DefectRoute::kPropertyAndFund);
  EXPECT_EQ(DefectRouteCode(DefectRoute::kBuilder), "builder");
  EXPECT_EQ(DefectRouteCode(DefectRoute::kPropertyAndFund), "property_and_fund");
}

}  // namespace
}  // namespace huanxin::core::acceptance
