#include "service/register/register_documents.hpp"

#include "common/text.hpp"
#include "core/register/codes.hpp"
#include "core/register/identity.hpp"
#include "report/xlsx_writer.hpp"
#include "service/register/import_service.hpp"

namespace huanxin::service {

namespace reg = core::reg;

namespace {

std::string Label(const reg::ChoiceSet& set, const std::string& code, bool english) {
  const auto* c = set.ByCode(code);
  return c ? std::string(english ? c->en : c->zh) : code;
}

Result<Document> Xlsx(report::XlsxWriter& xlsx, std::string filename) {
  auto bytes = xlsx.Finish();
  if (!bytes) return std::move(bytes).error();
  return Document{std::move(*bytes), kXlsxType, std::move(filename)};
}

}  // namespace

Result<Document> RegisterDocuments::EstatesXlsx(const Actor& actor, EstateQuery q, bool english) {
  report::XlsxWriter xlsx;
  xlsx.AddSheet(english ? "Estates" : "小区");
  xlsx.SetColumnWidths({8, 28, 36, 16, 14, 10, 12, 14, 18, 14, 12, 30});
  xlsx.WriteHeader({"ID", "小区名称", "地址", "社区代码", "社区", "建成年份", "占地面积(㎡)", "总建筑面积(㎡)", "产权类型", "物业管理",
                    "状态", "改造资格"});
  q.page = 1;
  q.page_size = 500;
  while (true) {
    auto page = reg_.ListEstates(actor, q);
    if (!page) return std::move(page).error();
    for (const auto& v : page->first) {
      const auto& e = v.estate;
      std::string types;
      for (auto t : Split(e.ownership_types, ','))
        if (!t.empty()) types += (types.empty() ? "" : "、") + Label(reg::OwnershipTypes(), std::string(t), english);
      std::string verdict = std::string(reg::VerdictCode(v.eligibility.verdict));
      verdict = verdict == "eligible" ? "符合" : verdict == "extension" ? "延伸范围" : "不符合";
      xlsx.WriteRow({e.id, e.name, e.address, e.region_code, v.region_name, std::int64_t{e.built_year},
                     e.land_area_dm2 ? report::CellValue(report::Hundredths{*e.land_area_dm2}) : report::CellValue{},
                     e.floor_area_dm2 ? report::CellValue(report::Hundredths{*e.floor_area_dm2}) : report::CellValue{},
                     types, Label(reg::PropertyModes(), e.property_mode, english),
                     Label(reg::EstateStatuses(), e.status, english), verdict});
    }
    if (q.page * q.page_size >= page->second) break;
    ++q.page;
  }
  return Xlsx(xlsx, "小区清单.xlsx");
}

Result<Document> RegisterDocuments::DwellingsXlsx(const Actor& actor, std::int64_t estate_id) {
  auto estate = reg_.GetEstate(actor, estate_id);
  if (!estate) return std::move(estate).error();
  auto list = reg_.ListEstateDwellings(actor, estate_id);
  if (!list) return std::move(list).error();
  // The roster in the import template's columns, so an exported sheet can be corrected and imported
  // again (with personal data masked when the reader may not see it).
  report::XlsxWriter xlsx;
  xlsx.AddSheet("房屋业主");
  xlsx.SetColumnWidths({8, 8, 8, 10, 16, 12, 12, 12, 22, 16});
  xlsx.WriteHeader(ImportService::Headers());
  for (const auto& v : *list) {
    const auto& d = v.dwelling;
    auto base = [&](std::vector<report::CellValue> owner_cells) {
      std::vector<report::CellValue> row = {d.building_number,
                                            std::int64_t{d.stairwell},
                                            std::int64_t{d.floor},
                                            d.room,
                                            report::Hundredths{d.exclusive_area_dm2},
                                            Label(reg::AreaSources(), d.area_source, false),
                                            Label(reg::SaleStatuses(), d.sale_status, false)};
      row.insert(row.end(), owner_cells.begin(), owner_cells.end());
      xlsx.WriteRow(row);
    };
    if (v.owners.empty()) base({});
    for (const auto& o : v.owners) {
      const auto& rec = o.owner;
      std::string phone = rec.phone ? (o.masked ? reg::MaskPhone(*rec.phone) : *rec.phone) : "";
      base({rec.name, o.masked ? reg::MaskIdNumber(rec.id_number) : rec.id_number, phone});
    }
  }
  return Xlsx(xlsx, estate->estate.name + "-房屋业主.xlsx");
}

Result<Document> RegisterDocuments::ImportTemplateXlsx() {
  report::XlsxWriter xlsx;
  xlsx.AddSheet("房屋业主");
  xlsx.SetColumnWidths({8, 8, 8, 10, 16, 12, 12, 12, 22, 16});
  xlsx.WriteHeader(ImportService::Headers());
  auto zh = [](const reg::ChoiceSet& set) {
    std::vector<std::string> out;
    for (const auto& c : set.choices()) out.emplace_back(c.zh);
    return out;
  };
  xlsx.SetListValidation(5, zh(reg::AreaSources()));
  xlsx.SetListValidation(6, zh(reg::SaleStatuses()));
  // Worked examples (fictitious people; the ID numbers carry valid check characters): co-owners on
  // two rows, and a developer-unsold flat with no owner.
  xlsx.WriteRow({std::string("1"), std::int64_t{1}, std::int64_t{3}, std::string("301"), report::Hundredths{8537},
                 std::string("不动产登记"), std::string("已售"), std::string("张三"), std::string("11010519491231002X"),
                 std::string("13800000000")});
  xlsx.WriteRow({std::string("1"), std::int64_t{1}, std::int64_t{3}, std::string("301"), report::Hundredths{8537},
                 std::string("不动产登记"), std::string("已售"), std::string("李四"), std::string("110105195003150019"),
                 std::string("")});
  xlsx.WriteRow({std::string("1"), std::int64_t{2}, std::int64_t{5}, std::string("502"), report::Hundredths{9210},
                 std::string("合同"), std::string("开发商未售"), std::string(""), std::string(""), std::string("")});
  xlsx.AddSheet("填写说明");
  xlsx.SetColumnWidths({18, 80});
  xlsx.WriteHeader({"列", "说明"});
  xlsx.WriteRow({std::string("楼栋"), std::string("楼栋号，如 1、3号楼；不存在时导入会自动创建")});
  xlsx.WriteRow({std::string("单元 / 楼层 / 房号"), std::string("单元写数字（可带“单元”）；楼层地下用负数；同一单元内房号不能重复")});
  xlsx.WriteRow({std::string("专有部分面积(㎡)"), std::string("平方米，最多两位小数，必须大于0")});
  xlsx.WriteRow({std::string("面积来源"), std::string("不动产登记 / 实测 / 合同（按此优先顺序，见最高法司法解释）")});
  xlsx.WriteRow({std::string("出售状态"), std::string("已售 / 已售未交付 / 开发商未售 / 公房；开发商未售的房屋不填业主；已售未交付的房屋可填买受人，业主人数与开发商未售房屋合计一人")});
  xlsx.WriteRow({std::string("业主"), std::string("一户多名共有人写多行（其余列相同）；证件号码为18位居民身份证号，会校验校验位")});
  return Xlsx(xlsx, "房屋业主导入模板.xlsx");
}

}  // namespace huanxin::service
