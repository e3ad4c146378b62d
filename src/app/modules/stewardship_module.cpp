// Long-term management (长效管理; issue #15; docs/stewardship.md): the management mode of estates
// chosen by owners' votes, committees, property contracts, fee bills and payments, the "三个一点"
// fee sources, the maintenance fund and utility transfers. Uses the consultation service (votes).
// Demo: three estates of 洪都街道 that finished renovation vote in a property company (0.40–0.50
// yuan/m²/month, as 青云谱 did; REFERENCE.md §4.5), elect an owners' committee and approve a use of
// the maintenance fund; each gets a contract, three months of bills, payments (about nine in ten),
// fee-source entries, an initial fund deposit and its use, and the utility transfers; one estate
// manages itself, one has a 红色管家.
#include <algorithm>

#include "app/module.hpp"
#include "core/consultation/rules.hpp"
#include "http/handlers/stewardship_handlers.hpp"
#include "service/consultation/consultation_service.hpp"
#include "service/project/pool_service.hpp"
#include "service/project/project_service.hpp"
#include "service/portal/portal_service.hpp"
#include "service/stewardship/stewardship_service.hpp"

namespace huanxin::app {

namespace {

namespace cs = core::consult;

// The last `n` months before the Beijing month of `now`, oldest first ("2026-09", …).
std::vector<std::string> LastMonths(TimePoint now, int n) {
  const auto ym = FormatShanghai(now, 7);
  int year = std::stoi(ym.substr(0, 4)), month = std::stoi(ym.substr(5, 2));
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    if (--month == 0) {
      month = 12;
      --year;
    }
    out.insert(out.begin(), std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month));
  }
  return out;
}

class Stewardship final : public Module {
 public:
  std::string_view name() const override { return "stewardship"; }

  Result<void> Wire(ModuleContext& ctx) override {
    consultations_ = &ctx.services.Get<service::ConsultationService>();
    stewardship_ = std::make_unique<service::StewardshipService>(ctx.db, ctx.clock, *consultations_,
                                                                 ctx.config.stewardship_initial_fund_yuan_per_m2);
    api_ = std::make_unique<http::StewardshipApi>(http::StewardshipApi{*stewardship_});
    ctx.services.Provide(*stewardship_);
    // The public portal's account of an estate shows its management (issue #15): only the
    // non-personal summary, read from this database (the portal's answers are reused until the
    // next write, so the provider must read nothing from outside it).
    ctx.services.Get<service::PortalService>().SetManagementProvider(
        [s = stewardship_.get()](std::int64_t estate_id) -> std::optional<service::PublicManagement> {
          auto m = s->PublicSummary(estate_id);
          if (!m || !m->mode) return std::nullopt;
          service::PublicManagement p;
          p.mode = *m->mode;
          if (!m->company.empty()) p.company = m->company;
          p.fee_fen_per_m2_month = m->fee_fen_per_m2;
          p.contract_start = m->term_start;
          p.contract_end = m->term_end;
          if (m->billed_fen > 0) p.collection_rate = m->collection_rate;
          p.fund_balance_fen = m->fund_balance_fen;
          return p;
        });
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddStewardshipRoutes(routes, workbench, *api_);
  }

  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto pool = d.app.services.Get<service::PoolService>().Pool(system, std::string("360104002"));
    if (!pool) return std::move(pool).error();
    // The pool's 洪都 estates, then the estates of its handed-over projects (the acceptance demo's
    // 电机厂花园, handed to 南昌洪城物业 and so the first below): "不但改造好，更要服务好" starts
    // with the estates finished before.
    struct Pick {
      std::int64_t estate_id;
      std::string name;
    };
    std::vector<Pick> items;
    for (const auto& e : pool->items) items.push_back({e.estate.estate_id, e.estate.name});
    auto& projects = d.app.services.Get<service::ProjectService>();
    auto done = projects.List(system, {std::string("360104002"), std::string("handed_over"), std::nullopt, 1, 100});
    if (!done) return std::move(done).error();
    for (const auto& p : done->items) {
      auto v = projects.Get(system, p.p.id);
      if (!v) return std::move(v).error();
      for (const auto& e : v->estates) items.push_back({e.estate.estate_id, e.estate.name});
    }
    if (items.size() < 6) {
      d.lines.push_back("demo stewardship: none — fewer than 6 estates in 洪都街道");
      return Ok();
    }
    struct Company {
      const char* name;
      const char* uscc;
      std::int64_t fee_fen;
    };
    const Company companies[] = {{"南昌洪城物业服务有限公司", "91360104MA35XXXX1A", 45},
                                 {"江西青云物业管理有限公司", "91360104MA35XXXX2B", 40},
                                 {"南昌万家安居物业服务有限公司", "", 50}};
    const auto months = LastMonths(d.app.clock.Now(), 3);
    const auto today = FormatShanghai(d.app.clock.Now(), 10);
    std::int64_t bills = 0, payments = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      const auto& estate = items[items.size() - 1 - k];
      const auto& company = companies[k];
      auto vote = Vote(system, estate.estate_id, estate.name, company.name);
      if (!vote) return std::move(vote).error();
      service::ManagementInput mode{"property_company", *vote, std::string(company.name), company.fee_fen};
      if (auto r = stewardship_->SetMode(system, estate.estate_id, mode); !r) return std::move(r).error();
      service::CommitteeInput committee{"owners_committee", today, NextYears(today, 5), *vote,
                                        {{"孙建国", "主任", std::string("13907001111")},
                                         {"周丽华", "副主任", std::nullopt},
                                         {"吴志强", "委员", std::nullopt},
                                         {"郑秀兰", "委员", std::nullopt},
                                         {"王德明", "委员", std::nullopt}}};
      if (auto r = stewardship_->PutCommittee(system, estate.estate_id, committee); !r) return std::move(r).error();
      service::ContractInput contract{company.name, company.uscc, months.front() + "-01", NextYears(months.front() + "-01", 3),
                                      company.fee_fen, "monthly",
                                      {"公共区域保洁", "绿化养护", "秩序维护（门岗）", "共用设施设备日常维修", "垃圾清运"}};
      if (auto r = stewardship_->PutContract(system, estate.estate_id, contract); !r) return std::move(r).error();
      for (const auto& month : months) {
        auto run = stewardship_->RunBills(system, estate.estate_id, month);
        if (!run) return std::move(run).error();
        bills += run->created;
      }
      // About nine in ten pay in full; one in sixteen pays half; the rest owe.
      auto fees = stewardship_->Fees(system, estate.estate_id, "");
      if (!fees) return std::move(fees).error();
      for (std::size_t i = 0; i < fees->items.size(); ++i) {
        const auto& b = fees->items[i];
        std::int64_t amount = i % 8 != 0 ? b.amount_fen : (i % 16 == 0 ? b.amount_fen / 2 : 0);
        if (amount <= 0) continue;
        if (auto r = stewardship_->Pay(system, estate.estate_id, {b.id, amount, today}); !r) return std::move(r).error();
        ++payments;
      }
      // "三个一点": the street's reward, the parking and advertising income, the residents' fees.
      for (auto [source, amount, note] : {std::tuple{"government_reward", std::int64_t{3000000}, "街道物业扶持奖补（首年）"},
                                          {"market_income", std::int64_t{860000}, "停车位与电梯广告公共收益"},
                                          {"resident_fees", fees->paid_fen, "居民缴纳物业费（近三个月）"}})
        if (amount > 0)
          if (auto r = stewardship_->AddFeeSource(system, estate.estate_id, {source, today, note, amount}); !r) return std::move(r).error();
      // The maintenance fund: the initial deposit (the minimum plus a little) and one approved use.
      auto view = stewardship_->Get(system, estate.estate_id);
      if (!view) return std::move(view).error();
      if (view->fund.entries.empty() && view->fund.initial_minimum_fen > 0) {
        const auto deposit = view->fund.initial_minimum_fen + 500000;
        if (auto r = stewardship_->AddFundEntry(system, estate.estate_id, {"initial", today, "首期归集（每平方米不少于5元）", deposit, std::nullopt});
            !r)
          return std::move(r).error();
        if (auto r = stewardship_->AddFundEntry(system, estate.estate_id, {"use", today, "更换单元门禁系统", 480000, *vote}); !r)
          return std::move(r).error();
      }
      for (auto [network, status, utility] : {std::tuple{"water", "transferred", "南昌水业集团"},
                                              {"power", "agreed", "国网南昌供电公司"},
                                              {"gas", "pending", ""}}) {
        service::UtilityTransferInput in{status, std::string(status) == "pending" ? std::nullopt : std::optional<std::string>(today),
                                         utility, std::string(status) == "transferred" ? *vote : std::optional<std::int64_t>()};
        if (auto r = stewardship_->PutUtilityTransfer(system, estate.estate_id, network, in); !r) return std::move(r).error();
      }
    }
    // Where no company would come: self-management with a property management committee, and a
    // party-led 红色管家.
    const auto& self = items[items.size() - 4];
    if (auto r = stewardship_->SetMode(system, self.estate_id, {"self_management", std::nullopt, std::nullopt, std::int64_t{20}}); !r)
      return std::move(r).error();
    if (auto r = stewardship_->PutCommittee(system, self.estate_id,
                                            {"management_committee", today, NextYears(today, 3), std::nullopt,
                                             {{"社区党委 刘书记", "主任", std::nullopt}, {"居民代表 陈玉梅", "委员", std::nullopt}}});
        !r)
      return std::move(r).error();
    const auto& red = items[items.size() - 5];
    if (auto r = stewardship_->SetMode(system, red.estate_id, {"red_steward", std::nullopt, std::string("社区红色物业服务站"), std::int64_t{25}});
        !r)
      return std::move(r).error();
    d.lines.push_back("demo stewardship: 3 estates with a property company by owners' vote, " + std::to_string(bills) + " bills, " +
                      std::to_string(payments) + " payments; 1 self-managed, 1 红色管家");
    return Ok();
  }

 private:
  // 'YYYY-MM-DD' n years on (29 February → 28 February).
  static std::string NextYears(const std::string& day, int n) {
    const std::string rest = day.substr(4) == "-02-29" ? "-02-28" : day.substr(4);
    return std::to_string(std::stoi(day.substr(0, 4)) + n) + rest;
  }

  // An owners' assembly of the estate (Civil Code Art. 278): hire the company (4), elect the
  // committee (3), use the maintenance fund (5); nine in ten dwellings take part and agree. Returns
  // the closed consultation's id.
  Result<std::int64_t> Vote(const service::Actor& system, std::int64_t estate_id, const std::string& estate_name,
                            const std::string& company) {
    service::ConsultationInput in;
    in.estate_id = estate_id;
    in.title = estate_name + "业主大会：选聘物业、选举业委会、使用维修资金";
    in.kind = "management";
    in.items.push_back({"选聘" + company + "提供物业服务", std::nullopt, cs::Art278Rule{4}, "estate", {}, {}});
    in.items.push_back({"选举第一届业主委员会", std::nullopt, cs::Art278Rule{3}, "estate", {}, {}});
    in.items.push_back({"使用专项维修资金更换单元门禁系统", std::nullopt, cs::Art278Rule{5}, "estate", {}, {}});
    auto created = consultations_->Create(system, in);
    if (!created) return std::move(created).error();
    const auto id = created->c.id;
    if (auto r = consultations_->Open(system, id); !r) return std::move(r).error();
    auto sheets = consultations_->BallotSheets(system, id, std::nullopt);
    if (!sheets) return std::move(sheets).error();
    std::vector<std::pair<std::int64_t, cs::Choice>> choices;
    for (const auto& item : created->items) choices.emplace_back(item.item.id, cs::Choice::kAgree);
    for (std::size_t k = 0; k < sheets->size(); ++k) {
      if (k % 10 == 9) continue;  // not reached
      service::BallotInput b;
      b.choices = choices;
      b.channel = k % 2 ? "paper" : "door";
      b.apply_to_owner_dwellings = true;
      auto r = consultations_->CastBallot(system, id, (*sheets)[k].dwelling.id, b);
      // A dwelling of an owner who voted already through another flat is covered by that ballot.
      if (!r && r.error().code != ErrorCode::kConflict && r.error().code != ErrorCode::kUnprocessable) return std::move(r).error();
    }
    if (auto r = consultations_->Close(system, id); !r) return std::move(r).error();
    return id;
  }

  service::ConsultationService* consultations_ = nullptr;
  std::unique_ptr<service::StewardshipService> stewardship_;
  std::unique_ptr<http::StewardshipApi> api_;
};

}  // namespace

std::unique_ptr<Module> StewardshipModule() { return std::make_unique<Stewardship>(); }

}  // namespace huanxin::app
