// Supervision and rectification (issue #14; docs/supervision.md): responsible units, the
// supervisors' roster, inspections with findings, rectification orders with escalation (督办),
// contractors' scores and the lifetime quality register. Uses the calendar (deadlines), the files
// (photos) and the projects and steps of the construction context.
// Demo: on the demo area project (洪都新村片区), a roster like 青云谱's retired workers and party
// members (REFERENCE.md §10), the project's contractor and supervision firm and the water utility
// as responsible units, the last two democratic supervision days (10th, 20th) with action items,
// two inspections with findings, and orders
// in each state: open, replied, closed, one reworked, and one overdue at the street office's level.
#include "app/module.hpp"
#include "app/modules/demo_area_project.hpp"
#include "core/supervision/rectification.hpp"
#include "http/handlers/supervision_handlers.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/project/project_service.hpp"
#include "service/supervision/supervision_service.hpp"

namespace huanxin::app {

namespace {

class Supervision final : public Module {
 public:
  std::string_view name() const override { return "supervision"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::SupervisionSettings settings;
    settings.bureau_escalation_working_days = ctx.config.supervision_bureau_escalation_working_days;
    settings.weights = core::supervision::ScoreWeights{ctx.config.supervision_score_finding_weight,
                                                       ctx.config.supervision_score_overdue_weight,
                                                       ctx.config.supervision_score_rework_weight};
    calendar_ = &ctx.services.Get<service::CalendarService>();
    supervision_ = std::make_unique<service::SupervisionService>(ctx.db, ctx.clock, *calendar_,
                                                                 ctx.services.Get<service::FileService>(), settings);
    api_ = std::make_unique<http::SupervisionApi>(http::SupervisionApi{*supervision_});
    ctx.services.Provide(*supervision_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddSupervisionRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto project = DemoAreaProject(d);
    if (!project) return std::move(project).error();
    auto street = d.users.find("hongdu.street");
    if (!*project || street == d.users.end()) {
      d.lines.push_back("demo supervision: none — no area project or street account");
      return Ok();
    }
    const auto id = (*project)->p.id;
    const auto region = (*project)->p.region_code;
    // The street office's account issues and re-inspects (the tables name a real user).
    service::Actor office = system;
    office.user_id = street->second;
    office.username = "hongdu.street";

    // Responsible units: the project's builder and supervision firm, and the water utility.
    auto view = d.app.services.Get<service::ProjectService>().Get(system, id);
    if (!view) return std::move(view).error();
    std::vector<std::int64_t> units;
    for (const auto& u : view->units) {
      if (u.role != "construction" && u.role != "supervision") continue;
      auto unit = supervision_->AddUnit(system, {region,
                                                 u.company,
                                                 u.role == "construction" ? "contractor" : "supervision_firm",
                                                 u.credit_code,
                                                 u.contact,
                                                 u.phone,
                                                 {}});
      if (!unit) return std::move(unit).error();
      units.push_back(unit->id);
    }
    auto water = supervision_->AddUnit(
        system, {"3601", "南昌水业集团有限责任公司", "utility", "", "客服中心", "0791-96166", {}});
    if (!water) return std::move(water).error();
    units.push_back(water->id);

    // The roster: 青云谱 hired 48 retired workers and party members (REFERENCE.md §10).
    const std::vector<service::SupervisorInput> roster{
        {region, "李建国", "construction_supervisor", "13907001111", "退休职工（原南昌钢铁厂）", std::nullopt, {}, {id}},
        {region, "王秀英", "opinion_observer", "13907002222", "党员", std::nullopt, {}, {id}},
        {region, "张德明", "policy_explainer", "13907003333", "退休教师、党员", std::nullopt, {}, {id}},
        {region, "陈志强", "volunteer", "13907004444", "退休职工", std::nullopt, {}, {id}}};
    for (const auto& s : roster)
      if (auto r = supervision_->AddSupervisor(system, s); !r) return std::move(r).error();

    // Two inspections (the 10th and 20th of the month are the democratic supervision days).
    service::InspectionInput first;
    first.place = "洪都新村 3 栋北侧";
    first.note = "民主监督日巡查";
    first.lat_micro = 28635120;
    first.lng_micro = 115912340;
    first.findings = {{"materials", "进场水泥未见合格证", {}},
                      {"civilised", "施工围挡缺失一段，渣土未覆盖", {}},
                      {"safety", "沟槽边未设警示灯", {}}};
    auto a = supervision_->Inspect(office, id, first);
    if (!a) return std::move(a).error();
    service::InspectionInput second;
    second.place = "洪都新村 5 栋";
    second.note = "民主监督日巡查";
    second.findings = {{"quality", "屋面防水卷材搭接宽度不足", {}}, {"progress", "雨污分流管道铺设滞后于计划", {}}};
    auto b = supervision_->Inspect(office, id, second);
    if (!b) return std::move(b).error();

    // The last two democratic supervision days (the 10th and 20th of each month) up to today.
    const auto today = FormatShanghai(d.app.clock.Now(), 10);
    std::vector<std::string> held;
    if (const auto t = core::calendar::ParseDate(today)) {
      std::chrono::year_month ym{t->year(), t->month()};
      for (int i = 0; i < 4 && held.size() < 2; ++i, ym -= std::chrono::months{1})
        for (unsigned day : {20u, 10u}) {
          const auto on = core::calendar::FormatDate(core::calendar::Date{ym.year(), ym.month(), std::chrono::day{day}});
          if (on <= today && held.size() < 2) held.push_back(on);
        }
    }
    for (const auto& on : held) {
      service::DayInput day{on, "通报施工进度与上期整改落实情况，听取居民代表意见", {"李建国", "王秀英", "张德明", "刘经理", "陈总监"}, {}};
      day.actions.push_back({"落实上次巡查发现的围挡与渣土覆盖问题", "南昌市第三建筑工程有限公司 刘经理", today});
      day.actions.push_back({"在楼道公示下期停水安排", "洪都街道 城建办", today});
      if (auto r = supervision_->AddDay(office, id, day); !r) return std::move(r).error();
    }

    // Orders in each state. The overdue one was issued on paper on the latest day whose deadline
    // puts it at level 1 today.
    std::optional<std::string> overdue_on;
    auto cal = calendar_->Current();
    if (!cal) return std::move(cal).error();
    const auto t = core::calendar::ParseDate(today);
    for (int back = 2; t && back < 20 && !overdue_on; ++back) {
      const core::calendar::Date day{std::chrono::sys_days{*t} - std::chrono::days{back}};
      auto due = core::supervision::DueOn(**cal, day, 2);
      if (!due) continue;
      auto level = core::supervision::LevelOn(**cal, *due, *t, d.app.config.supervision_bureau_escalation_working_days);
      if (level && *level == core::supervision::Level::kStreet) overdue_on = core::calendar::FormatDate(day);
    }
    auto order = [&](std::size_t finding, std::int64_t unit, int days, std::optional<std::string> on) {
      const auto& f = finding < 3 ? a->inspection.findings[finding] : b->inspection.findings[finding - 3];
      service::OrderInput in;
      in.project_id = id;
      in.unit_id = unit;
      in.finding = f.text;
      in.finding_id = f.id;
      in.due_in_working_days = days;
      in.issued_on = std::move(on);
      return supervision_->Issue(office, in);
    };
    int issued = 0;
    auto open = order(0, units.front(), 3, std::nullopt);  // stays open
    if (open) ++issued;
    auto replied = order(1, units.front(), 2, std::nullopt);
    if (replied && supervision_->Reply(system, replied->order.id, {"已补齐围挡并覆盖渣土", {}})) ++issued;
    auto closed = order(2, units.back(), 1, std::nullopt);
    if (closed && supervision_->Reply(system, closed->order.id, {"已设置警示灯", {}}) &&
        supervision_->Recheck(office, closed->order.id, {true, "复查合格", {}}))
      ++issued;
    auto rework = order(3, units.front(), 3, std::nullopt);
    if (rework && supervision_->Reply(system, rework->order.id, {"已返修搭接", {}}) &&
        supervision_->Recheck(office, rework->order.id, {false, "复查仍不合格，搭接宽度不足 100mm，返工", {}}))
      ++issued;
    if (overdue_on) {
      auto late = order(4, units.front(), 2, overdue_on);
      if (late && supervision_->Order(system, late->order.id)) ++issued;  // the read records level 1
    }
    d.lines.push_back("demo supervision: " + (*project)->p.name + " — " + std::to_string(roster.size()) + " supervisors, " +
                      std::to_string(units.size()) + " responsible units, " + std::to_string(held.size()) +
                      " supervision days, 2 inspections, " + std::to_string(issued) +
                      " rectification orders");
    return Ok();
  }

 private:
  service::CalendarService* calendar_ = nullptr;
  std::unique_ptr<service::SupervisionService> supervision_;
  std::unique_ptr<http::SupervisionApi> api_;
};

}  // namespace

std::unique_ptr<Module> SupervisionModule() { return std::make_unique<Supervision>(); }

}  // namespace huanxin::app
