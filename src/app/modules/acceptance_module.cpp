// Acceptance and warranty (issue #14; docs/acceptance.md): household acceptance with residents'
// signatures, completion acceptance with its scored checklist and punch list, the handover, the
// permanent sign, the warranty clocks, and the routing of warranty-defect tickets (installed into
// the ticket service, so this module comes after the ticket module). Uses the files (signatures),
// the projects and the construction seasons (heating warranty).
// Demo: an estate project of 洪都街道 renovated two years ago (roof waterproofing, external walls,
// power and water pipes) and accepted then, with its participants, the scored checklist, a waived
// punch entry, household acceptances (three signed, one refused) and the handover — so its roof
// and walls are under warranty and its pipes are not.
#include <chrono>
#include <tuple>

#include "app/module.hpp"
#include "core/calendar/work_calendar.hpp"
#include "http/handlers/acceptance_handlers.hpp"
#include "service/acceptance/acceptance_service.hpp"
#include "service/file/file_service.hpp"
#include "service/project/pool_service.hpp"
#include "service/project/project_service.hpp"
#include "service/register/register_service.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::app {

namespace {

// A 1×1 PNG (IHDR, IDAT, IEND): the demo's stand-in for a signature drawn on the phone.
std::string DemoSignaturePng() {
  static const char kBytes[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01"
      "\x08\x00\x00\x00\x00\x3a\x7e\x9b\x55\x00\x00\x00\x0a\x49\x44\x41\x54\x78\x9c\x63\x68\x00\x00\x00"
      "\x82\x00\x81\x77\xcd\x72\xb6\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
  return std::string(kBytes, sizeof kBytes - 1);
}

class Acceptance final : public Module {
 public:
  std::string_view name() const override { return "acceptance"; }

  Result<void> Wire(ModuleContext& ctx) override {
    acceptance_ = std::make_unique<service::AcceptanceService>(ctx.db, ctx.clock, ctx.services.Get<service::FileService>());
    // Warranty defects go by the warranty clock (issue #14): the ticket service asks this context.
    ctx.services.Get<service::TicketService>().SetDefectRouter(
        [svc = acceptance_.get()](store::Session& s, std::int64_t estate_id, const std::string& item, TimePoint now) {
          return svc->RouteDefect(s, estate_id, item, now);
        });
    api_ = std::make_unique<http::AcceptanceApi>(http::AcceptanceApi{*acceptance_});
    ctx.services.Provide(*acceptance_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddAcceptanceRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto& projects = d.app.services.Get<service::ProjectService>();
    auto pool = d.app.services.Get<service::PoolService>().Pool(system, std::string("360104002"));
    if (!pool) return std::move(pool).error();
    if (pool->items.size() < 5) {
      d.lines.push_back("demo acceptance: none — fewer than 5 estates in 洪都街道");
      return Ok();
    }
    const auto& estate = pool->items.back().estate;
    const int year = ShanghaiYear(d.app.clock.Now()) - 2;
    auto created = projects.Create(system, {estate.name + "改造（已竣工）", "estate", "360104002", year, {estate.estate_id}});
    if (!created) {
      d.lines.push_back("demo acceptance: none — " + created.error().reason);
      return Ok();
    }
    const auto id = created->project.id;
    for (auto [role, unit] : {std::pair{"design", service::UnitInput{"江西省城乡规划设计研究院", "", "王工", "0791-88881234"}},
                              {"construction", service::UnitInput{"南昌市第三建筑工程有限公司", "", "刘经理", "13807001234"}},
                              {"supervision", service::UnitInput{"江西中昌工程咨询监理有限公司", "", "陈总监", "13907005678"}}})
      if (auto r = projects.PutUnit(system, id, role, unit); !r) return std::move(r).error();
    // The project's file and gates as they were walked in its year (core/project/gates.hpp): that
    // year's plan, the budget of the four items accepted below, a document at every gate, up to
    // `completed`; acceptance and handover below take it to `handed_over`.
    if (auto plan = projects.CreatePlan(system, {"360104", year, 8, 1200}); !plan && plan.error().code != ErrorCode::kConflict)
      return std::move(plan).error();
    using Line = std::tuple<const char*, const char*, std::int64_t, std::int64_t>;  // code, what, quantity ×100, fen
    for (auto [code, what, quantity_centi, fen] :
         {Line{"B12", "屋面防水 3 200 平方米", 320000, 96'000'000LL}, {"B13", "外墙涂料 9 800 平方米", 980000, 78'400'000LL},
          Line{"B03", "楼道线路规整与照明 5 栋", 500, 21'600'000LL}, {"B01", "供水管道更新 1 600 米", 160000, 40'000'000LL}}) {
      service::BudgetLineInput line;
      line.item_code = code;
      line.description = what;
      line.quantity_centi = quantity_centi;
      line.unit_price_fen = fen * 100 / quantity_centi;
      line.budget_fen = std::optional<std::int64_t>(fen);
      line.contract_fen = std::optional<std::int64_t>(fen - fen / 50);
      if (auto r = projects.AddBudgetLine(system, id, line); !r) return std::move(r).error();
    }
    const auto y = std::to_string(year);
    using Gate = std::tuple<const char*, const char*, std::string, const char*>;
    for (const auto& [kind, title, reference, to] :
         {Gate{"willingness_consent", "改造意愿征询结果", "入户征询，同意率 91%", "planned"},
          {"joint_review_opinion", "青云谱区老旧小区改造项目联合审查意见", "青住建联审〔" + y + "〕7号", "approved"},
          {"construction_design", "施工图设计文件", "施工图审查合格书 QYP-" + y + "-018", "designed"},
          {"tender_result", "中标通知书", "公开招标，3 家投标", "tendered"},
          {"construction_permit", "建筑工程施工许可证", "360104" + y + "0309", "permitted"},
          {"start_order", "开工令", "监理签发", "started"},
          {"completion_report", "竣工报告", "施工单位提交，监理审核", "completed"}}) {
      if (auto r = projects.AddDocument(system, id, {kind, title, reference}); !r) return std::move(r).error();
      if (auto r = projects.Transition(system, id, to); !r) return std::move(r).error();
    }

    // Household acceptance of the new windows: three signed, one refused (it goes on the punch list).
    auto dwellings = d.app.services.Get<service::RegisterService>().ListEstateDwellings(system, estate.estate_id);
    if (!dwellings) return std::move(dwellings).error();
    int households = 0;
    for (std::size_t i = 0; i < dwellings->size() && i < 4; ++i) {
      service::HouseholdAcceptanceInput in{"windows", i == 3 ? "refused" : "accepted", std::nullopt,
                                           i == 3 ? "北侧卧室窗框与墙体间有缝隙，下雨渗水" : ""};
      if (i < 3) {
        auto sig = acceptance_->UploadSignature(system, id, "签名.png", DemoSignaturePng());
        if (!sig) return std::move(sig).error();
        in.signature_file_id = sig->id;
      }
      auto h = acceptance_->PutHousehold(system, id, (*dwellings)[i].dwelling.id, in);
      if (!h) return std::move(h).error();
      ++households;
    }

    // Completion acceptance two years ago (the clocks start then): the refusal waived with the
    // resident's agreement after a repair offer, one site entry resolved.
    const auto now = std::chrono::floor<std::chrono::days>(d.app.clock.Now() + kShanghaiOffset);
    const core::calendar::Date today{now};
    const core::calendar::Date on{today.year() - std::chrono::years{2}, std::chrono::November, std::chrono::day{20}};
    auto view = acceptance_->Get(system, id);
    if (!view) return std::move(view).error();
    service::AcceptanceInput in;
    in.on = core::calendar::FormatDate(on);
    in.participants = {{"client", "洪都街道办事处（建设单位）", "李主任"},
                       {"design", "江西省城乡规划设计研究院", "王工"},
                       {"construction", "南昌市第三建筑工程有限公司", "刘经理"},
                       {"supervision", "江西中昌工程咨询监理有限公司", "陈总监"},
                       {"resident_representative", "居民代表 张德明、王秀英", ""},
                       {"street", "洪都街道城建办", "赵科长"},
                       {"owners_committee", estate.name + "业主委员会", "孙主任"},
                       {"property_company", "南昌洪城物业服务有限公司", "钱经理"}};
    in.checklist = {{"B12", {{"方案", 5}, {"屋面防水质量", 4}, {"竣工资料", 5}}},
                    {"B13", {{"方案", 5}, {"外墙涂料质量", 4}, {"竣工资料", 4}}},
                    {"B03", {{"方案", 4}, {"线路敷设质量", 5}, {"竣工资料", 4}}},
                    {"B01", {{"方案", 4}, {"管道安装质量", 4}, {"竣工资料", 5}}}};
    for (const auto& p : view->punch_list)
      in.punch_list.push_back({p.id, "", "waived", "住户同意由物业在保修期内跟进维修，不影响竣工验收（验收会议纪要第3条）"});
    in.punch_list.push_back({std::nullopt, "5栋东侧雨水篦子缺失", "resolved", ""});
    in.note = "各方一致同意通过竣工验收";
    auto accepted = acceptance_->Accept(system, id, in);
    if (!accepted) return std::move(accepted).error();
    const core::calendar::Date handed{std::chrono::sys_days{on} + std::chrono::days{10}};
    auto handover = acceptance_->Handover(system, id, {core::calendar::FormatDate(handed), "南昌洪城物业服务有限公司",
                                                       "街道组织业委会、物业、居民代表和施工单位联合查验后移交"});
    if (!handover) return std::move(handover).error();
    for (const char* to : {"accepted", "handed_over"})
      if (auto r = projects.Transition(system, id, to); !r) return std::move(r).error();
    d.lines.push_back("demo acceptance: " + created->project.name + " accepted on " + in.on + ", " + std::to_string(households) +
                      " household acceptances (1 refused, waived), handed over");
    return Ok();
  }

 private:
  std::unique_ptr<service::AcceptanceService> acceptance_;
  std::unique_ptr<http::AcceptanceApi> api_;
};

}  // namespace

std::unique_ptr<Module> AcceptanceModule() { return std::make_unique<Acceptance>(); }

}  // namespace huanxin::app
