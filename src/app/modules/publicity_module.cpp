// Publicity (公示, issue #12; docs/publicity.md): notices about projects with a window of working
// days on the official calendar, revisions, board photos, residents' objections and their answers,
// the public page and the printable notice. Uses the calendar (window ends) and files (photos).
// Demo: none yet; the project module's demo data creates notices through this service.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "app/demo.hpp"
#include "app/module.hpp"
#include "service/project/project_service.hpp"
#include "common/crypto.hpp"
#include "http/handlers/publicity_handlers.hpp"
#include "service/calendar/calendar_service.hpp"
#include "service/file/file_service.hpp"
#include "service/project/publicity_service.hpp"

namespace huanxin::app {

namespace {

Error KeyError(const std::string& what) {
  return MakeError(ErrorCode::kInternal, "config.publicity_key", Text("无法读取公示意见限流密钥", "cannot read the publicity key"),
                   Text::Same(what));
}

// 32–128 hex digits → 16–64 bytes; "" when the text is not that.
std::string HexKey(std::string hex) {
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  if (hex.size() < 32 || hex.size() > 128 || hex.size() % 2) return "";
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

// The key client addresses are hashed with: HUANXIN_PUBLICITY_KEY, else <var_dir>/publicity-key,
// made (32 random bytes, mode 0600) when missing. Changing it only restarts the hourly counts.
Result<std::string> ObjectionKey(const Config& cfg) {
  if (!cfg.publicity_key.empty()) return HexKey(cfg.publicity_key);
  const std::string path = cfg.var_dir + "/publicity-key";
  if (!std::filesystem::exists(path)) {
    std::error_code ec;
    std::filesystem::create_directories(cfg.var_dir, ec);
    {
      std::ofstream touch(path, std::ios::trunc);  // made 0600 before the secret is written
    }
    ::chmod(path.c_str(), 0600);
    std::ofstream(path, std::ios::trunc) << RandomHex(32) << "\n";
  }
  std::ifstream in(path);
  std::string hex;
  std::getline(in, hex);
  auto key = HexKey(hex);
  if (key.empty()) return KeyError(path + ": expected 32–128 hex digits");
  return key;
}

class Publicity final : public Module {
 public:
  std::string_view name() const override { return "publicity"; }

  Result<void> Wire(ModuleContext& ctx) override {
    auto key = ObjectionKey(ctx.config);
    if (!key) return std::move(key).error();
    service::PublicityOptions options;
    options.working_days = ctx.config.publicity_working_days;
    options.objections_per_hour = ctx.config.objection_rate_per_hour;
    options.client_key = std::move(*key);
    publicity_ = std::make_unique<service::PublicityService>(ctx.db, ctx.clock, ctx.services.Get<service::CalendarService>(),
                                                             ctx.services.Get<service::FileService>(), std::move(options));
    api_ = std::make_unique<http::PublicityApi>(
        http::PublicityApi{*publicity_, ctx.config.public_url, ctx.config.secure_cookie});
    ctx.services.Provide(*publicity_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddPublicityRoutes(routes, workbench, *api_);
  }

  // The demo's started area project publicises its plan from today: one resident's objection
  // answered, another waiting for an answer.
  Result<void> LoadDemo(DemoContext& d) override {
    if (!d.first_load) return Ok();
    const auto system = service::Actor::System("demo");
    auto started = DemoStartedProject(d);
    if (!started) return std::move(started).error();
    if (!*started) return Ok();
    service::NoticeInput in;
    in.project_id = (*started)->p.id;
    in.kind = "plan";
    in.title = (*started)->p.name + "方案公示";
    in.body = "改造内容：小区道路沥青罩面 8 500 平方米；供水、供电、燃气管线 12 000 米同沟敷设（综合改一次）；"
              "新增停车位 50 个；健身器材 30 件及两处小广场；废弃蓄水池改建儿童口袋公园。\n"
              "公示期内如有意见，请扫码在线提交，或到洪都街道办事处城建科反映。";
    auto notice = publicity_->Create(system, in);
    if (!notice && notice.error().reason == "calendar.year_not_loaded") {
      d.lines.push_back("demo publicity: none — the window reaches a year whose official calendar is not loaded "
                        "(PUT /api/v1/calendar/{year})");
      return Ok();
    }
    if (!notice) return std::move(notice).error();
    const auto id = notice->notice.id;
    auto first = publicity_->Object(id, {"停车位规划占用了3号楼前的绿地，建议调整到北侧空地。", "张女士", "13800001234"},
                                    "demo", "demo");
    if (!first) return std::move(first).error();
    if (auto a = publicity_->Answer(system, id, first->id, "已采纳：停车位调整到北侧空地，修订方案将另行公示。"); !a)
      return std::move(a).error();
    if (auto second = publicity_->Object(id, {"希望施工时间避开中午休息时段。", std::nullopt, std::nullopt}, "demo", "demo");
        !second)
      return std::move(second).error();
    d.lines.push_back("demo publicity: resident notice page /h5/#/publicity/" + std::to_string(id) +
                      " (two objections, one answered)");
    return Ok();
  }

 private:
  std::unique_ptr<service::PublicityService> publicity_;
  std::unique_ptr<http::PublicityApi> api_;
};

}  // namespace

std::unique_ptr<Module> PublicityModule() { return std::make_unique<Publicity>(); }

}  // namespace huanxin::app
