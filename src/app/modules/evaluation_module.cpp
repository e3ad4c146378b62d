// Evaluations (检查评比; issue #15; docs/evaluation.md): scorecards, evaluations of estates with the
// rectification orders they issue (through the supervision service, so this module comes after the
// supervision module), and rankings of estates and streets. Settings: evaluation.grade_boundary and
// evaluation.commendation_top.
// Demo: the seeded monthly scorecard (migration 0016) scored for estates of 洪都街道 and 京山街道 in
// the last two full months, a spread from excellent to poor so that rankings, the commendation and
// the criticism lists read believably, and one evaluation of an estate of the 洪都新村 area project
// that issued a rectification order to the project's builder.
#include <chrono>

#include "app/module.hpp"
#include "app/modules/demo_area_project.hpp"
#include "core/calendar/work_calendar.hpp"
#include "http/handlers/evaluation_handlers.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/evaluation/evaluation_service.hpp"
#include "service/project/project_service.hpp"
#include "service/register/register_service.hpp"
#include "service/supervision/supervision_service.hpp"

namespace huanxin::app {

namespace {

class Evaluation final : public Module {
 public:
  std::string_view name() const override { return "evaluation"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::EvaluationSettings settings;
    settings.boundary = core::evaluation::ParseBoundary(ctx.config.evaluation_grade_boundary).value_or(core::evaluation::Boundary::kUpper);
    settings.commendation_top = ctx.config.evaluation_commendation_top;
    evaluation_ = std::make_unique<service::EvaluationService>(ctx.db, ctx.clock, ctx.services.Get<service::CalendarService>(),
                                                               ctx.services.Get<service::SupervisionService>(), settings);
    api_ = std::make_unique<http::EvaluationApi>(http::EvaluationApi{*evaluation_});
    ctx.services.Provide(*evaluation_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddEvaluationRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    service::Actor system = service::Actor::System("demo");
    auto street = d.users.find("hongdu.street");
    if (street == d.users.end()) {  // evaluations name a real evaluator
      d.lines.push_back("demo evaluation: none — no street account");
      return Ok();
    }
    system.user_id = street->second;
    system.username = "hongdu.street";
    service::Actor admin = service::Actor::System("demo");
    auto cards = evaluation_->Scorecards(admin);
    if (!cards) return std::move(cards).error();
    if (cards->empty()) return Ok();
    const auto& card = cards->front().card;

    // The last two full months: evaluations on the 25th.
    const auto today = core::calendar::ParseDate(FormatShanghai(d.app.clock.Now(), 10));
    if (!today) return Ok();
    std::chrono::year_month ym{today->year(), today->month()};
    const auto m2 = ym - std::chrono::months{2}, m1 = ym - std::chrono::months{1};
    const std::vector<std::string> days{core::calendar::FormatDate(core::calendar::Date{m2.year(), m2.month(), std::chrono::day{25}}),
                                        core::calendar::FormatDate(core::calendar::Date{m1.year(), m1.month(), std::chrono::day{25}})};

    auto& reg = d.app.services.Get<service::RegisterService>();
    // Points per item (sanitation 20, greenery 15, facilities 20, safety 15, service 15,
    // satisfaction 15): a spread from excellent to poor, the second month a little different.
    const std::vector<std::vector<const char*>> sheets{
        {"19.5", "14.5", "19", "14.5", "14", "14.5"},  // 96: excellent
        {"18", "13", "17.5", "13", "13.5", "13"},      // 88: good
        {"16", "12", "16", "12", "11.5", "12.5"},      // 80: pass
        {"14", "10", "15", "11", "10", "10.5"},        // 70.5: poor
    };
    int count = 0;
    std::optional<std::int64_t> rectified;
    for (const char* code : {"360104002", "360104006"}) {
      service::EstateQuery q;
      q.region_code = code;
      q.page_size = 4;
      auto estates = reg.ListEstates(admin, q);
      if (!estates) return std::move(estates).error();
      for (std::size_t i = 0; i < estates->first.size(); ++i) {
        for (std::size_t m = 0; m < days.size(); ++m) {
          service::EvaluationInput in;
          in.estate_id = estates->first[i].estate.id;
          in.scorecard_id = card.id;
          in.on = days[m];
          // 京山 one sheet lower than 洪都, and each estate moves one sheet in the second month.
          const auto sheet = (i + (code[8] == '6' ? 1 : 0) + (m == 1 && i % 2 ? 1 : 0)) % sheets.size();
          for (std::size_t k = 0; k < card.items.size() && k < sheets[sheet].size(); ++k)
            in.scores.emplace_back(card.items[k].code, sheets[sheet][k]);
          if (sheet == 3) in.findings["sanitation"] = "垃圾桶满溢未及时清运，楼道堆放杂物";
          in.note = "月度长效管理检查";
          auto e = evaluation_->Evaluate(system, in);
          if (!e) return std::move(e).error();
          ++count;
        }
      }
    }

    // The area project's estate found wanting: an order to the project's builder.
    auto project = DemoAreaProject(d);
    if (!project) return std::move(project).error();
    if (*project) {
      auto view = d.app.services.Get<service::ProjectService>().Get(admin, (*project)->p.id);
      if (!view) return std::move(view).error();
      auto units = d.app.services.Get<service::SupervisionService>().Units(admin, (*project)->p.region_code);
      if (!units) return std::move(units).error();
      std::optional<std::int64_t> builder;
      for (const auto& u : *units)
        if (u.kind == "contractor" && !builder) builder = u.id;
      if (builder && !view->estates.empty()) {
        service::EvaluationInput in;
        in.estate_id = view->estates.front().estate.estate_id;
        in.scorecard_id = card.id;
        in.on = days.back();
        const std::vector<const char*> sheet{"17", "13", "14", "12", "13", "13"};  // 82: pass
        for (std::size_t k = 0; k < card.items.size() && k < sheet.size(); ++k) in.scores.emplace_back(card.items[k].code, sheet[k]);
        in.findings["facilities"] = "新装单元门禁两处损坏，楼道灯不亮";
        in.rectifications.push_back({std::string("facilities"), "修复 2 栋、5 栋单元门禁和楼道灯", 5, *builder, std::nullopt});
        in.note = "片区改造后首次长效管理检查";
        auto e = evaluation_->Evaluate(system, in);
        if (!e) return std::move(e).error();
        ++count;
        if (!e->evaluation.rectification_ids.empty()) rectified = e->evaluation.rectification_ids.front();
      }
    }
    d.lines.push_back("demo evaluation: " + std::to_string(count) + " evaluations in " + days.front().substr(0, 7) + " and " +
                      days.back().substr(0, 7) + (rectified ? ", one issued rectification order " + std::to_string(*rectified) : ""));
    return Ok();
  }

 private:
  std::unique_ptr<service::EvaluationService> evaluation_;
  std::unique_ptr<http::EvaluationApi> api_;
};

}  // namespace

std::unique_ptr<Module> EvaluationModule() { return std::make_unique<Evaluation>(); }

}  // namespace huanxin::app
