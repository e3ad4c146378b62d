#include "http/handlers/file_handlers.hpp"

#include <boost/json.hpp>

#include "http/handlers/handler_util.hpp"
#include "http/json/json_input.hpp"
#include "service/file/file_service.hpp"
#include "service/job/job_service.hpp"

namespace huanxin::http {

namespace json = boost::json;

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
  json::object out{{"id", job.id},     {"kind", job.kind},   {"state", job.state}, {"phase", job.phase},
                   {"done", job.done}, {"total", job.total}, {"createdAt", job.created_at},
                   {"updatedAt", job.updated_at}};
  out["result"] = nullptr;
  if (job.result_json) {
    boost::system::error_code ec;
    auto v = json::parse(*job.result_json, ec);
    if (!ec) out["result"] = v;
  }
  return Json(200, out);
}

}  // namespace

void AddFileRoutes(RouteTable& t, FileApi& api) {
  t.Add("GET", "/api/v1/files/{id}", Access::kSession, BodyKind::kNone, api, DownloadFile)
      .Add("GET", "/api/v1/jobs/{id}", Access::kSession, BodyKind::kNone, api, GetJob);
}

}  // namespace huanxin::http
