#include "core/register/codes.hpp"

#include "common/text.hpp"

namespace huanxin::core::reg {

const Choice* ChoiceSet::ByCode(std::string_view code) const {
  for (const auto& c : choices_)
    if (c.code == code) return &c;
  return nullptr;
}

const Choice* ChoiceSet::ByAnyLabel(std::string_view text) const {
  auto t = Trim(text);
  for (const auto& c : choices_) {
    if (c.code == t || c.zh == t) return &c;
    for (auto a : c.aliases)
      if (a == t) return &c;
  }
  return nullptr;
}

std::string ChoiceSet::ListZh() const {
  std::string out;
  for (const auto& c : choices_) out += (out.empty() ? "" : " / ") + std::string(c.zh);
  return out;
}

std::string ChoiceSet::ListCodes() const {
  std::string out;
  for (const auto& c : choices_) out += (out.empty() ? "" : ", ") + std::string(c.code);
  return out;
}

const ChoiceSet& EstateStatuses() {
  static const ChoiceSet s("status", {{"registered", "已登记", "registered", {}},
                                      {"candidate", "候选", "candidate", {"储备"}},
                                      {"planned", "已列入计划", "planned", {"计划"}},
                                      {"in_progress", "改造中", "in progress", {"在建"}},
                                      {"completed", "已完成", "completed", {"竣工"}},
                                      {"maintained", "长效管理", "maintained", {}}});
  return s;
}

const ChoiceSet& PropertyModes() {
  static const ChoiceSet s("propertyMode", {{"professional", "专业物业", "professional company", {"物业公司"}},
                                            {"street_hosted", "街道托管", "hosted by the street", {"托管"}},
                                            {"self_managed", "居民自治", "self-managed", {"自管"}},
                                            {"none", "无物业", "none", {"无"}}});
  return s;
}

const ChoiceSet& OwnershipTypes() {
  // REFERENCE.md §1.1 and §7: 房改房, 集资房, 福利房, 商品房, unit-owned.
  static const ChoiceSet s("ownershipTypes", {{"housing_reform", "房改房", "housing-reform", {}},
                                              {"fundraised", "集资房", "fund-raised", {}},
                                              {"welfare", "福利房", "welfare", {}},
                                              {"commercial", "商品房", "commercial", {}},
                                              {"unit_managed", "单位自管房", "unit-managed", {"单位房"}},
                                              {"other", "其他", "other", {}}});
  return s;
}

const ChoiceSet& AreaSources() {
  static const ChoiceSet s("areaSource", {{"registered", "不动产登记", "real-estate register", {"登记", "产权证"}},
                                          {"surveyed", "实测", "surveyed", {"测绘"}},
                                          {"contract", "合同", "sale contract", {"合同约定"}}});
  return s;
}

const ChoiceSet& SaleStatuses() {
  // REFERENCE §8: a part sold but not yet delivered (虽已出卖但尚未交付) counts with the developer's
  // unsold parts as one head (core/register/headcount.hpp), so it is a status of its own.
  static const ChoiceSet s("saleStatus", {{"sold", "已售", "sold", {"已出售"}},
                                          {"sold_undelivered", "已售未交付", "sold, not delivered", {"已售未交房", "未交付"}},
                                          {"developer_unsold", "开发商未售", "unsold (developer)", {"未售"}},
                                          {"public_housing", "公房", "public housing", {"公有住房"}}});
  return s;
}

const ChoiceSet& DwellingUses() {
  static const ChoiceSet s("use", {{"residential", "住宅", "residential", {}},
                                   {"commercial", "商业", "commercial", {"商铺", "非住宅"}}});
  return s;
}

const ChoiceSet& Occupancies() {
  static const ChoiceSet s("occupancy", {{"owner_occupied", "自住", "owner-occupied", {}},
                                         {"rented", "出租", "rented", {}},
                                         {"vacant", "空置", "vacant", {}}});
  return s;
}

const ChoiceSet& Structures() {
  static const ChoiceSet s("structure", {{"brick_concrete", "砖混", "brick-concrete", {}},
                                         {"frame", "框架", "frame", {}},
                                         {"shear_wall", "剪力墙", "shear wall", {}},
                                         {"brick_wood", "砖木", "brick-wood", {}},
                                         {"other", "其他", "other", {}}});
  return s;
}

const ChoiceSet& Heatings() {
  static const ChoiceSet s("heating", {{"none", "无", "none", {}},
                                       {"central", "集中供暖", "central", {}},
                                       {"district", "区域供暖", "district", {}},
                                       {"individual", "分户供暖", "individual", {}}});
  return s;
}

std::string BuildingLabel(std::string_view number) {
  for (std::string_view word : {"楼", "栋", "幢", "座"})
    if (number.size() >= word.size() && number.substr(number.size() - word.size()) == word) return std::string(number);
  return std::string(number) + "号楼";
}

}  // namespace huanxin::core::reg
