#include "report/checkup_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/tabular/xlsx_reader.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::report {
namespace {

namespace fs = std::filesystem;

// The outputs are checked the way a reader sees them: PDF text extracted and pages counted by
// poppler (pdftotext only works when the fonts are embedded with a ToUnicode map), XLSX opened by
// openpyxl. CI installs the tools, so there a missing tool fails.
using namespace huanxin::testing;  // NOLINT(google-build-using-namespace): test helpers, this file only

#define HX_REQUIRE_PDF_TOOLS() \
  HX_REQUIRE_TOOL(HaveTool(kPdfToText) && HaveTool(kPdfInfo) && HaveTool(kPdfToPpm), "poppler-utils")

fs::path WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

int PageCount(const fs::path& pdf) {
  std::string info = RunCommand(std::string(kPdfInfo) + " " + Quote(pdf));
  auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

// pdftotext drops spaces between Chinese characters and digits, and wraps table cells: compare
// without whitespace.
std::string Squeeze(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  return s;
}

std::string ExtractText(const fs::path& pdf) {
  return Squeeze(RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + Quote(pdf) + " -"));
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// When HX_REPORT_SAMPLE_DIR is set, keeps the rendered file there for a person to look at.
void KeepSample(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("HX_REPORT_SAMPLE_DIR");
  if (dir == nullptr || *dir == '\0') return;
  fs::create_directories(dir);
  WriteFile(fs::path(dir) / name, bytes);
}

// ---------------------------------------------------------------------------------------------
// Sample data: the 21 national indicators (9 housing, 12 estate) and ~40 problems.

struct IndicatorSpec {
  const char* code;
  const char* name;
  const char* sub_dimension;
  const char* unit;
};

const std::vector<IndicatorSpec> kIndicators = {
    {"H01", "存在结构安全隐患的住宅", "安全耐久", "栋"},
    {"H02", "存在燃气安全隐患的住宅", "安全耐久", "栋"},
    {"H03", "存在楼道安全隐患的住宅", "安全耐久", "栋"},
    {"H04", "存在围护安全隐患的住宅", "安全耐久", "栋"},
    {"H05", "存在管线管道破损的住宅", "功能完备", "栋"},
    {"H06", "入户水质水压不达标的住宅", "功能完备", "套"},
    {"H07", "需要安装电梯的住宅", "功能完备", "栋"},
    {"H08", "存在节能改造需求的住宅", "绿色智能", "栋"},
    {"H09", "需要进行数字化改造的住宅", "绿色智能", "栋"},
    {"C10", "未达标配建的养老服务设施", "设施完善", "个(缺口)"},
    {"C11", "未达标配建的婴幼儿照护服务设施", "设施完善", "个(缺口)"},
    {"C12", "未达标配建的幼儿园", "设施完善", "个(缺口)"},
    {"C13", "小学学位缺口数", "设施完善", "个(缺口)"},
    {"C14", "停车泊位缺口数", "设施完善", "个(缺口)"},
    {"C15", "新能源汽车充电桩缺口数", "设施完善", "个(缺口)"},
    {"C16", "未达标配建的公共活动场地", "环境宜居", "个"},
    {"C17", "不达标的步行道", "环境宜居", "千米"},
    {"C18", "未实施生活垃圾分类的小区", "环境宜居", "个"},
    {"C19", "存在消防隐患的小区", "管理健全", "个"},
    {"C20", "需要进行智慧化改造的小区", "管理健全", "个"},
    {"C21", "未实现物业服务覆盖的小区", "管理健全", "个"},
};

struct SeveritySpec {
  core::checkup::Severity severity;
  const char* label;  // how the documents name it
};
const std::vector<SeveritySpec> kSeverities = {{core::checkup::Severity::kSevere, "严重隐患"},
                                               {core::checkup::Severity::kLargerHazard, "较大隐患"},
                                               {core::checkup::Severity::kHazard, "隐患"},
                                               {core::checkup::Severity::kProblem, "不达标"}};

const char* const kTitle = "桃花新村 2026年城市体检（住房与小区）报告";
const char* const kHostileNote = "<script>alert(\"x\")</script> 住户称 A&B 'quoted'";

CheckupProblemRow Problem(std::size_t i) {
  const IndicatorSpec& ind = kIndicators[(i * 5) % kIndicators.size()];
  const SeveritySpec& sev = kSeverities[i % kSeverities.size()];
  CheckupProblemRow p;
  p.object_label = std::to_string(i % 12 + 1) + "号楼";
  p.indicator_code = ind.code;
  p.indicator_name = ind.name;
  p.criterion_name = i == 7 ? "外墙饰面脱落" : std::string("判定子项") + std::to_string(i + 1);
  p.severity = sev.severity;
  p.value_label = i % 3 == 0 ? std::to_string(5 + i) + " m²" : "";
  p.note = i == 3 ? kHostileNote : (i % 4 == 0 ? "现场照片见附件，北立面三至五层空鼓明显" : "");
  p.suggested_items = i % 2 == 0 ? "外墙修缮、空调机位规整" : "楼道照明改造";
  return p;
}

std::vector<CheckupIndicatorRow> Indicators() {
  std::vector<CheckupIndicatorRow> rows;
  for (std::size_t i = 0; i < kIndicators.size(); ++i) {
    CheckupIndicatorRow r;
    r.code = kIndicators[i].code;
    r.name = kIndicators[i].name;
    r.sub_dimension = kIndicators[i].sub_dimension;
    r.problem_unit = kIndicators[i].unit;
    r.objects = static_cast<std::int64_t>((i * 7) % 11);
    r.problems = r.objects + static_cast<std::int64_t>(i % 3);
    if (r.objects > 0) r.worst = kSeverities[i % kSeverities.size()].severity;
    if (i % 3 != 2) r.previous_objects = static_cast<std::int64_t>((i * 5) % 9);
    rows.push_back(r);
  }
  return rows;
}

CheckupEstateReport EstateReport(std::size_t problem_count = 40) {
  CheckupEstateReport r;
  r.title = kTitle;
  r.estate_name = "桃花新村";
  r.region_path = "江西省 南昌市 东湖区 豫章街道 桃花社区";
  r.address = "东湖区桃花路 88 号";
  r.catalog_label = "2024 版国家体检指标（第 1 版）";
  r.period_label = "2026 年度";
  r.status_label = "已审核";
  r.generated_at = "2026-05-12 10:30";
  r.facts = {{"建成年份", "1992"},
             {"楼栋数", "12 栋"},
             {"户数", "486 户"},
             {"总建筑面积", "38,215.40 m²"},
             {"备注", "业主自填 <b>粗体</b> & 其他"}};
  r.indicators = Indicators();
  r.by_sub_dimension = {{"安全耐久", 14}, {"功能完备", 9}, {"绿色智能", 4},
                        {"设施完善", 7},  {"环境宜居", 4}, {"管理健全", 2}};
  r.by_severity = {{core::checkup::Severity::kSevere, 10},
                   {core::checkup::Severity::kLargerHazard, 10},
                   {core::checkup::Severity::kHazard, 10},
                   {core::checkup::Severity::kProblem, 10}};
  for (std::size_t i = 0; i < problem_count; ++i) r.problems.push_back(Problem(i));
  r.suggested_items = {"外墙修缮", "空调机位规整", "楼道照明改造", "加装电梯", "增设充电设施"};
  return r;
}

CheckupAreaReport AreaReport() {
  CheckupAreaReport r;
  r.title = "豫章街道 2026年城市体检（住房与小区）片区报告";
  r.region_label = "江西省 南昌市 东湖区 豫章街道";
  r.catalog_label = "2024 版国家体检指标（第 1 版）";
  r.period_label = "2026 年度";
  r.generated_at = "2026-05-12 10:30";
  r.estates = {{"桃花新村", "桃花社区", "已审核", 40, 10, 10, 10, 10},
               {"幸福里小区", "幸福社区", "已提交", 12, 1, 3, 4, 4},
               {"百花洲小区", "桃花社区", "已审核", 0, 0, 0, 0, 0}};
  r.indicators = Indicators();
  for (std::size_t i = 0; i < 30; ++i) {
    CheckupProblemRow p = Problem(i);
    p.object_label = (i % 2 == 0 ? "桃花新村 " : "幸福里小区 ") + p.object_label;
    r.problems.push_back(p);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// EscapeHtml.

TEST(EscapeHtml, EscapesMarkupAmpersandAndBothQuotes) {
  EXPECT_EQ(EscapeHtml("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(EscapeHtml("A&B"), "A&amp;B");
  EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;");  // already-escaped text is text: escaped again
  EXPECT_EQ(EscapeHtml("say \"hi\" and 'bye'"), "say &quot;hi&quot; and &#39;bye&#39;");
  EXPECT_EQ(EscapeHtml("桃花新村 3号楼"), "桃花新村 3号楼");
  EXPECT_EQ(EscapeHtml(std::string_view("a\0b", 3)), "ab");
  EXPECT_EQ(EscapeHtml(""), "");
}

// ---------------------------------------------------------------------------------------------
// PDF.

TEST(RenderCheckupPdf, EstateReportIsSearchableAndRunsOverSeveralPages) {
  const CheckupEstateReport report = EstateReport();
  auto pdf = RenderCheckupPdf(report);
  ASSERT_TRUE(pdf) << pdf.error().reason << ": " << pdf.error().detail.en;
  ASSERT_GE(pdf->size(), 4u);
  EXPECT_EQ(pdf->substr(0, 4), "%PDF");
  KeepSample("checkup-report.pdf", *pdf);

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-checkup-report");
  ASSERT_FALSE(dir.path().empty());
  const fs::path path = WriteFile(dir.path() / "report.pdf", *pdf);
  const int pages = PageCount(path);
  EXPECT_GE(pages, 2);

  const std::string text = ExtractText(path);
  EXPECT_TRUE(Contains(text, Squeeze(kTitle)));
  EXPECT_TRUE(Contains(text, "7号楼"));
  EXPECT_TRUE(Contains(text, "外墙饰面脱落"));
  for (const SeveritySpec& s : kSeverities) EXPECT_TRUE(Contains(text, s.label)) << s.label;
  EXPECT_TRUE(Contains(text, "38,215.40m²"));   // a fact
  EXPECT_TRUE(Contains(text, "判定子项40"));    // the last problem: none lost at a page break
  EXPECT_TRUE(Contains(text, "增设充电设施"));  // a suggested item
  EXPECT_TRUE(Contains(text, "第1页/共" + std::to_string(pages) + "页"));
  EXPECT_TRUE(Contains(text, "第" + std::to_string(pages) + "页/共" + std::to_string(pages) + "页"));
  EXPECT_TRUE(Contains(text, "2026-05-1210:30"));  // generated time in the footer
}

TEST(RenderCheckupPdf, ProblemTableRepeatsItsHeadingOnEveryPage) {
  auto pdf = RenderCheckupPdf(EstateReport(160));
  ASSERT_TRUE(pdf) << pdf.error().reason;

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-checkup-report");
  ASSERT_FALSE(dir.path().empty());
  const fs::path path = WriteFile(dir.path() / "report.pdf", *pdf);
  const int pages = PageCount(path);
  ASSERT_GE(pages, 4);
  // The last page holds only problem rows (and the items): its table starts with the heading.
  const std::string last = Squeeze(RunCommand(std::string(kPdfToText) + " -enc UTF-8 -f " + std::to_string(pages) +
                                              " -l " + std::to_string(pages) + " " + Quote(path) + " -"));
  EXPECT_TRUE(Contains(last, "建议改造内容")) << last;
  EXPECT_TRUE(Contains(last, "判定子项160"));
}

TEST(RenderCheckupPdf, EmptyReportStillRenders) {
  CheckupEstateReport report;
  report.title = "空白小区 体检报告";
  auto pdf = RenderCheckupPdf(report);
  ASSERT_TRUE(pdf) << pdf.error().reason;
  EXPECT_EQ(pdf->substr(0, 4), "%PDF");
}

TEST(RenderCheckupPdf, RefusesInvalidUtf8) {
  CheckupEstateReport report = EstateReport(3);
  report.problems[1].note = "\xff\xfe";
  auto pdf = RenderCheckupPdf(report);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().reason, "report.pdf_bad_input");
  EXPECT_TRUE(Contains(pdf.error().detail.en, "problem 2")) << pdf.error().detail.en;
}

TEST(RenderCheckupAreaPdf, ListsEstatesIndicatorsAndProblems) {
  auto pdf = RenderCheckupAreaPdf(AreaReport());
  ASSERT_TRUE(pdf) << pdf.error().reason << ": " << pdf.error().detail.en;
  EXPECT_EQ(pdf->substr(0, 4), "%PDF");
  KeepSample("checkup-area-report.pdf", *pdf);

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-checkup-report");
  ASSERT_FALSE(dir.path().empty());
  const fs::path path = WriteFile(dir.path() / "area.pdf", *pdf);
  EXPECT_GE(PageCount(path), 2);
  const std::string text = ExtractText(path);
  EXPECT_TRUE(Contains(text, "豫章街道2026年城市体检"));
  EXPECT_TRUE(Contains(text, "百花洲小区"));
  EXPECT_TRUE(Contains(text, "幸福里小区2号楼"));
  EXPECT_TRUE(Contains(text, "合计"));
}

// ---------------------------------------------------------------------------------------------
// HTML.

TEST(RenderCheckupHtml, IsSelfContainedAndEscapesUserText) {
  const std::string html = RenderCheckupHtml(EstateReport());
  KeepSample("checkup-report.html", html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(Contains(html, "<style>"));
  EXPECT_TRUE(Contains(html, "@page"));
  EXPECT_TRUE(Contains(html, "<svg"));
  EXPECT_TRUE(Contains(html, EscapeHtml(kTitle)));
  EXPECT_TRUE(Contains(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 住户称 A&amp;B &#39;quoted&#39;"));
  EXPECT_TRUE(Contains(html, "业主自填 &lt;b&gt;粗体&lt;/b&gt; &amp; 其他"));
  EXPECT_TRUE(Contains(html, "外墙饰面脱落"));
  EXPECT_TRUE(Contains(html, "class=\"center sev-severe\""));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<b>粗体"));
  EXPECT_FALSE(Contains(html, "<link"));
  EXPECT_FALSE(Contains(html, "src="));
  EXPECT_FALSE(Contains(html, "url("));
}

TEST(RenderCheckupAreaHtml, HasEveryEstateAndNoScript) {
  CheckupAreaReport report = AreaReport();
  report.estates[1].estate_name = "<script>x</script>小区";
  const std::string html = RenderCheckupAreaHtml(report);
  EXPECT_TRUE(Contains(html, "百花洲小区"));
  EXPECT_TRUE(Contains(html, "&lt;script&gt;x&lt;/script&gt;小区"));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_TRUE(Contains(html, "<svg"));
}

// ---------------------------------------------------------------------------------------------
// XLSX.

TEST(RenderProblemListXlsx, ReadsBackWithHeaderAndOneRowPerProblem) {
  const CheckupEstateReport report = EstateReport();
  auto xlsx = RenderProblemListXlsx("桃花新村问题清单", report.problems);
  ASSERT_TRUE(xlsx) << xlsx.error().reason;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");

  HX_REQUIRE_TOOL(HaveOpenpyxl(), "python3-openpyxl");
  TempDir dir("hx-checkup-report");
  ASSERT_FALSE(dir.path().empty());
  const fs::path path = WriteFile(dir.path() / "problems.xlsx", *xlsx);
  const std::string script =
      "import sys, openpyxl\n"
      "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
      "rows = list(ws.iter_rows(values_only=True))\n"
      "print(ws.title)\n"
      "print('|'.join(str(c) for c in rows[0]))\n"
      "print(len(rows) - 1)\n"
      "print(rows[8][4])\n"
      "print(rows[4][7])\n";
  const std::string out =
      RunCommand(std::string(kPython) + " -c \"$(cat <<'EOF'\n" + script + "EOF\n)\" " + Quote(path));
  EXPECT_EQ(out, std::string("桃花新村问题清单\n") + "序号|对象|指标编码|指标|子项|严重程度|量值|说明|建议改造内容\n" +
                     std::to_string(report.problems.size()) + "\n外墙饰面脱落\n" + kHostileNote + "\n");
}

// ---------------------------------------------------------------------------------------------
// Batch (issue #16): the documents of many estates, rendered on several threads with fonts cut
// down for the batch, read back the same as those rendered one at a time.

std::vector<std::vector<std::string>> XlsxCells(const std::string& bytes) {
  std::vector<std::vector<std::string>> rows;
  auto read = tabular::ReadXlsx(bytes, [&](std::size_t, std::vector<std::string>& cells) {
    rows.push_back(cells);
    return true;
  });
  EXPECT_TRUE(read) << read.error().reason;
  return rows;
}

std::vector<CheckupBatchItem> BatchItems() {
  // Reports of different lengths and wording: each estate its own name, problems and notes; one
  // with characters the other reports do not use (among them one outside the CJK font, which the
  // system draws with another font: the batch must fall back for that report alone).
  const std::vector<std::size_t> sizes = {0, 3, 40, 130, 12, 7};
  const std::vector<std::string> names = {"桃花新村", "幸福里小区", "百花洲", "鑫淼犇苑", "青云谱路 12 号院", "湖滨小区"};
  std::vector<CheckupBatchItem> items;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    CheckupBatchItem item;
    item.report = EstateReport(sizes[i]);
    item.report.estate_name = names[i];
    item.report.title = names[i] + " 2026年城市体检（住房与小区）报告";
    for (std::size_t k = 0; k < item.report.problems.size(); ++k)
      item.report.problems[k].object_label = names[i] + " " + std::to_string(k + 1) + "号楼";
    if (i == 3) {
      item.report.address = "瓯海区 𠮷野家 旁 ✆ 88 号";
      item.report.suggested_items.push_back("屋面防水（含檐沟、落水管）");
    }
    item.xlsx = i % 2 == 0;
    item.sheet_title = names[i] + "问题清单";
    item.problem_list = item.report.problems;
    items.push_back(std::move(item));
  }
  return items;
}

TEST(RenderCheckupBatch, SameTextPagesAndCellsAsOneAtATime) {
  const std::vector<CheckupBatchItem> items = BatchItems();
  const auto batch = RenderCheckupBatch(items, 2);
  ASSERT_EQ(batch.size(), items.size());

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-checkup-batch");
  ASSERT_FALSE(dir.path().empty());
  for (std::size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE("item " + std::to_string(i));
    auto single = RenderCheckupPdf(items[i].report);
    ASSERT_TRUE(single) << single.error().reason;
    ASSERT_TRUE(batch[i].pdf) << batch[i].pdf.error().reason;
    const fs::path one = WriteFile(dir.path() / ("single-" + std::to_string(i) + ".pdf"), *single);
    const fs::path many = WriteFile(dir.path() / ("batch-" + std::to_string(i) + ".pdf"), *batch[i].pdf);
    KeepSample("checkup-single-" + std::to_string(i) + ".pdf", *single);
    KeepSample("checkup-batch-" + std::to_string(i) + ".pdf", *batch[i].pdf);
    const int pages = PageCount(one);
    EXPECT_GE(pages, 1);
    EXPECT_EQ(PageCount(many), pages);
    // The text layer as extracted, whitespace and line breaks included.
    const std::string text = RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + Quote(one) + " -");
    EXPECT_TRUE(Contains(text, items[i].report.estate_name));
    EXPECT_EQ(RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + Quote(many) + " -"), text);
    // And the pages look the same: the same outlines at the same places.
    for (const auto& [pdf, prefix] : {std::pair{one, "s"}, std::pair{many, "b"}})
      RunCommand(std::string(kPdfToPpm) + " -r 40 -gray " + Quote(pdf) + " " + Quote(dir.path() / (prefix + std::to_string(i))));
    auto images = [&](const std::string& prefix) {
      std::vector<std::string> pixels;  // page images in page order (pdftoppm numbers them)
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir.path()))
        if (e.path().filename().string().starts_with(prefix + std::to_string(i) + "-")) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        pixels.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      return pixels;
    };
    const auto pixels_one = images("s");
    EXPECT_EQ(pixels_one.size(), static_cast<std::size_t>(pages));
    EXPECT_TRUE(images("b") == pixels_one) << "the pages differ";
    ASSERT_TRUE(batch[i].xlsx) << batch[i].xlsx.error().reason;
    if (!items[i].xlsx) {
      EXPECT_TRUE(batch[i].xlsx->empty());
      continue;
    }
    auto xlsx = RenderProblemListXlsx(items[i].sheet_title, items[i].problem_list);
    ASSERT_TRUE(xlsx) << xlsx.error().reason;
    const auto cells = XlsxCells(*xlsx);
    EXPECT_EQ(cells.size(), items[i].problem_list.size() + 1);
    EXPECT_EQ(XlsxCells(*batch[i].xlsx), cells);
  }
}

TEST(RenderCheckupBatch, OneThreadGivesTheSameBytesAsTwo) {
  // Separate documents on separate threads share nothing: the PDFs do not depend on the threads.
  std::vector<CheckupBatchItem> items = BatchItems();
  for (auto& item : items) item.report.address.clear();  // every character inside the subset
  const auto one = RenderCheckupBatch(items, 1);
  const auto two = RenderCheckupBatch(items, 2);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    ASSERT_TRUE(one[i].pdf && two[i].pdf);
    EXPECT_EQ(one[i].pdf->size(), two[i].pdf->size()) << i;
  }
}

TEST(RenderCheckupBatch, AnItemWithInvalidTextFailsAlone) {
  std::vector<CheckupBatchItem> items = BatchItems();
  items[2].report.problems[1].note = std::string("\xff\xfe broken", 9);
  const auto batch = RenderCheckupBatch(items);
  ASSERT_EQ(batch.size(), items.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i == 2) {
      ASSERT_FALSE(batch[i].pdf);
      EXPECT_EQ(batch[i].pdf.error().reason, "report.pdf_bad_input");
    } else {
      EXPECT_TRUE(batch[i].pdf) << i;
    }
  }
  EXPECT_TRUE(RenderCheckupBatch({}).empty());
}

TEST(RenderProblemListXlsx, EmptyListHasTheHeaderOnly) {
  auto xlsx = RenderProblemListXlsx("问题清单", {});
  ASSERT_TRUE(xlsx) << xlsx.error().reason;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
}

}  // namespace
}  // namespace huanxin::report
