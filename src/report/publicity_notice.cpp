#include "report/publicity_notice.hpp"

#include <string_view>

#include "report/checkup_report.hpp"  // EscapeHtml
#include "report/qr_code.hpp"

namespace huanxin::report {

namespace {

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 18mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 12pt; color: #111; background: #fff; }
body { margin: 0; }
main { max-width: 174mm; margin: 0 auto; padding: 6mm 0; }
header { text-align: center; border-bottom: 3px double #b31a1a; padding-bottom: 4mm; margin-bottom: 5mm; }
.kind { color: #b31a1a; font-size: 26pt; font-weight: bold; letter-spacing: 0.3em; margin: 0; }
h1 { font-size: 17pt; margin: 3mm 0 1mm; }
.project { color: #444; margin: 0; }
.revised { color: #b31a1a; font-size: 10pt; margin: 1mm 0 0; }
.body p { text-indent: 2em; line-height: 1.8; margin: 0 0 2mm; }
.window { border: 1px solid #888; padding: 3mm 4mm; margin: 6mm 0 4mm; display: flex; gap: 6mm; align-items: center; break-inside: avoid; }
.window .text { flex: 1; line-height: 1.8; }
.window .qr { text-align: center; font-size: 8.5pt; color: #444; }
.window .qr .url { word-break: break-all; max-width: 40mm; }
.sign { text-align: right; margin-top: 8mm; line-height: 1.8; }
)css";

// "2026-12-04" → "2026年12月4日" (Beijing dates as they are written on paper).
std::string ChineseDate(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  auto unpad = [](std::string_view two) { return std::string(two[0] == '0' ? two.substr(1) : two); };
  return std::string(iso.substr(0, 4)) + "年" + unpad(iso.substr(5, 2)) + "月" + unpad(iso.substr(8, 2)) + "日";
}

// One <p> per non-empty line.
std::string Paragraphs(std::string_view body) {
  std::string out;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    auto line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) out += "<p>" + EscapeHtml(line) + "</p>\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::string> RenderPublicityNoticeHtml(const PublicityNoticePage& p) {
  auto qr = EncodeQr(p.public_url);
  if (!qr) return std::move(qr).error();
  const std::string window = ChineseDate(p.starts_on) + "至" + ChineseDate(p.ends_on);
  const std::string days = std::to_string(p.working_days);
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + EscapeHtml(p.title) +
       "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n<header>\n";
  h += "<p class=\"kind\">" + EscapeHtml(p.kind_name) + "</p>\n";
  h += "<h1>" + EscapeHtml(p.title) + "</h1>\n";
  h += "<p class=\"project\">项目：" + EscapeHtml(p.project_name) + "</p>\n";
  if (p.version > 1)
    h += "<p class=\"revised\">（第" + std::to_string(p.version) + "版，替代此前张贴的版本，公示期重新计算）</p>\n";
  h += "</header>\n<section class=\"body\">\n" + Paragraphs(p.body) + "</section>\n";
  h += "<section class=\"window\">\n<div class=\"text\">\n";
  h += "<p><b>公示期：</b>" + EscapeHtml(window) + "（共" + days + "个工作日，节假日不计）。</p>\n";
  h += "<p><b>意见反馈：</b>公示期内如有异议，请扫描右侧二维码或访问下方网址在线提出，可留姓名和电话以便答复；";
  h += p.publisher.empty() ? std::string("也可向所在街道办事处或社区反映。") : "也可向" + EscapeHtml(p.publisher) + "反映。";
  h += "</p>\n</div>\n<div class=\"qr\">" + QrSvg(*qr, "32mm") + "<div>扫码查看公示、提出意见</div><div class=\"url\">" +
       EscapeHtml(p.public_url) + "</div></div>\n</section>\n";
  h += "<div class=\"sign\">";
  if (!p.publisher.empty()) h += EscapeHtml(p.publisher) + "<br>";
  h += EscapeHtml(ChineseDate(p.printed_on)) + "</div>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace huanxin::report
