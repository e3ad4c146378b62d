// The public portal (issue #15 "Dashboards and the public portal", "Tamper evidence"; docs/portal.md):
// the public read side over every earlier context, and the daily publication of the audit chain's
// head. Comes after the construction-works module (it reads the works page's progress and steps).
// No demo data of its own: it shows what the other modules loaded.
//
// The management section comes from the stewardship context: its module (after this one) calls
// PortalService::SetManagementProvider with StewardshipService::PublicSummary.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/module.hpp"
#include "http/handlers/portal_handlers.hpp"
#include "service/audit/audit_service.hpp"
#include "service/construction/notice_service.hpp"
#include "service/portal/portal_service.hpp"

namespace huanxin::app {

namespace {

// Publishes the audit chain's head once a Beijing day: at start when today's is missing, then just
// after each Beijing midnight. The smallest real daily scheduler: one thread asleep on a condition
// variable until the next day starts (or the module stops).
class HeadPublisher {
 public:
  HeadPublisher(service::AuditService& audit, const Clock& clock) : audit_(audit), clock_(clock) {}
  ~HeadPublisher() { Stop(); }

  // Publishes today's head now (so a fresh server answers it), then daily on a thread.
  void Start() {
    if (thread_.joinable()) return;
    PublishToday();
    thread_ = std::thread([this] { Loop(); });
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void PublishToday() {
    const auto now = clock_.Now();
    auto r = audit_.PublishHead(FormatShanghai(now, 10), FormatIsoUtc(now));
    if (!r) spdlog::warn("audit head not published: {}", r.error().reason);
    else if (*r) spdlog::info("audit head published for {}", FormatShanghai(now, 10));
  }
  void Loop() {
    std::unique_lock lock(mu_);
    while (!stop_) {
      // Sleep until a minute after the next Beijing midnight (system time: the clock may be fake in
      // tests, which never wait a day).
      const auto beijing = std::chrono::system_clock::now() + kShanghaiOffset;
      const auto next = std::chrono::floor<std::chrono::days>(beijing) + std::chrono::days{1} + std::chrono::minutes{1};
      if (cv_.wait_until(lock, next - kShanghaiOffset, [this] { return stop_; })) break;
      lock.unlock();
      PublishToday();
      lock.lock();
    }
  }

  service::AuditService& audit_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class Portal final : public Module {
 public:
  std::string_view name() const override { return "portal"; }

  Result<void> Wire(ModuleContext& ctx) override {
    auto& audit = ctx.services.Get<service::AuditService>();
    portal_ = std::make_unique<service::PortalService>(ctx.db, ctx.clock, ctx.services.Get<service::NoticeService>());
    api_ = std::make_unique<http::PortalApi>(http::PortalApi{*portal_, audit});
    publisher_ = std::make_unique<HeadPublisher>(audit, ctx.clock);
    ctx.services.Provide(*portal_);
    return Ok();
  }

  void AddRoutes(http::RouteTable& routes, http::Workbench& workbench) override {
    http::AddPortalRoutes(routes, workbench, *api_);
  }

  void Start() override { publisher_->Start(); }

  ~Portal() override {
    if (publisher_) publisher_->Stop();
  }

 private:
  std::unique_ptr<service::PortalService> portal_;
  std::unique_ptr<http::PortalApi> api_;
  std::unique_ptr<HeadPublisher> publisher_;
};

}  // namespace

std::unique_ptr<Module> PortalModule() { return std::make_unique<Portal>(); }

}  // namespace huanxin::app
