// Resident tickets (居民诉求, issue #14; docs/ticket.md): residents' opinions, complaints, suggestions
// and warranty defects filed on the phone without an account or by staff after a door visit,
// routed by category × region, due by working hours or days on the official calendar, rated and
// reopened once; building contacts; figures by street and category. Uses the calendar (targets).
// Demo: tickets in every state in 洪都街道's area project estates, two rated; building contacts.
#include <fstream>

#include "app/demo.hpp"
#include "app/module.hpp"
#include "common/crypto.hpp"
#include "core/ticket/ticket.hpp"
#include "http/handlers/open311_handlers.hpp"
#include "http/handlers/ticket_handlers.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/project/project_service.hpp"
#include "service/register/register_service.hpp"
#include "service/ticket/ticket_service.hpp"

namespace huanxin::app {

namespace {

// The secret client addresses are hashed with: the publicity key (HUANXIN_PUBLICITY_KEY, else the
// key file the publicity module made in <var_dir>), so one secret covers both public forms; a
// process-local random key when neither is readable (restarting then only restarts the counts).
std::string ClientKey(const Config& cfg) {
  if (!cfg.publicity_key.empty()) return cfg.publicity_key;
  std::ifstream in(cfg.var_dir + "/publicity-key");
  std::string hex;
  std::getline(in, hex);
  return hex.size() >= 32 ? hex : RandomHex(32);
}

class Ticket final : public Module {
 public:
  std::string_view name() const override { return "ticket"; }

  Result<void> Wire(ModuleContext& ctx) override {
    service::TicketOptions options;
    options.office_hours = core::ticket::ParseOfficeHours(ctx.config.ticket_office_hours).value_or(core::ticket::OfficeHours{});
    options.tickets_per_hour = ctx.config.ticket_rate_per_hour;
    options.client_key = ClientKey(ctx.config);
    tickets_ = std::make_unique<service::TicketService>(ctx.db, ctx.clock, ctx.services.Get<service::CalendarService>(),
                                                        ctx.services.Get<service::FileService>(), std::move(options));
    api_ = std::make_unique<http::TicketApi>(http::TicketApi{*tickets_, ctx.config.public_url, ctx.config.secure_cookie});
    open311_ = std::make_unique<http::Open311Api>(http::Open311Api{*tickets_, ctx.config.public_url, ctx.config.secure_cookie});
    ctx.services.Provide(*tickets_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddTicketRoutes(routes, workbench, *api_);
    http::AddOpen311Routes(routes, *open311_);
  }

  // 洪都街道's started area project: its estates' buildings get contacts (楼长 and grid worker with
  // private phones, the work team's published phone), and tickets in every state, two rated.
  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto started = DemoStartedProject(d);
    if (!started) return std::move(started).error();
    if (!*started) {
      d.lines.push_back("demo tickets: none — no started project in 洪都街道");
      return Ok();
    }
    auto project = d.app.services.Get<service::ProjectService>().Get(system, (*started)->p.id);
    if (!project) return std::move(project).error();
    std::vector<std::int64_t> estates;
    int contacts = 0;
    auto& reg = d.app.services.Get<service::RegisterService>();
    for (const auto& e : project->estates) {
      estates.push_back(e.estate.estate_id);
      auto buildings = reg.ListBuildings(system, e.estate.estate_id);
      if (!buildings) return std::move(buildings).error();
      for (const auto& b : *buildings) {
        const auto n = std::to_string(b.id % 100);
        for (const auto& [role, name, phone, published] :
             {std::tuple{"building_leader", "楼长 " + b.number + "栋", "1390791" + std::string(4 - std::min<std::size_t>(4, n.size()), '0') + n, false},
              std::tuple{"grid_worker", std::string("网格员 洪都一网格"), std::string("13807910001"), false},
              std::tuple{"team_phone", std::string("施工队公开电话"), std::string("0791-88123401"), true}}) {
          auto r = tickets_->PutContact(system, b.id, role, {name, phone, published});
          if (!r) return std::move(r).error();
          ++contacts;
        }
      }
    }
    if (estates.empty()) return Ok();
    struct Demo {
      const char* category;
      const char* content;
      std::vector<std::pair<const char*, const char*>> moves;  // to, note
      int rating;                                              // 0 = not rated
    };
    const std::vector<Demo> demo = {
        {"civilised_construction", "3栋北侧切割路面噪声很大，中午也在施工。", {}, 0},
        {"safety_hazard", "2栋楼道口的沟槽没有围挡，晚上看不清。", {{"accepted", "已派施工队设置围挡"}}, 0},
        {"utility_outage", "明天停水几点恢复？家里有老人。", {{"accepted", ""}, {"in_progress", "已联系供水公司"}}, 0},
        {"construction_quality", "新铺的人行道砖有几块松动。",
         {{"accepted", ""}, {"in_progress", ""}, {"resolved", "已返工重铺，请查看"}}, 0},
        {"property_management", "垃圾清运不及时。",
         {{"accepted", ""}, {"in_progress", ""}, {"resolved", "已与物业约定每日两次清运"}}, 5},
        {"suggestion", "建议在小广场加装几盏路灯。",
         {{"accepted", ""}, {"in_progress", ""}, {"resolved", "已纳入亮化方案"}, {"closed", ""}}, 0},
        {"opinion", "希望保留院里的老槐树。", {{"rejected", "不在本次改造范围，已转园林部门"}}, 0},
        {"warranty_defect", "楼顶防水去年做的，现在又漏了。",
         {{"accepted", ""}, {"in_progress", ""}, {"resolved", "施工单位已保修处理"}}, 3},
    };
    int filed = 0;
    std::string last_code;
    for (std::size_t i = 0; i < demo.size(); ++i) {
      service::TicketInput in;
      in.category = demo[i].category;
      in.content = demo[i].content;
      in.estate_id = estates[i % estates.size()];
      if (i % 2) in.phone = "1380000" + std::to_string(1000 + i);
      auto t = tickets_->Submit(in, "demo-" + std::to_string(i), "demo");
      if (!t && t.error().reason == "calendar.year_not_loaded") {
        d.lines.push_back("demo tickets: none — the response targets reach a year whose official calendar is not loaded");
        return Ok();
      }
      if (!t) return std::move(t).error();
      for (const auto& [to, note] : demo[i].moves)
        if (auto r = tickets_->Transition(system, t->ticket.id, to, note); !r) return std::move(r).error();
      if (demo[i].rating)
        if (auto r = tickets_->Rate(t->ticket.code, demo[i].rating, demo[i].rating >= 4 ? "处理及时" : "修好了但拖得久", "demo"); !r)
          return std::move(r).error();
      last_code = t->ticket.code;
      ++filed;
    }
    auto key = tickets_->IssueClientKey(system, "演示 Open311 客户端");
    if (!key) return std::move(key).error();
    d.lines.push_back("demo Open311: /open311/v2/discovery.xml; client api_key " + key->api_key);
    d.lines.push_back("demo tickets: " + std::to_string(filed) + " in 洪都街道 in every state (two rated), " +
                      std::to_string(contacts) + " building contacts; follow one at /h5/#/tickets/" + last_code);
    return Ok();
  }

 private:
  std::unique_ptr<service::TicketService> tickets_;
  std::unique_ptr<http::TicketApi> api_;
  std::unique_ptr<http::Open311Api> open311_;
};

}  // namespace

std::unique_ptr<Module> TicketModule() { return std::make_unique<Ticket>(); }

}  // namespace huanxin::app
