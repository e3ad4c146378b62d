#include "report/ballot_pdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testing/external_tools.hpp"

namespace huanxin::report {
namespace {

namespace fs = std::filesystem;

// The PDFs are checked the way a reader sees them: rasterised and scanned (poppler's pdftoppm,
// zbar's zbarimg), and their text extracted (pdftotext: only works when the fonts are embedded with
// a ToUnicode map). CI installs the tools (tools/install-deps.sh), so there a missing tool fails.
using namespace huanxin::testing;  // NOLINT(google-build-using-namespace): test helpers, this file only

bool HavePdfTools() {
  for (const char* tool : {kPdfToPpm, kZbarImg, kPdfToText, kPdfInfo})
    if (!HaveTool(tool)) return false;
  return true;
}

#define HX_REQUIRE_PDF_TOOLS() \
  HX_REQUIRE_TOOL(HavePdfTools(), "poppler-utils and zbar-tools (apt-get install poppler-utils zbar-tools)")

fs::path WritePdf(const TempDir& dir, const std::string& bytes) {
  fs::path path = dir.path() / "out.pdf";
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

int PageCount(const fs::path& pdf) {
  std::string info = RunCommand(std::string(kPdfInfo) + " " + Quote(pdf));
  auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

// The text of the QR code on each page, in page order.
std::vector<std::string> ScanPages(const TempDir& dir, const fs::path& pdf) {
  RunCommand(std::string(kPdfToPpm) + " -r 150 -png " + Quote(pdf) + " " + Quote(dir.path() / "page"));
  std::vector<fs::path> images;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    if (entry.path().filename().string().rfind("page-", 0) == 0) images.push_back(entry.path());
  std::sort(images.begin(), images.end());  // pdftoppm pads the numbers, so names sort as pages
  std::vector<std::string> texts;
  for (const fs::path& image : images) {
    std::string text = RunCommand(std::string(kZbarImg) + " --raw -q " + Quote(image) + " 2>/dev/null");
    while (!text.empty() && text.back() == '\n') text.pop_back();
    texts.push_back(text);
  }
  return texts;
}

std::string ExtractText(const fs::path& pdf) {
  return RunCommand(std::string(kPdfToText) + " -enc UTF-8 " + Quote(pdf) + " -");
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// pdftotext drops the spaces between Chinese characters and digits ("第 2 页" → "第2页").
bool ContainsIgnoringSpaces(std::string haystack, std::string needle) {
  std::erase(haystack, ' ');
  std::erase(needle, ' ');
  return Contains(haystack, needle);
}

const std::vector<std::string> kItemTitles = {
    "加装电梯（3号楼1单元）",
    "屋面防水",
    "外墙保温与立面整治，含空调机位统一规整、雨水管更换及外窗台防水处理，施工期间需临时占用楼前部分绿地",
    "楼道照明改造",
    "二次供水设施改造",
    "小区道路及停车位重新规划",
    "雨污分流改造",
    "增设电动自行车集中充电棚",
    "消防设施更新",
    "无障碍坡道及扶手",
    "使用专项维修资金支付本次改造中业主应承担的部分（每户按专有部分面积分摊）",
};

BallotPage SampleBallot(const std::string& dwelling, const std::string& code, const std::string& url,
                        std::size_t item_count = kItemTitles.size()) {
  BallotPage page;
  page.estate_name = "洪都街道 幸福里小区";
  page.consultation_title = "幸福里小区老旧小区改造方案表决";
  page.kind_label = "方案表决";
  page.law_note = "依据《民法典》第二百七十八条表决";
  page.dwelling_label = dwelling;
  page.owner_label = "张* 李*";
  page.code = code;
  page.qr_text = url;
  page.closes_at_label = "2026-12-01 截止";
  for (std::size_t i = 0; i < item_count; ++i)
    page.items.push_back({std::to_string(i + 1), kItemTitles[i % kItemTitles.size()]});
  return page;
}

const char* const kFooter = "幸福里小区业主委员会 · 投票码仅限本户使用一次，请妥善保管。";

std::string RenderOk(const std::vector<BallotPage>& pages) {
  auto pdf = RenderBallotsPdf(pages, kFooter);
  EXPECT_TRUE(pdf) << (pdf ? "" : pdf.error().reason + ": " + pdf.error().detail.en);
  return pdf ? *pdf : std::string();
}

TEST(RenderBallotsPdf, EachPageCarriesItsOwnQrCodeAndSearchableText) {
  const std::vector<BallotPage> pages = {
      SampleBallot("3号楼 1单元 502室", "K7Q2-M9XA", "https://huanxin.example.cn/h5/vote?code=K7Q2-M9XA&c=17"),
      SampleBallot("3号楼 1单元 601室", "P3WD-8HNE", "https://huanxin.example.cn/h5/vote?code=P3WD-8HNE&c=17"),
      SampleBallot("3号楼 2单元 101室", "Z5TR-2KCB", "https://huanxin.example.cn/h5/vote?code=Z5TR-2KCB&c=17"),
  };
  std::string bytes = RenderOk(pages);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), "%PDF");

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-ballot-pdf");
  ASSERT_FALSE(dir.path().empty());
  fs::path pdf = WritePdf(dir, bytes);
  EXPECT_EQ(PageCount(pdf), 3);  // 11 items fit on one page
  EXPECT_EQ(ScanPages(dir, pdf),
            (std::vector<std::string>{pages[0].qr_text, pages[1].qr_text, pages[2].qr_text}));

  std::string text = ExtractText(pdf);
  for (const BallotPage& page : pages) {
    EXPECT_TRUE(Contains(text, page.code)) << page.code;
    EXPECT_TRUE(Contains(text, page.dwelling_label)) << page.dwelling_label;
  }
  EXPECT_TRUE(Contains(text, "屋面防水"));
  EXPECT_TRUE(Contains(text, "二次供水设施改造"));
  EXPECT_TRUE(Contains(text, "业主签名"));
}

TEST(RenderBallotsPdf, LongBallotContinuesWithHeaderAndQrOnEveryPage) {
  const std::string url = "https://huanxin.example.cn/h5/vote?code=M4XE-7RQP&c=18";
  std::string bytes = RenderOk({SampleBallot("5号楼 3单元 1102室", "M4XE-7RQP", url, 40)});
  ASSERT_EQ(bytes.substr(0, 4), "%PDF");

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-ballot-pdf");
  ASSERT_FALSE(dir.path().empty());
  fs::path pdf = WritePdf(dir, bytes);
  int pages = PageCount(pdf);
  ASSERT_GE(pages, 2);
  EXPECT_EQ(ScanPages(dir, pdf), std::vector<std::string>(static_cast<std::size_t>(pages), url));
  std::string text = ExtractText(pdf);
  EXPECT_TRUE(ContainsIgnoringSpaces(text, "第 2 页 / 共 " + std::to_string(pages) + " 页"));
  EXPECT_TRUE(Contains(text, "40"));  // the last row made it onto the last page
}

TEST(RenderBallotsPdf, RefusesAnEmptyBatch) {
  auto pdf = RenderBallotsPdf({}, kFooter);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(pdf.error().reason, "report.pdf_nothing_to_print");
}

TEST(RenderBallotsPdf, RefusesInvalidUtf8) {
  BallotPage page = SampleBallot("3号楼 1单元 502室", "K7Q2-M9XA", "https://huanxin.example.cn/v/1", 2);
  page.items[1].title = "屋面\xff防水";
  auto pdf = RenderBallotsPdf({page}, kFooter);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().reason, "report.pdf_bad_input");
  EXPECT_TRUE(Contains(pdf.error().detail.en, "ballot 1")) << pdf.error().detail.en;
}

TEST(RenderBallotsPdf, RefusesAMissingOrOversizedQrText) {
  BallotPage page = SampleBallot("3号楼 1单元 502室", "K7Q2-M9XA", "", 2);
  auto empty = RenderBallotsPdf({page}, kFooter);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().reason, "report.pdf_bad_input");

  page.qr_text = "https://huanxin.example.cn/v/" + std::string(3000, 'x');  // beyond version 10 at level M
  auto oversized = RenderBallotsPdf({page}, kFooter);
  ASSERT_FALSE(oversized);
  EXPECT_EQ(oversized.error().reason, "report.pdf_bad_input");
}

TEST(RenderBallotsPdf, RefusesAnItemTooLongForAPage) {
  BallotPage page = SampleBallot("3号楼 1单元 502室", "K7Q2-M9XA", "https://huanxin.example.cn/v/1", 3);
  std::string huge;
  for (int i = 0; i < 400; ++i) huge += "外墙保温与立面整治";
  page.items[2].title = huge;
  auto pdf = RenderBallotsPdf({page}, kFooter);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(pdf.error().reason, "report.pdf_row_too_tall");
  EXPECT_TRUE(Contains(pdf.error().detail.en, "row 3")) << pdf.error().detail.en;
}

VisitSheet SampleSheet(int rows) {
  VisitSheet sheet;
  sheet.estate_name = "洪都街道 幸福里小区";
  sheet.consultation_title = "幸福里小区老旧小区改造方案表决";
  sheet.item_title = "加装电梯（3号楼1单元）";
  sheet.assignee_label = "王社工";
  sheet.printed_at = "2026-11-05 09:30";
  for (int i = 0; i < rows; ++i) {
    int floor = i / 2 + 1;
    sheet.rows.push_back({"3号楼 1单元 " + std::to_string(floor) + (i % 2 ? "02室" : "01室"), "陈*",
                          i % 3 ? "未投票" : "已投票", i % 4 ? "" : "11-03 不在家"});
  }
  return sheet;
}

TEST(RenderVisitSheetsPdf, SixtyRowsRunOverSeveralPages) {
  auto pdf = RenderVisitSheetsPdf({SampleSheet(60)});
  ASSERT_TRUE(pdf) << pdf.error().reason << ": " << pdf.error().detail.en;
  ASSERT_EQ(pdf->substr(0, 4), "%PDF");

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-ballot-pdf");
  ASSERT_FALSE(dir.path().empty());
  fs::path path = WritePdf(dir, *pdf);
  int pages = PageCount(path);
  EXPECT_GE(pages, 2);
  std::string text = ExtractText(path);
  EXPECT_TRUE(Contains(text, "3号楼 1单元 101室"));  // first row
  EXPECT_TRUE(Contains(text, "3号楼 1单元 3002室"));  // last row
  EXPECT_TRUE(Contains(text, "再考虑"));
  EXPECT_TRUE(ContainsIgnoringSpaces(text, "共 " + std::to_string(pages) + " 页"));
}

TEST(RenderVisitSheetsPdf, EachSheetStartsOnANewPageEvenWithoutRows) {
  auto pdf = RenderVisitSheetsPdf({SampleSheet(3), SampleSheet(0)});
  ASSERT_TRUE(pdf) << pdf.error().reason << ": " << pdf.error().detail.en;

  HX_REQUIRE_PDF_TOOLS();
  TempDir dir("hx-ballot-pdf");
  ASSERT_FALSE(dir.path().empty());
  EXPECT_EQ(PageCount(WritePdf(dir, *pdf)), 2);
}

TEST(RenderVisitSheetsPdf, RefusesAnEmptyBatch) {
  auto pdf = RenderVisitSheetsPdf({});
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().reason, "report.pdf_nothing_to_print");
}

}  // namespace
}  // namespace huanxin::report
