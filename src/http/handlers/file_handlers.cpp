#include "http/handlers/file_handlers.hpp"

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "http/json/platform_json.hpp"
#include "service/file/file_service.hpp"
#include "service/job/job_service.hpp"

namespace huanxin::http {

namespace {

Response DownloadFile(FileApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(f, s.files.Read(req.actor(), id));
  // Photos and PDFs open in the browser (the type was checked from the bytes on upload).
  auto r = Download(std::move(f.second), f.first.content_type, f.first.name);
  for (auto& [name, value] : r.headers)
    if (name == "Content-Disposition" && value.starts_with("attachment")) value.replace(0, 10, "inline");
  return r;
}

Response GetJob(FileApi& s, Request& req) {
  HX_TRY(id, PathId(req, "id"));
  HX_TRY(job, s.jobs.Get(req.actor(), id));
  return Json(200, JobJson(job));
}

}  // namespace

void AddFileRoutes(RouteTable& t, FileApi& api) {
  t.Add("GET", "/api/v1/files/{id}", Access::kSession, BodyKind::kNone, api, DownloadFile)
      .Add("GET", "/api/v1/jobs/{id}", Access::kSession, BodyKind::kNone, api, GetJob);
}

}  // namespace huanxin::http
