// The consultation context (issue #5): menus from the catalogue, owner decisions under Art. 278,
// rounds, ballots, receipts, follow-ups, lift cost sharing. Demo: a two-round consultation in the
// first estate of 洪都街道, follow-ups assigned to the grid worker, and a ballot code for the
// resident page.
#include "app/module.hpp"
#include "http/handlers/consultation_handlers.hpp"
#include "service/catalogue/catalogue_service.hpp"
#include "service/consultation/consultation_documents.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/file/file_service.hpp"
#include "service/register/register_service.hpp"

namespace huanxin::app {

namespace {

namespace cs = core::consult;

class Consultation final : public Module {
 public:
  std::string_view name() const override { return "consultation"; }

  Result<void> Wire(ModuleContext& ctx) override {
    consult_ = std::make_unique<service::ConsultationService>(ctx.db, ctx.clock, ctx.services.Get<service::CatalogueService>(),
                                                              ctx.services.Get<service::FileService>(),
                                                              HeadcountReadingOf(ctx.config));
    documents_ = std::make_unique<service::ConsultationDocuments>(*consult_, ctx.clock);
    api_ = std::make_unique<http::ConsultationApi>(
        http::ConsultationApi{*consult_, *documents_, ctx.config.public_url, ctx.config.secure_cookie});
    ctx.services.Provide(*consult_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddConsultationRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override;

 private:
  std::unique_ptr<service::ConsultationService> consult_;
  std::unique_ptr<service::ConsultationDocuments> documents_;
  std::unique_ptr<http::ConsultationApi> api_;
};

// The demo consultation the way a street office runs one: 11 menu items plus a lift for one
// stairwell; round 1 with some items short of 2/3, a targeted round 2 on them. Choices are
// deterministic: dwelling k agrees unless (k + item) hits a holdout pattern.
Result<void> Consultation::LoadDemo(DemoContext& d) {
  if (!d.first_load) return Ok();
  auto& ctx = d.app;
  auto& consult = *consult_;
  auto& reg = ctx.services.Get<service::RegisterService>();
  const auto system = service::Actor::System("demo");
  service::EstateQuery q;
  q.region_code = "360104002";
  q.page_size = 1;
  auto first = reg.ListEstates(system, q);
  if (!first) return std::move(first).error();
  if (first->first.empty()) return Ok();
  const auto estate = first->first.front().estate.id;
  auto buildings = reg.ListBuildings(system, estate);
  if (!buildings) return std::move(buildings).error();
  service::ConsultationInput in;
  in.estate_id = estate;
  in.title = "2026年老旧小区改造内容征询";
  in.kind = "menu";
  // Menu items pass with ≥ 2/3 of the owners and of the area (a common willingness rule).
  cs::CustomRule two_thirds;
  two_thirds.area_threshold = cs::Fraction{2, 3};
  const std::pair<const char*, const char*> menu[] = {
      {"B01", "供水管网改造"}, {"B02", "雨污分流改造"}, {"B03", "供电线路改造"},      {"B05", "小区道路修复"},
      {"B08", "消防设施更新"}, {"B10", "公共照明"},     {"B12", "屋面防水"},          {"B13", "外墙修缮"},
      {"I05", "停车位改造"},   {"I06", "电动自行车充电棚"}, {"I03", "健身设施与口袋公园"}};
  for (const auto& [code, title] : menu) in.items.push_back({title, std::string(code), two_thirds, "estate", {}, {}});
  if (!buildings->empty())
    in.items.push_back({"加装电梯（" + buildings->front().number + "号楼1单元）", std::string("I08"), cs::Art278Rule{7},
                        "stairwell", buildings->front().id, 1});
  auto created = consult.Create(system, in);
  if (!created) return std::move(created).error();
  auto id = created->c.id;
  if (auto r = consult.Open(system, id); !r) return std::move(r).error();
  auto sheets = consult.BallotSheets(system, id, std::nullopt);
  if (!sheets) return std::move(sheets).error();
  std::vector<store::VoterDwelling> dwellings;
  for (const auto& sh : *sheets) dwellings.push_back(sh.dwelling);
  std::sort(dwellings.begin(), dwellings.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const auto& items = created->items;
  std::int64_t ballots = 0;
  auto cast = [&](std::size_t k, const std::vector<std::pair<std::int64_t, cs::Choice>>& choices, const char* channel) -> Result<void> {
    if (choices.empty()) return Ok();
    service::BallotInput b;
    b.choices = choices;
    b.channel = channel;
    b.apply_to_owner_dwellings = true;  // the demo's owners with two flats vote alike
    auto r = consult.CastBallot(system, id, dwellings[k].id, b);
    if (!r) return std::move(r).error();
    ++ballots;
    return Ok();
  };
  // Round 1: 85 % take part; items 9–11 (parking, charging, fitness) split the residents.
  for (std::size_t k = 0; k < dwellings.size(); ++k) {
    if (k % 7 == 6) continue;  // not reached
    std::vector<std::pair<std::int64_t, cs::Choice>> choices;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i].item;
      if (item.scope_type == "stairwell" && (dwellings[k].building_id != *item.building_id || dwellings[k].stairwell != 1))
        continue;
      auto choice = cs::Choice::kAgree;
      if (i >= 8 && i <= 10 && k % 3 != 0) choice = k % 3 == 1 ? cs::Choice::kDisagree : cs::Choice::kAbstain;
      if (i == 11 && dwellings[k].floor <= 2) choice = cs::Choice::kDisagree;  // low floors and the lift
      choices.emplace_back(item.id, choice);
    }
    if (auto r = cast(k, choices, k % 2 ? "paper" : "door"); !r) return r;
  }
  // Round 2: the second team visits the holdouts on the three short items.
  std::vector<std::int64_t> short_items;
  for (std::size_t i = 8; i <= 10 && i < items.size(); ++i) short_items.push_back(items[i].item.id);
  if (auto r = consult.AddRound(system, id, short_items, std::nullopt); !r) return std::move(r).error();
  for (std::size_t k = 0; k < dwellings.size(); ++k) {
    if (k % 3 == 0 || k % 5 == 4 || k % 7 == 6) continue;  // agreed already, not persuaded, or not reached yet
    std::vector<std::pair<std::int64_t, cs::Choice>> choices;
    for (auto item : short_items) choices.emplace_back(item, cs::Choice::kAgree);
    if (auto r = cast(k, choices, "door"); !r) return r;
  }
  // The grid worker's follow-ups: the dwellings round 2 has not won over yet.
  std::string followups;
  if (auto it = d.users.find("grid.worker"); it != d.users.end()) {
    auto rows = consult.Followups(system, id, {});
    if (!rows) return std::move(rows).error();
    std::vector<std::int64_t> ids;
    for (const auto& r : *rows)
      if (ids.size() < 12) ids.push_back(r.dwelling.id);
    if (!ids.empty()) {
      auto n = consult.Assign(system, id, ids, it->second);
      if (!n) return std::move(n).error();
      followups = ", " + std::to_string(*n) + " follow-ups for grid.worker";
    }
  }
  // A code the resident page can open: a dwelling that has not voted in this round.
  std::string code;
  for (const auto& sh : *sheets) {
    auto v = consult.LookupCode(sh.code);
    if (v && !v->used) {
      code = sh.code;
      break;
    }
  }
  d.lines.push_back("demo consultation: 1 (two rounds, " + std::to_string(ballots) + " ballots" + followups + ")" +
                    (code.empty() ? "" : "; resident ballot page: " + service::ConsultationService::ResidentBallotUrl("", code)));
  return Ok();
}

}  // namespace

std::unique_ptr<Module> ConsultationModule() { return std::make_unique<Consultation>(); }

}  // namespace huanxin::app
