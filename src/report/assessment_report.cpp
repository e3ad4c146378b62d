#include "report/assessment_report.hpp"

#include <memory>

#include "report/pdf_kit.hpp"
#include "report/xlsx_writer.hpp"

namespace huanxin::report {

namespace {

using namespace pdf_kit;

std::string Points(std::int64_t h) {
  const bool neg = h < 0;
  if (neg) h = -h;
  std::string frac = std::to_string(h % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return (neg ? "-" : "") + std::to_string(h / 100) + "." + frac;
}

constexpr PageSize kPage = kA4Portrait;
constexpr double kMarginXMm = 18, kMarginTopMm = 18, kMarginBottomMm = 12;
constexpr double Left() { return Mm(kMarginXMm); }
constexpr double Width() { return Mm(kPage.width_mm - 2 * kMarginXMm); }

TableStyle Compact() {
  TableStyle t;
  t.heading = Style(9, true, kInk, Align::kCenter);
  t.body = Style(9);
  t.min_row_mm = 6.5;
  t.pad_x_mm = 1.5;
  t.pad_y_mm = 1.3;
  return t;
}

}  // namespace

Result<std::string> RenderSelfEvaluationPdf(const SelfEvaluationReport& r) {
  for (const auto& i : r.indicators)
    if (auto c = CheckFields({{"name", i.name_zh}, {"basis", i.basis}}, i.code); !c) return std::move(c).error();
  if (auto c = CheckFields({{"region", r.region_name}}, r.region_code); !c) return std::move(c).error();
  const std::string title = r.region_name + std::to_string(r.year) + "年度城镇老旧小区改造工作绩效自评报告";
  PdfDocument doc(title.c_str());
  Footer footer(doc, "焕新平台生成 · 生成时间 " + r.generated_at, Left(), Width(), Mm(kPage.height_mm - kMarginBottomMm));
  Flow flow(Mm(kMarginTopMm), footer.top() - Mm(5));
  cairo_t* cr = doc.cr();
  auto text = [&](const std::string& s, const TextStyle& st, double space_mm = 0) {
    if (space_mm > 0) flow.Space(space_mm);
    auto box = std::make_shared<TextBox>(doc, s, st, Width());
    flow.Add(box->height(), [box, cr](double top) { box->Draw(cr, Left(), top); });
  };
  text(title, Style(15, true, kInk, Align::kCenter));
  text("区划代码 " + r.region_code + " · 依据《江西省城镇老旧小区改造工作绩效评价办法(试行)》5项一级指标、18项二级指标（满分100分）",
       Style(9, false, kMuted, Align::kCenter), 2);
  text("总分 " + Points(r.total) + " 分，评定等次：" + r.grade_zh + "（" + r.boundary_note + "）", Style(12, true), 5);

  text("一、指标得分", Style(12, true), 6);
  std::vector<Row> rows;
  for (const auto& i : r.indicators)
    rows.push_back({i.group_zh, i.code + " " + i.name_zh, Points(i.max), i.points ? Points(*i.points) : std::string("未评分"),
                    i.points ? std::string(i.computed ? "按数据计算" : "填报") : std::string("—"), i.basis});
  rows.push_back({std::string("合计"), std::string(""), Points(10000), Points(r.total), std::string(""), r.grade_zh});
  flow.Space(2);
  flow.AddTable(std::make_shared<const Table>(doc,
                                              std::vector<Column>{{"一级指标", 26},
                                                                  {"二级指标", 48},
                                                                  {"分值", 13, Align::kRight},
                                                                  {"得分", 14, Align::kRight},
                                                                  {"来源", 18},
                                                                  {"说明", 0}},
                                              Left(), Width(), Compact()),
                std::move(rows), {}, "指标得分表", "indicator table");

  text("二、考核指标（由业务数据自动计算）", Style(12, true), 6);
  std::vector<Row> kpis;
  for (const auto& k : r.kpis) kpis.push_back({k.name_zh, k.value, k.formula_zh, k.inputs});
  flow.Space(2);
  flow.AddTable(std::make_shared<const Table>(
                    doc, std::vector<Column>{{"指标", 28}, {"数值", 22, Align::kRight}, {"计算公式", 0}, {"输入数据", 48}},
                    Left(), Width(), Compact()),
                std::move(kpis), {}, "考核指标表", "KPI table");
  text("注：各项分值划分为本平台的假设（来源文件未给出分值）；按数据计算的指标按线性规则折算，详见平台文档。",
       Style(8, false, kMuted), 4);
  auto drawn = flow.Render(doc, kPage, [&](std::size_t page, std::size_t count) { footer.Draw(page, count); });
  if (!drawn) return std::move(drawn).error();
  return doc.Finish();
}

Result<std::string> RenderSelfEvaluationXlsx(const SelfEvaluationReport& r) {
  XlsxWriter x;
  x.AddSheet("自评得分");
  x.SetColumnWidths({16, 8, 34, 10, 10, 12, 50});
  x.WriteHeader({"一级指标", "代码", "二级指标", "分值", "得分", "来源", "说明"});
  for (const auto& i : r.indicators)
    x.WriteRow({i.group_zh, i.code, i.name_zh, Hundredths{i.max}, i.points ? CellValue(Hundredths{*i.points}) : CellValue{},
                i.points ? std::string(i.computed ? "按数据计算" : "填报") : std::string("未评分"), i.basis});
  x.WriteRow({std::string("合计"), std::string(""), std::string(""), Hundredths{10000}, Hundredths{r.total}, std::string(""),
              std::string("")});
  x.WriteRow({std::string("等次"), std::string(""), r.grade_zh, CellValue{}, CellValue{}, std::string(""), r.boundary_note});
  x.AddSheet("考核指标");
  x.SetColumnWidths({20, 14, 50, 50});
  x.WriteHeader({"指标", "数值", "计算公式", "输入数据"});
  for (const auto& k : r.kpis) x.WriteRow({k.name_zh, k.value, k.formula_zh, k.inputs});
  return x.Finish();
}

Result<std::string> RenderMonthlyXlsx(const MonthlyReport& r) {
  XlsxWriter x;
  x.AddSheet("月度上报");
  x.SetColumnWidths({24, 14, 16, 10, 12, 10, 12, 10, 14});
  x.WriteRow({r.region_name + " " + r.month + " 城镇老旧小区改造进展月报"});
  x.WriteHeader({"街道", "区划代码", "计划改造小区数", "已开工", "开工率(%)", "已完工", "完工率(%)", "户数", "投资(万元)"});
  auto row = [&](const MonthlyRow& m) {
    auto rate = [](const std::optional<std::int64_t>& v) { return v ? CellValue(Hundredths{*v}) : CellValue{}; };
    // 万元 with two decimals: fen ÷ 10 000 gives hundredths of 万元, half up.
    x.WriteRow({m.name, m.code, m.planned, m.started, rate(m.start_rate), m.completed, rate(m.completion_rate), m.households,
                Hundredths{(m.investment_fen + 5000) / 10000}});
  };
  for (const auto& s : r.streets) row(s);
  row(r.total);
  return x.Finish();
}

}  // namespace huanxin::report
