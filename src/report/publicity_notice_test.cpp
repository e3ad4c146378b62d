#include "report/publicity_notice.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

#include "report/qr_code.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::report {
namespace {

namespace fs = std::filesystem;
using namespace huanxin::testing;  // NOLINT(google-build-using-namespace): test helpers, this file only

const std::string kUrl = "https://huanxin.example.cn/h5/#/publicity/12345";

bool Has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The modules the SVG path paints (runs "M x y h w v1h-w z", offset by the quiet zone).
std::vector<bool> Painted(const std::string& svg, int size) {
  std::vector<bool> dark(static_cast<std::size_t>(size) * size, false);
  static const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  for (std::sregex_iterator it(svg.begin(), svg.end(), run), end; it != end; ++it) {
    const int x = std::stoi((*it)[1]) - kQrQuietModules, y = std::stoi((*it)[2]) - kQrQuietModules;
    const int w = std::stoi((*it)[3]);
    EXPECT_EQ(w, std::stoi((*it)[4]));
    for (int c = x; c < x + w; ++c) dark[static_cast<std::size_t>(y) * size + c] = true;
  }
  return dark;
}

TEST(EncodeQr, ChoosesTheSmallestVersionAtLevelM) {
  auto small = EncodeQr("HX");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->size, 21);  // version 1
  auto url = EncodeQr(kUrl + "-" + std::string(8, 'x'));  // 56 bytes: version 4 holds 62 at level M
  ASSERT_TRUE(url);
  EXPECT_EQ(url->size, 33);
}

TEST(EncodeQr, RefusesEmptyAndOverlongText) {
  auto empty = EncodeQr("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().reason, "report.qr_empty");
  auto huge = EncodeQr(std::string(kQrMaxBytes + 1, 'x'));  // beyond version 10 at level M (213 bytes)
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().reason, "report.qr_too_long");
}

TEST(QrSvg, PaintsExactlyTheDarkModules) {
  auto qr = EncodeQr(kUrl);
  ASSERT_TRUE(qr);
  const std::string svg = QrSvg(*qr, "32mm");
  const std::string side = std::to_string(qr->size + 2 * kQrQuietModules);
  EXPECT_TRUE(Has(svg, "viewBox=\"0 0 " + side + " " + side + "\"")) << svg.substr(0, 200);
  EXPECT_TRUE(Has(svg, "width=\"32mm\""));
  EXPECT_EQ(Painted(svg, qr->size), qr->dark);
}

// The symbol as a real reader sees it: drawn as a greyscale image (8 px per module, quiet zone
// included) and decoded by zbar.
TEST(QrSvg, DecodesToTheUrlWithZbar) {
  HX_REQUIRE_TOOL(HaveTool(kZbarImg), "zbar-tools (apt-get install zbar-tools)");
  auto qr = EncodeQr(kUrl);
  ASSERT_TRUE(qr);
  const int scale = 8, side = (qr->size + 2 * kQrQuietModules) * scale;
  TempDir dir("hx-qr");
  const fs::path image = dir.path() / "qr.pgm";
  {
    std::ofstream out(image, std::ios::binary);
    out << "P5\n" << side << " " << side << "\n255\n";
    for (int y = 0; y < side; ++y)
      for (int x = 0; x < side; ++x) {
        const int row = y / scale - kQrQuietModules, col = x / scale - kQrQuietModules;
        const bool dark = row >= 0 && col >= 0 && row < qr->size && col < qr->size && qr->Dark(row, col);
        out.put(static_cast<char>(dark ? 0 : 255));
      }
  }
  std::string text = RunCommand(std::string(kZbarImg) + " --raw -q " + Quote(image) + " 2>/dev/null");
  while (!text.empty() && text.back() == '\n') text.pop_back();
  EXPECT_EQ(text, kUrl);
}

PublicityNoticePage Page() {
  PublicityNoticePage p;
  p.kind_name = "改造方案公示";
  p.title = "洪都新村改造方案 <script>alert(1)</script>";
  p.body = "一、改造内容：雨污分流、屋面防水。\n\n二、资金来源：中央补助 & 居民出资。\r\n";
  p.project_name = "洪都新村片区";
  p.publisher = "洪都街道";
  p.starts_on = "2026-09-24";
  p.ends_on = "2026-10-10";
  p.working_days = 7;
  p.public_url = kUrl;
  p.printed_on = "2026-09-23";
  return p;
}

TEST(RenderPublicityNoticeHtml, IsAnA4PageWithWindowChannelAndQr) {
  auto html = RenderPublicityNoticeHtml(Page());
  ASSERT_TRUE(html);
  EXPECT_TRUE(Has(*html, "@page { size: A4;"));
  EXPECT_TRUE(Has(*html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(Has(*html, "改造方案公示"));
  EXPECT_TRUE(Has(*html, "洪都新村改造方案 &lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(Has(*html, "<script>"));
  EXPECT_TRUE(Has(*html, "<p>一、改造内容：雨污分流、屋面防水。</p>\n<p>二、资金来源：中央补助 &amp; 居民出资。</p>"));
  EXPECT_TRUE(Has(*html, "项目：洪都新村片区"));
  EXPECT_TRUE(Has(*html, "2026年9月24日至2026年10月10日（共7个工作日"));
  EXPECT_TRUE(Has(*html, "也可向洪都街道反映"));
  EXPECT_TRUE(Has(*html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(Has(*html, kUrl));
  EXPECT_TRUE(Has(*html, "2026年9月23日"));
  EXPECT_FALSE(Has(*html, "第1版"));
}

TEST(RenderPublicityNoticeHtml, SaysARevisionReplacesTheEarlierVersion) {
  auto p = Page();
  p.version = 2;
  p.publisher.clear();
  auto html = RenderPublicityNoticeHtml(p);
  ASSERT_TRUE(html);
  EXPECT_TRUE(Has(*html, "第2版，替代此前张贴的版本"));
  EXPECT_TRUE(Has(*html, "也可向所在街道办事处或社区反映"));
}

TEST(RenderPublicityNoticeHtml, RefusesAnEmptyUrl) {
  auto p = Page();
  p.public_url.clear();
  auto html = RenderPublicityNoticeHtml(p);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().reason, "report.qr_empty");
}

}  // namespace
}  // namespace huanxin::report
