// Projects and money (docs/project.md): annual plans, projects with their gates and documents,
// units, budget and the funding ledger. The demo county gets a year's plan and projects at several
// gates.
#include "app/module.hpp"
#include "http/handlers/project_handlers.hpp"
#include "http/handlers/project_pool_handlers.hpp"
#include "service/project/pool_service.hpp"
#include "service/project/project_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::app {

namespace {

class Project final : public Module {
 public:
  std::string_view name() const override { return "project"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::ProjectPolicy policy;
    policy.eligibility = ctx.services.Get<service::RegisterService>().policy();
    policy.gates.require_willingness_consent = ctx.config.project_require_willingness_consent;
    policy.separate_material_supplier = ctx.config.project_separate_material_supplier;
    projects_ = std::make_unique<service::ProjectService>(ctx.db, ctx.clock, ctx.services.Get<service::FileService>(),
                                                          policy);
    pool_ = std::make_unique<service::PoolService>(ctx.db, ctx.clock, policy.eligibility, core::project::PoolWeights{ctx.config.project_pool_weight_safety, ctx.config.project_pool_weight_age,
                                  ctx.config.project_pool_weight_willingness, ctx.config.project_pool_weight_elderly});
    api_ = std::make_unique<http::ProjectApi>(http::ProjectApi{*projects_});
    pool_api_ = std::make_unique<http::PoolApi>(http::PoolApi{*pool_});
    ctx.services.Provide(*projects_);
    ctx.services.Provide(*pool_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddProjectRoutes(routes, workbench, *api_);
    http::AddPoolRoutes(routes, *pool_api_);
  }

  Result<void> LoadDemo(DemoContext& d) override;

 private:
  std::unique_ptr<service::ProjectService> projects_;
  std::unique_ptr<service::PoolService> pool_;
  std::unique_ptr<http::ProjectApi> api_;
  std::unique_ptr<http::PoolApi> pool_api_;
};

// The demo county's year (REFERENCE.md §10 figures for scale): a plan for 青云谱区, an area project
// of 洪都街道's three most urgent estates already started (documents at every gate, units, a budget
// like seed 004's estate — roads, pipes, parking, fitness — funds from four sources, the 800-yuan
// water-meter bills half paid), an estate project of 京山街道 planned, one estate in reserve, and two
// idle spaces on the resource list.
Result<void> Project::LoadDemo(DemoContext& d) {
  if (!d.first_load) return Ok();
  const auto system = service::Actor::System("demo");
  const int year = ShanghaiYear(d.app.clock.Now());
  const std::string today = FormatShanghai(d.app.clock.Now(), 10);
  auto plan = projects_->CreatePlan(system, {"360104", year, 12, 2400});
  if (!plan) return std::move(plan).error();
  auto hongdu = pool_->Pool(system, std::string("360104002"));
  if (!hongdu) return std::move(hongdu).error();
  auto jingshan = pool_->Pool(system, std::string("360104006"));
  if (!jingshan) return std::move(jingshan).error();
  if (hongdu->items.size() < 4 || jingshan->items.empty()) return Ok();  // a trimmed demo register

  // 1. The area project, walked to `started`.
  service::ProjectInput area{"洪都街道洪都新村片区老旧小区改造", "area", "360104002", year, {}};
  for (std::size_t i = 0; i < 3; ++i) area.estate_ids.push_back(hongdu->items[i].estate.estate_id);
  auto a = projects_->Create(system, area);
  if (!a) return std::move(a).error();
  const auto id = a->project.id;
  auto doc = [&](const char* kind, std::string title, std::string reference) -> Result<void> {
    auto r = projects_->AddDocument(system, id, {kind, std::move(title), std::move(reference)});
    if (!r) return std::move(r).error();
    return Ok();
  };
  auto step = [&](const char* to) -> Result<void> {
    auto r = projects_->Transition(system, id, to);
    if (!r) return std::move(r).error();
    return Ok();
  };
  struct Line {
    const char* code;
    const char* description;
    std::int64_t quantity_centi, unit_price_fen, budget_fen, contract_fen;
  };
  const Line lines[] = {
      {"B05", "小区道路沥青罩面 8 500 平方米", 850000, 12000, 99'800'000, 97'650'000},
      {"B01", "供水、供电、燃气管线 12 000 米（综合改一次，同沟敷设）", 1200000, 15000, 178'000'000, 175'200'000},
      {"I05", "新增停车位 50 个", 5000, 300000, 15'000'000, 14'600'000},
      {"I03", "健身器材 30 件及两处小广场", 3000, 500000, 14'800'000, 14'750'000},
  };
  std::vector<std::int64_t> line_ids;
  for (const auto& l : lines) {
    service::BudgetLineInput in;
    in.item_code = l.code;
    in.description = l.description;
    in.quantity_centi = l.quantity_centi;
    in.unit_price_fen = l.unit_price_fen;
    in.budget_fen = std::optional<std::int64_t>(l.budget_fen);
    in.contract_fen = std::optional<std::int64_t>(l.contract_fen);
    auto r = projects_->AddBudgetLine(system, id, in);
    if (!r) return std::move(r).error();
    line_ids.push_back(r->id);
  }
  for (auto r : {doc("willingness_consent", "改造意愿征询结果（三个小区）", "第二轮入户征询，同意率 93%"), step("planned"),
                 doc("joint_review_opinion", "青云谱区老旧小区改造项目联合审查意见", "青住建联审〔" + std::to_string(year) + "〕12号"),
                 step("approved"), doc("construction_design", "施工图设计文件", "施工图审查合格书 QYP-" + std::to_string(year) + "-031")})
    if (!r) return r;
  const service::UnitInput design{"江西省城乡规划设计研究院", "", "王工", "0791-88881234"};
  const service::UnitInput builder{"南昌市第三建筑工程有限公司", "", "刘经理", "13807001234"};
  const service::UnitInput supervisor{"江西中昌工程咨询监理有限公司", "", "陈总监", "13907005678"};
  const service::UnitInput material{"南昌建材供应有限公司", "", "周经理", "13607009012"};
  for (auto [role, unit] : {std::pair{"design", &design}, {"construction", &builder}, {"supervision", &supervisor},
                            {"material", &material}})
    if (auto r = projects_->PutUnit(system, id, role, *unit); !r) return std::move(r).error();
  for (auto r : {step("designed"), doc("tender_result", "中标通知书", "公开招标，4 家投标"), step("tendered"),
                 doc("construction_permit", "建筑工程施工许可证", "360104" + std::to_string(year) + "0412"), step("permitted"),
                 doc("start_order", "开工令", "监理签发"), step("started")})
    if (!r) return r;
  service::ChangeOrderInput change{line_ids[1], 2'400'000, "燃气立管位置调整，增加管线 160 米", "区住建局", today};
  if (auto r = projects_->AddChangeOrder(system, id, change); !r) return std::move(r).error();
  struct Fund {
    const char* source;
    const char* kind;
    std::int64_t fen;
    const char* note;
  };
  const Fund funds[] = {
      {"central_subsidy", "committed", 150'000'000, "中央财政城镇保障性安居工程补助资金"},
      {"central_subsidy", "received", 150'000'000, ""},
      {"central_subsidy", "paid", 90'000'000, "进度款（第一期）"},
      {"provincial", "committed", 60'000'000, ""},
      {"provincial", "received", 60'000'000, ""},
      {"local_fiscal", "committed", 70'000'000, "区级配套"},
      {"local_fiscal", "received", 40'000'000, ""},
      {"local_fiscal", "paid", 30'000'000, ""},
      {"utility", "committed", 25'000'000, "燃气、供水企业出资（户表改造）"},
  };
  for (const auto& f : funds)
    if (auto r = projects_->AddFund(system, id, {f.source, f.kind, today, f.note, f.fen}); !r) return std::move(r).error();
  auto bills = pool_->IssueBills(system, id, "户表改造居民出资", 80000);  // 800 yuan per household (Chengdu)
  if (!bills) return std::move(bills).error();
  auto page = pool_->Bills(system, id, std::nullopt, 1, 500);
  if (!page) return std::move(page).error();
  for (std::size_t i = 0; i < page->items.size(); i += 2)
    if (auto r = pool_->PayBill(system, id, page->items[i].id, today); !r) return std::move(r).error();
  auto resource = pool_->AddResource(system, area.estate_ids[0],
                                     {"废弃蓄水池及周边空地，拟改为儿童游乐的口袋公园", "业主共有", "pocket_park", "checkup", 32000});
  if (!resource) return std::move(resource).error();
  if (auto r = pool_->TakeUpResource(system, id, resource->id); !r) return std::move(r).error();
  if (auto r = pool_->AddResource(system, area.estate_ids[1], {"闲置门球场", "原单位产权", "parking", "staff", 45000}); !r)
    return std::move(r).error();

  // 2. An estate project of 京山街道 in the plan; 3. one estate of 洪都 in the reserve.
  auto b = projects_->Create(system, {"京山街道" + jingshan->items[0].estate.name + "改造", "estate", "360104006", year,
                                      {jingshan->items[0].estate.estate_id}});
  if (!b) return std::move(b).error();
  if (auto r = projects_->AddDocument(system, b->project.id, {"willingness_consent", "改造意愿征询结果", "同意率 88%"}); !r)
    return std::move(r).error();
  if (auto r = projects_->Transition(system, b->project.id, "planned"); !r) return std::move(r).error();
  if (auto r = projects_->AddFund(system, b->project.id, {"special_bond", "committed", today, "", 120'000'000}); !r)
    return std::move(r).error();
  auto c = projects_->Create(system, {hongdu->items[3].estate.name + "改造（储备）", "estate", "360104002", year,
                                      {hongdu->items[3].estate.estate_id}});
  if (!c) return std::move(c).error();
  d.lines.push_back("demo projects: a " + std::to_string(year) + " plan for 青云谱区, an area project of 3 estates started (" +
                    std::to_string(bills->issued) + " water-meter bills, half paid), one planned, one in reserve");
  return Ok();
}

}  // namespace

std::unique_ptr<Module> ProjectModule() { return std::make_unique<Project>(); }

}  // namespace huanxin::app
