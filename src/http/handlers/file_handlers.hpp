// Stored files and background jobs over HTTP: the platform services every context uses.
#pragma once

#include "http/route_table.hpp"

namespace huanxin::service {
class FileService;
class JobService;
}  // namespace huanxin::service

namespace huanxin::http {

struct FileApi {
  service::FileService& files;
  service::JobService& jobs;
};

// GET /api/v1/files/{id} (the owning context decides who may read) and GET /api/v1/jobs/{id}.
void AddFileRoutes(RouteTable& routes, FileApi& api);

}  // namespace huanxin::http
