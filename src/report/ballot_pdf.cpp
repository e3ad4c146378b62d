#include "report/ballot_pdf.hpp"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "report/pdf_kit.hpp"
#include "report/qr_code.hpp"

namespace huanxin::report {
namespace {

// The shared PDF toolkit: document, text, tables, pagination, footer.
using namespace pdf_kit;  // NOLINT(google-build-using-namespace): internal, this file only

// The QR symbol itself is at least this wide; the quiet zone comes on top of it.
constexpr double kQrSymbolMm = 30;

// ---------------------------------------------------------------------------------------------
// Errors.

Error NothingToPrint() {
  return MakeError(ErrorCode::kUnprocessable, "report.pdf_nothing_to_print",
                   Text("没有可打印的内容", "there is nothing to print"), {},
                   Text("请先选择要打印的房屋", "choose the dwellings to print first"));
}

// ---------------------------------------------------------------------------------------------
// QR code.

// A QR symbol (qr_code.hpp) with its printed size.
struct QrMatrix : QrCode {
  // Side of one module so that the symbol (without quiet zone) is kQrSymbolMm wide.
  double module_pt() const { return Mm(kQrSymbolMm) / size; }
  // Side of the symbol with its quiet zone.
  double side_pt() const { return module_pt() * (size + 2 * kQrQuietModules); }
};

Result<QrMatrix> EncodeQr(const std::string& text, const std::string& where) {
  if (text.empty()) return BadInput(where + " 没有二维码内容", where + ": qr_text is empty");
  auto code = report::EncodeQr(text);
  if (!code) return BadInput(where + " 的" + code.error().message.zh, where + ": " + code.error().message.en);
  QrMatrix matrix;
  static_cast<QrCode&>(matrix) = std::move(*code);
  return matrix;
}

// Draws the symbol with (x, y) the top-left corner of its quiet zone, which is left blank.
void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y) {
  const double module = qr.module_pt();
  const double origin_x = x + kQrQuietModules * module;
  const double origin_y = y + kQrQuietModules * module;
  // One path for the whole symbol, filled once: rectangles filled one by one leave hairline seams
  // between neighbours in anti-aliasing viewers, which can break scanning. Runs of dark modules
  // in a row become one rectangle to keep the path short.
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size;) {
      if (!qr.dark[static_cast<std::size_t>(row) * qr.size + col]) {
        ++col;
        continue;
      }
      int end = col;
      while (end < qr.size && qr.dark[static_cast<std::size_t>(row) * qr.size + end]) ++end;
      cairo_rectangle(cr, origin_x + col * module, origin_y + row * module, (end - col) * module, module);
      col = end;
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_fill(cr);
}

// ---------------------------------------------------------------------------------------------
// Ballots: A4 portrait.

namespace ballot {

constexpr double kMarginXMm = 18;
constexpr double kMarginTopMm = 15;
constexpr double kMarginBottomMm = 12;
constexpr double kHeaderGapMm = 6;          // between the title column and the QR code
constexpr double kAfterHeaderMm = 4;        // header → rule
constexpr double kAfterRuleMm = 3;          // rule → instructions
constexpr double kAfterInstructionsMm = 3;  // instructions → table
constexpr double kSignatureHeightMm = 8;    // the signature line's text band
constexpr double kAboveSignatureMm = 10;    // table → signature (room to sign)
constexpr double kAboveFooterMm = 8;        // signature → footer

const char* const kInstructions =
    "请在每项选择一个方框内打√，签名后交回；也可扫描二维码或登录居民端输入投票码在线投票。";

std::vector<Column> Columns() {
  return {{"序号", 13, Align::kCenter},
          {"表决事项", 0, Align::kLeft},
          {"同意", 19, Align::kCenter},
          {"不同意", 19, Align::kCenter},
          {"弃权", 19, Align::kCenter}};
}

TableStyle TableLook() {
  TableStyle look;
  look.heading = Style(10.5, true);
  look.body = Style(10.5);
  look.min_row_mm = 10;
  look.pad_y_mm = 2.5;
  return look;
}

// Titles and dwelling on the left, the QR code with the voting code under it on the right; the
// same on every page of the ballot.
class Header {
 public:
  Header(const PdfDocument& doc, const BallotPage& page, QrMatrix qr, double width)
      : qr_(std::move(qr)),
        code_(doc, page.code, Style(18, true, kInk, Align::kCenter, kMonoFont), qr_.side_pt()),
        caption_(doc, "投票码", Style(8.5, false, kMuted, Align::kCenter), qr_.side_pt()),
        width_(width) {
    const double text_width = width - qr_.side_pt() - Mm(kHeaderGapMm);
    titles_.Add(doc, page.estate_name, Style(10.5, false, kMuted), text_width);
    titles_.Add(doc, page.consultation_title, Style(17, true), text_width, 1);
    titles_.Add(doc, JoinNonEmpty(page.kind_label, page.law_note, "　|　"), Style(9.5, false, kMuted), text_width, 1.5);
    titles_.Add(doc, "房屋：" + page.dwelling_label, Style(14, true), text_width, 5);
    if (!page.owner_label.empty()) titles_.Add(doc, "业主：" + page.owner_label, Style(10.5), text_width, 1.5);
    titles_.Add(doc, page.closes_at_label, Style(10.5), text_width, 1);
  }

  double height() const {
    // The symbol's top is level with the first line; the code starts below the quiet zone.
    double code_block = qr_.side_pt() - qr_.module_pt() * kQrQuietModules + code_.height() + caption_.height();
    return std::max(titles_.height(), code_block);
  }

  void Draw(cairo_t* cr, double left, double top) const {
    titles_.Draw(cr, left, top);
    // The quiet zone reaches the right margin and rises into the top margin: it is blank anyway.
    const double qr_left = left + width_ - qr_.side_pt();
    const double qr_top = top - qr_.module_pt() * kQrQuietModules;
    DrawQr(cr, qr_, qr_left, qr_top);
    const double y = qr_top + qr_.side_pt();
    code_.Draw(cr, qr_left, y);
    caption_.Draw(cr, qr_left, y + code_.height());
  }

 private:
  QrMatrix qr_;
  Stack titles_;
  TextBox code_;
  TextBox caption_;
  double width_;
};

// "业主签名：______  日期：______" with drawn lines to write on.
void DrawSignatureLine(const PdfDocument& doc, double left, double top) {
  cairo_t* cr = doc.cr();
  const TextStyle style = Style(11);
  double x = left;
  for (auto [label, line_mm] : {std::pair{"业主签名：", 60.0}, std::pair{"日期：", 40.0}}) {
    TextBox text(doc, label, style, 0);
    double text_top = top + (Mm(kSignatureHeightMm) - text.height());
    text.Draw(cr, x, text_top);
    x += text.width();
    StrokeLine(cr, x, top + Mm(kSignatureHeightMm) - Mm(1), x + Mm(line_mm), top + Mm(kSignatureHeightMm) - Mm(1),
               kWriteLinePt);
    x += Mm(line_mm) + Mm(12);
  }
}

Result<void> Render(PdfDocument& doc, const BallotPage& page, const std::string& footer_note, std::size_t index) {
  const std::string where = "第 " + std::to_string(index + 1) + " 张表决票";
  const std::string where_en = "ballot " + std::to_string(index + 1);
  auto checked = CheckFields({{"estate_name", page.estate_name},
                              {"consultation_title", page.consultation_title},
                              {"kind_label", page.kind_label},
                              {"law_note", page.law_note},
                              {"dwelling_label", page.dwelling_label},
                              {"owner_label", page.owner_label},
                              {"code", page.code},
                              {"qr_text", page.qr_text},
                              {"closes_at_label", page.closes_at_label}},
                             where_en);
  if (!checked) return std::move(checked).error();
  for (const BallotItem& item : page.items) {
    auto ok = CheckFields({{"item number_label", item.number_label}, {"item title", item.title}}, where_en);
    if (!ok) return std::move(ok).error();
  }
  auto qr = EncodeQr(page.qr_text, where_en);
  if (!qr) return std::move(qr).error();

  cairo_t* cr = doc.cr();
  const double left = Mm(kMarginXMm);
  const double width = Mm(kA4Portrait.width_mm - 2 * kMarginXMm);
  const Header header(doc, page, std::move(*qr), width);
  const TextBox instructions(doc, kInstructions, Style(9.5), width);
  const Footer footer(doc, footer_note, left, width, Mm(kA4Portrait.height_mm - kMarginBottomMm));
  const Table table(doc, Columns(), left, width, TableLook());

  const double rule_y = Mm(kMarginTopMm) + header.height() + Mm(kAfterHeaderMm);
  const double table_top = rule_y + Mm(kAfterRuleMm) + instructions.height() + Mm(kAfterInstructionsMm);
  const double signature_top = footer.top() - Mm(kAboveFooterMm) - Mm(kSignatureHeightMm);
  const double rows_top = table_top + table.HeadingHeight();
  const double capacity = signature_top - Mm(kAboveSignatureMm) - rows_top;

  std::vector<Row> rows;
  std::vector<double> heights;
  for (const BallotItem& item : page.items) {
    rows.push_back({item.number_label, item.title, Checkbox{}, Checkbox{}, Checkbox{}});
    heights.push_back(table.RowHeight(rows.back()));
  }
  auto ranges = Paginate(heights, capacity, where, where_en);
  if (!ranges) return std::move(ranges).error();

  for (std::size_t p = 0; p < ranges->size(); ++p) {
    doc.BeginPage(kA4Portrait);
    header.Draw(cr, left, Mm(kMarginTopMm));
    StrokeLine(cr, left, rule_y, left + width, rule_y, kFrameLinePt);
    instructions.Draw(cr, left, rule_y + Mm(kAfterRuleMm));
    table.DrawHeading(table_top);
    double y = rows_top;
    for (std::size_t i = (*ranges)[p].first; i < (*ranges)[p].last; ++i) {
      table.DrawRow(rows[i], y, heights[i], i % 2 == 1);
      y += heights[i];
    }
    table.DrawFrame(table_top, y);
    DrawSignatureLine(doc, left, signature_top);
    footer.Draw(p, ranges->size());
    doc.EndPage();
  }
  return Ok();
}

}  // namespace ballot

// ---------------------------------------------------------------------------------------------
// Visit sheets: A4 landscape.

namespace visit {

constexpr double kMarginXMm = 12;
constexpr double kMarginTopMm = 12;
constexpr double kMarginBottomMm = 10;
constexpr double kInfoWidthMm = 80;   // the assignee / printed-at block on the right
constexpr double kAfterHeaderMm = 4;  // header → table
constexpr double kAboveFooterMm = 4;  // table → footer

const char* const kFooterNote = "走访结果请在对应方框内打√，其他情况写在备注栏。";

std::vector<Column> Columns() {
  return {{"房屋", 46, Align::kLeft},     {"业主", 30, Align::kLeft},     {"当前状态", 24, Align::kLeft},
          {"上次走访", 30, Align::kLeft}, {"走访结果", 66, Align::kLeft}, {"备注", 0, Align::kLeft},
          {"签名", 30, Align::kLeft}};
}

TableStyle TableLook() {
  TableStyle look;
  look.heading = Style(10, true);
  look.body = Style(9.5);
  look.min_row_mm = 12;  // room to tick and to write a few words by hand
  look.box_mm = 3.8;
  look.choice_gap_mm = 2.5;
  return look;
}

Result<void> Render(PdfDocument& doc, const VisitSheet& sheet, std::size_t index) {
  const std::string where = "第 " + std::to_string(index + 1) + " 张走访表";
  const std::string where_en = "visit sheet " + std::to_string(index + 1);
  auto checked = CheckFields({{"estate_name", sheet.estate_name},
                              {"consultation_title", sheet.consultation_title},
                              {"item_title", sheet.item_title},
                              {"assignee_label", sheet.assignee_label},
                              {"printed_at", sheet.printed_at}},
                             where_en);
  if (!checked) return std::move(checked).error();
  for (const VisitRow& row : sheet.rows) {
    auto ok = CheckFields({{"dwelling_label", row.dwelling_label},
                           {"owner_label", row.owner_label},
                           {"status_label", row.status_label},
                           {"last_visit_label", row.last_visit_label}},
                          where_en);
    if (!ok) return std::move(ok).error();
  }

  cairo_t* cr = doc.cr();
  const double left = Mm(kMarginXMm);
  const double width = Mm(kA4Landscape.width_mm - 2 * kMarginXMm);
  const double title_width = width - Mm(kInfoWidthMm) - Mm(6);

  Stack titles;
  titles.Add(doc, "入户走访登记表", Style(15, true), title_width);
  titles.Add(doc, JoinNonEmpty(sheet.estate_name, sheet.consultation_title, "　|　"), Style(11), title_width, 1);
  titles.Add(doc, sheet.item_title.empty() ? "" : "事项：" + sheet.item_title, Style(10.5), title_width, 1);
  Stack info;
  const TextStyle info_style = Style(9.5, false, kMuted, Align::kRight);
  if (!sheet.assignee_label.empty()) info.Add(doc, "走访人：" + sheet.assignee_label, info_style, Mm(kInfoWidthMm));
  if (!sheet.printed_at.empty()) info.Add(doc, "打印时间：" + sheet.printed_at, info_style, Mm(kInfoWidthMm), 1);

  const Footer footer(doc, kFooterNote, left, width, Mm(kA4Landscape.height_mm - kMarginBottomMm));
  const Table table(doc, Columns(), left, width, TableLook());
  const double header_height = std::max(titles.height(), info.height());
  const double table_top = Mm(kMarginTopMm) + header_height + Mm(kAfterHeaderMm);
  const double rows_top = table_top + table.HeadingHeight();
  const double capacity = footer.top() - Mm(kAboveFooterMm) - rows_top;

  const Choices outcomes{{"不在家", "拒绝", "同意", "再考虑"}};
  std::vector<Row> rows;
  std::vector<double> heights;
  for (const VisitRow& r : sheet.rows) {
    rows.push_back(
        {r.dwelling_label, r.owner_label, r.status_label, r.last_visit_label, outcomes, std::string(), std::string()});
    heights.push_back(table.RowHeight(rows.back()));
  }
  auto ranges = Paginate(heights, capacity, where, where_en);
  if (!ranges) return std::move(ranges).error();

  for (std::size_t p = 0; p < ranges->size(); ++p) {
    doc.BeginPage(kA4Landscape);
    titles.Draw(cr, left, Mm(kMarginTopMm));
    info.Draw(cr, left + width - Mm(kInfoWidthMm), Mm(kMarginTopMm));
    table.DrawHeading(table_top);
    double y = rows_top;
    for (std::size_t i = (*ranges)[p].first; i < (*ranges)[p].last; ++i) {
      table.DrawRow(rows[i], y, heights[i], i % 2 == 1);
      y += heights[i];
    }
    table.DrawFrame(table_top, y);
    footer.Draw(p, ranges->size());
    doc.EndPage();
  }
  return Ok();
}

}  // namespace visit

}  // namespace

Result<std::string> RenderBallotsPdf(const std::vector<BallotPage>& pages, const std::string& footer_note) {
  if (pages.empty()) return NothingToPrint();
  auto checked = CheckFields({{"footer_note", footer_note}}, "footer");
  if (!checked) return std::move(checked).error();
  PdfDocument doc("表决票");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto rendered = ballot::Render(doc, pages[i], footer_note, i);
    if (!rendered) return std::move(rendered).error();
  }
  return doc.Finish();
}

Result<std::string> RenderVisitSheetsPdf(const std::vector<VisitSheet>& sheets) {
  if (sheets.empty()) return NothingToPrint();
  PdfDocument doc("入户走访登记表");
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    auto rendered = visit::Render(doc, sheets[i], i);
    if (!rendered) return std::move(rendered).error();
  }
  return doc.Finish();
}

}  // namespace huanxin::report
