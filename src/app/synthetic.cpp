#include "app/synthetic.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "common/decimal.hpp"
#include "core/register/identity.hpp"

namespace huanxin::app {

std::uint64_t SynthRandom::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int SynthRandom::Between(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1)); }

bool SynthRandom::Chance(int percent) { return static_cast<int>(Next() % 100) < percent; }

namespace {

constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
                                  "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "邓",
                                  "冯", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶"};
constexpr std::array kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
                               "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "玉",
                               "兰", "文", "志", "海", "春", "梅", "林", "荣", "凤", "云", "德", "福", "安", "宁"};
constexpr std::array kEstateWords = {"新村", "小区", "宿舍", "花园", "家属区", "公寓", "里", "苑"};
constexpr std::array kEstatePrefix = {"洪都", "京山", "岱山", "三店", "迎宾", "施尧", "江纺", "铁路", "电机厂",
                                      "化纤厂", "青云", "南钢", "纺织", "邮电", "粮食局", "印刷厂", "水电", "机床厂",
                                      "麻纺", "建材", "卫校", "针织", "糖烟酒", "物资局"};
constexpr std::array kRoads = {"洪都中大道", "京山北路", "岱山西路", "三店西路", "迎宾北大道", "施尧路", "井冈山大道",
                               "昌南大道", "南莲路", "青云谱路"};

std::string Pick(SynthRandom& r, auto const& list) { return list[r.Next() % list.size()]; }

// `serial` must differ for every person generated from one seed: it fixes the birth date and the
// sequence digits, so ID numbers never collide (random ones would, by the birthday paradox).
SynthOwner MakeOwner(SynthRandom& r, const std::string& region_code, std::uint64_t serial) {
  SynthOwner o;
  o.name = Pick(r, kSurnames) + Pick(r, kGiven) + (r.Chance(70) ? Pick(r, kGiven) : "");
  // Address code: the estate's county; birth date: day (serial / 1000) after 1935-01-01 within
  // 18 250 days (50 years), cycling; sequence: serial % 1000. Unique for 18.25 million people per
  // county and seed.
  using namespace std::chrono;
  auto day = sys_days{year{1935} / January / 1} + days{static_cast<int>((serial / 1000) % 18250)};
  year_month_day ymd{day};
  char first17[18];
  std::snprintf(first17, sizeof first17, "%s%04d%02u%02u%03d", region_code.substr(0, 6).c_str(), static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(serial % 1000));
  o.id_number = std::string(first17) + core::reg::IdCheckCharacter(first17);
  static constexpr std::array kMobile = {"138", "139", "135", "136", "150", "151", "158", "186", "187", "133", "189", "177"};
  char phone[16];
  std::snprintf(phone, sizeof phone, "%s%08d", kMobile[r.Next() % kMobile.size()], r.Between(0, 99999999));
  o.phone = phone;
  return o;
}

}  // namespace

SynthEstate GenerateEstate(const SynthOptions& o, std::int64_t index, const std::string& region_code,
                           const std::string& street_name) {
  SynthRandom r(o.seed * 1000003ull + static_cast<std::uint64_t>(index));
  SynthEstate e;
  e.region_code = region_code;
  e.built_year = r.Between(o.min_year, o.max_year);
  e.name = Pick(r, kEstatePrefix) + Pick(r, kEstateWords) + (index >= 24 ? std::to_string(index / 24 + 1) + "期" : "");
  e.address = street_name + Pick(r, kRoads) + std::to_string(r.Between(1, 399)) + "号";
  static constexpr std::array kTypes = {"housing_reform", "housing_reform,fundraised", "commercial", "unit_managed",
                                        "housing_reform,commercial", "welfare"};
  e.ownership_types = kTypes[r.Next() % kTypes.size()];
  static constexpr std::array kModes = {"none", "street_hosted", "self_managed", "professional"};
  e.property_mode = kModes[r.Next() % kModes.size()];
  e.excl_self_built = r.Chance(3);
  e.excl_demolition = r.Chance(3);
  int buildings = r.Between(o.min_buildings, o.max_buildings);
  std::int64_t floor_area = 0;
  for (int b = 1; b <= buildings; ++b) {
    SynthBuilding bl;
    bl.number = std::to_string(b);
    bl.floors = r.Between(o.min_floors, o.max_floors);
    bl.stairwells = r.Between(o.min_stairwells, o.max_stairwells);
    for (int s = 1; s <= bl.stairwells; ++s)
      for (int f = 1; f <= bl.floors; ++f)
        for (int k = 1; k <= o.flats_per_landing; ++k) {
          SynthDwelling d;
          d.stairwell = s;
          d.floor = f;
          char room[32];
          std::snprintf(room, sizeof room, "%d%02d", f, k);
          d.room = room;
          d.area_dm2 = r.Between(4500, 12000);  // 45–120 m²
          d.area_source = r.Chance(85) ? "registered" : r.Chance(60) ? "surveyed" : "contract";
          // Later commercial estates keep some unsold flats with the developer.
          d.sale_status = e.built_year >= 1998 && r.Chance(4) ? "developer_unsold" : r.Chance(2) ? "public_housing" : "sold";
          if (d.sale_status == "sold") {
            if (!e.owners.empty() && r.Chance(3)) {
              d.owners.push_back(r.Between(0, static_cast<int>(e.owners.size()) - 1));  // owns a second flat
            } else {
              e.owners.push_back(MakeOwner(r, region_code, static_cast<std::uint64_t>(index) * 8192 + e.owners.size()));
              d.owners.push_back(static_cast<int>(e.owners.size()) - 1);
              if (r.Chance(30)) {  // a spouse as co-owner
                e.owners.push_back(MakeOwner(r, region_code, static_cast<std::uint64_t>(index) * 8192 + e.owners.size()));
                d.owners.push_back(static_cast<int>(e.owners.size()) - 1);
              }
            }
          }
          floor_area += d.area_dm2 * 125 / 100;  // gross floor ≈ 1.25 × exclusive area
          bl.dwellings.push_back(std::move(d));
        }
    e.buildings.push_back(std::move(bl));
  }
  e.floor_area_dm2 = floor_area;
  e.land_area_dm2 = floor_area * 10 / static_cast<std::int64_t>(r.Between(12, 25));  // plot ratio 1.2–2.5
  return e;
}

void GenerateRosterCsv(const SynthOptions& o, std::int64_t dwellings, const std::function<void(const std::string&)>& line) {
  line("楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话");
  SynthRandom r(o.seed);
  static const char* kSource[] = {"不动产登记", "实测", "合同"};
  std::int64_t written = 0;
  for (int b = 1; written < dwellings; ++b)
    for (int s = 1; s <= 4 && written < dwellings; ++s)
      for (int f = 1; f <= 30 && written < dwellings; ++f)
        for (int k = 1; k <= 4 && written < dwellings; ++k, ++written) {
          char room[32];
          std::snprintf(room, sizeof room, "%d%02d", f, k);
          std::string area = FormatHundredths(r.Between(4500, 12000));
          const char* src = kSource[r.Chance(85) ? 0 : r.Chance(60) ? 1 : 2];
          std::string prefix = std::to_string(b) + "," + std::to_string(s) + "," + std::to_string(f) + "," + room + "," + area + "," + src + ",";
          if (r.Chance(3)) {
            line(prefix + "开发商未售,,,");
            continue;
          }
          auto owner = MakeOwner(r, "360104", static_cast<std::uint64_t>(written));
          line(prefix + "已售," + owner.name + "," + owner.id_number + "," + owner.phone);
        }
}

std::vector<service::ObservationInput> SyntheticObservations(std::int64_t estate_id,
                                                             const std::vector<SynthBuildingRef>& buildings,
                                                             SynthRandom& rnd) {
  std::vector<service::ObservationInput> batch;
  auto add = [&](std::optional<std::int64_t> building, const char* indicator, const char* criterion, bool present,
                 std::optional<std::int64_t> value, bool condition) {
    service::ObservationInput o;
    o.client_id = std::to_string(estate_id) + "-" + std::to_string(batch.size());
    o.estate_id = estate_id;
    o.building_id = building;
    o.indicator = indicator;
    o.criterion = criterion;
    o.present = present;
    o.value = value;
    o.condition = condition;
    o.note = present || (value && *value > 0) ? "现场核查记录" : "";
    batch.push_back(std::move(o));
  };
  for (const auto& b : buildings) {
    add(b.id, "H04", "H04.finish_loss", false, rnd.Between(0, 5000), false);  // m² in hundredths
    add(b.id, "H02", "H02.pipe_age", false, rnd.Between(8, 35) * 100, rnd.Chance(40));
    add(b.id, "H03", "H03.lighting", rnd.Chance(30), std::nullopt, false);
    add(b.id, "H07", "H07.lift", b.floors >= 4 && !b.has_lift, std::nullopt, false);
  }
  add(std::nullopt, "C14", "C14.shortfall", false, rnd.Between(0, 60) * 100, false);
  add(std::nullopt, "C19", "C19.not_sorted", rnd.Chance(50), std::nullopt, false);
  return batch;
}

std::vector<SynthProject> PackageProjects(const SynthOptions& o, const std::vector<SynthEstateRef>& estates) {
  // Statuses in the order of core/project/gates.hpp; "reserve" about one time in ten.
  static constexpr std::array kStatuses = {"planned",   "approved", "designed", "tendered", "permitted",
                                           "started",   "completed", "accepted", "handed_over"};
  SynthRandom r(o.seed ^ 0x9A0C7E5ull);
  std::vector<SynthProject> out;
  for (std::size_t i = 0; i < estates.size();) {
    const std::string street = estates[i].region_code.substr(0, 9);
    SynthProject p;
    p.region_code = street;
    const int size = r.Between(1, 4);
    while (i < estates.size() && static_cast<int>(p.estates.size()) < size && estates[i].region_code.substr(0, 9) == street) {
      p.estates.push_back(estates[i].id);
      p.dwellings += estates[i].dwellings;
      ++i;
    }
    p.kind = p.estates.size() > 1 ? "area" : "estate";
    p.name = std::string(p.kind == "area" ? "片区改造项目-" : "小区改造项目-") + std::to_string(p.estates.front());
    const bool reserve = r.Chance(10);
    const int step = reserve ? -1 : r.Between(0, static_cast<int>(kStatuses.size()) - 1);
    p.status = reserve ? "reserve" : kStatuses[static_cast<std::size_t>(step)];
    // 26 700 yuan per household in fen, split 60 / 30 / 10 (the remainder to local funds).
    const std::int64_t total = p.dwellings * 26'700 * 100;
    const std::int64_t central = total * 6 / 10, resident = total / 10, local = total - central - resident;
    for (const auto& [source, amount] : {std::pair{"central_subsidy", central}, std::pair{"local_fiscal", local},
                                         std::pair{"resident", resident}}) {
      if (amount <= 0) continue;
      p.funds.push_back({source, "committed", amount});
      const std::int64_t received = amount * 8 / 10;
      if (step >= 1 && received > 0) p.funds.push_back({source, "received", received});  // approved or later
      if (step >= 5 && received / 2 > 0) p.funds.push_back({source, "paid", received / 2});  // started or later
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace huanxin::app
