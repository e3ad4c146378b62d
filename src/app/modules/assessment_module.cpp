// Assessment of streets and departments (督查考核; issue #15; docs/assessment.md): the KPIs
// computed from the projects, the funding ledger, tickets and rectification orders; the
// department responsibility matrix; joint meetings with action items; the annual performance
// evaluation and its self-evaluation report; the monthly upward report. Uses the calendar
// (working days of the closure time), so it comes after the calendar and the contexts it reads.
// Demo: the county's duty matrix (住建, 财政, 自然资源, 城管), a joint meeting with minutes and three
// action items (one overdue), and this year's evaluation with some scores entered (the rest
// computed from the KPIs).
#include <chrono>

#include "app/module.hpp"
#include "core/calendar/work_calendar.hpp"
#include "http/handlers/assessment_handlers.hpp"
#include "service/assessment/assessment_service.hpp"
#include "service/calendar/calendar_service.hpp"

namespace huanxin::app {

namespace {

constexpr const char* kDemoCounty = "360104";

class Assessment final : public Module {
 public:
  std::string_view name() const override { return "assessment"; }

  Result<void> Wire(ModuleContext& ctx) override {
    const auto boundary =
        core::evaluation::ParseBoundary(ctx.config.assessment_grade_boundary).value_or(core::evaluation::Boundary::kUpper);
    assessment_ = std::make_unique<service::AssessmentService>(ctx.db, ctx.clock, ctx.services.Get<service::CalendarService>(),
                                                               boundary);
    api_ = std::make_unique<http::AssessmentApi>(http::AssessmentApi{*assessment_});
    ctx.services.Provide(*assessment_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddAssessmentRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    const std::string county = kDemoCounty;
    std::vector<service::DutyView> duties;
    for (const auto& x : core::assessment::DefaultDuties()) duties.push_back({x.department, x.name_zh, x.name_en, x.task, x.kpis});
    if (auto r = assessment_->PutDuties(system, county, duties); !r) return std::move(r).error();

    // A joint meeting three weeks ago; one action item's deadline passed a week ago (overdue).
    namespace cal = core::calendar;
    const auto today = std::chrono::floor<std::chrono::days>(d.app.clock.Now() + kShanghaiOffset);
    auto day = [&](int offset) { return cal::FormatDate(cal::Date{today + std::chrono::days{offset}}); };
    service::MeetingInput m{county, day(-21), "青云谱区城镇老旧小区改造工作联席会议（第四季度）",
                            "一、通报全区改造项目开工、完工和资金拨付情况。\n二、财政局对已到位资金加快支付进度。\n"
                            "三、城管局牵头整治小区周边占道经营和违章搭建。\n四、自然资源局对片区改造方案开辟审批绿色通道。",
                            {"housing", "finance", "natural_resources", "urban_management"}};
    std::vector<service::MeetingActionInput> actions = {
        {"加快拨付中央补助资金，资金执行率年底前达到90%", "finance", day(-7), "open"},
        {"完成片区改造规划方案审批", "natural_resources", day(14), "open"},
        {"整治洪都街道小区周边占道经营", "urban_management", day(-10), "done"},
    };
    auto meeting = assessment_->CreateMeeting(system, m, actions);
    if (!meeting) return std::move(meeting).error();

    // This year's evaluation: the indicators without a KPI entered by the bureau; the rest computed.
    const auto year = ShanghaiYear(d.app.clock.Now());
    const std::pair<const char*, std::int64_t> entered[] = {{"I04", 550}, {"I05", 500}, {"I06", 350}, {"I07", 450},
                                                            {"I09", 600}, {"I12", 300}, {"I18", 200}};
    for (const auto& [code, points] : entered)
      if (auto r = assessment_->PutScore(system, county, year, code, {"entered", points, "区住建局自评，附佐证材料"}); !r)
        return std::move(r).error();
    d.lines.push_back("demo assessment: duty matrix of 4 departments, 1 joint meeting with 3 action items (1 overdue), " +
                      std::to_string(std::size(entered)) + " scores entered in " + std::to_string(year) + "'s evaluation");
    return Ok();
  }

 private:
  std::unique_ptr<service::AssessmentService> assessment_;
  std::unique_ptr<http::AssessmentApi> api_;
};

}  // namespace

std::unique_ptr<Module> AssessmentModule() { return std::make_unique<Assessment>(); }

}  // namespace huanxin::app
