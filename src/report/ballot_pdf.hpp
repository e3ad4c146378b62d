// Printable PDFs for a consultation: paper ballots (表决票) and door-to-door visit sheets (走访登记表).
//
// Pure rendering: the caller gathers the data (and masks owner names) and gets PDF bytes back.
// Built on cairo's PDF surface with Pango for text, so Chinese is shaped, wrapped and embedded as
// font subsets with a ToUnicode map (the text can be searched and copied). Text uses the font
// "Noto Sans CJK SC" and codes "Noto Sans Mono CJK SC" (Debian package fonts-noto-cjk); without
// them fontconfig substitutes another font and Chinese may show as empty boxes.
//
// Thread safety: both functions may run on several threads at once; each call owns its surface,
// and Pango's default font map is per thread.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"

namespace huanxin::report {

// One row of a ballot: a matter put to the vote.
struct BallotItem {
  std::string number_label;  // e.g. "1"
  std::string title;         // e.g. "加装电梯（3号楼1单元）"; long titles wrap within the row
};

// The ballot of one dwelling. All strings are UTF-8; those marked optional may be empty.
struct BallotPage {
  std::string estate_name;
  std::string consultation_title;
  std::string kind_label;  // e.g. "方案表决"; optional
  std::string law_note;    // e.g. "依据《民法典》第二百七十八条表决"; optional
  std::string dwelling_label;   // e.g. "3号楼 1单元 502室"
  std::string owner_label;      // masked names, e.g. "张* 李*"; optional
  std::string code;             // one-time voting code, printed large in monospace, e.g. "K7Q2-M9XA"
  std::string qr_text;          // encoded in the QR code (usually the voting URL); not empty
  std::string closes_at_label;  // e.g. "2026-12-01 截止"; optional
  std::vector<BallotItem> items;  // one table row each, with boxes 同意 / 不同意 / 弃权
};

// Renders one A4 portrait ballot per BallotPage, in order, and returns the PDF bytes. Each ballot
// has the titles and dwelling at the top, its QR code (ECC level M, at least 30 mm, with a 4-module
// quiet zone) and code at the top right, instructions, the table of items with three boxes each,
// the owner's signature and date line, and `footer_note` (optional) in small print at the bottom.
// When the items do not fit one page the table continues on further pages, each repeating the
// header, QR code, code and signature line and numbered "第 n 页 / 共 m 页" within the ballot.
//
// Failures (no partial output):
//   422 report.pdf_nothing_to_print  `pages` is empty;
//   422 report.pdf_row_too_tall      one item title is too long to fit on a page;
//   500 report.pdf_bad_input         a string is not valid UTF-8 or holds a NUL; a ballot has an
//                                    empty qr_text or one too long for a QR code (over ~2300 bytes);
//   500 report.pdf_io                cairo failed (out of memory).
Result<std::string> RenderBallotsPdf(const std::vector<BallotPage>& pages, const std::string& footer_note);

// One dwelling on a visit sheet.
struct VisitRow {
  std::string dwelling_label;    // e.g. "3号楼 1单元 502室"
  std::string owner_label;       // masked names; optional
  std::string status_label;      // current state, e.g. "未投票"; optional
  std::string last_visit_label;  // e.g. "11-03 不在家"; optional
};

// The sheet one staff member takes on a round of visits for one item.
struct VisitSheet {
  std::string estate_name;
  std::string consultation_title;
  std::string item_title;
  std::string assignee_label;  // who visits; optional
  std::string printed_at;      // e.g. "2026-11-05 09:30"; optional
  std::vector<VisitRow> rows;
};

// Renders each sheet as an A4 landscape table, starting on a new page, and returns the PDF bytes.
// Columns: 房屋 / 业主 / 当前状态 / 上次走访 / 走访结果 (boxes 不在家, 拒绝, 同意, 再考虑) / 备注 /
// 签名, with rows tall enough to write in by hand. A sheet runs over as many pages as its rows
// need, each repeating the title block and column headings and numbered within the sheet; a sheet
// without rows prints its headings only.
//
// Failures: 422 report.pdf_nothing_to_print (`sheets` is empty), 422 report.pdf_row_too_tall,
// 500 report.pdf_bad_input (a string is not valid UTF-8 or holds a NUL), 500 report.pdf_io.
Result<std::string> RenderVisitSheetsPdf(const std::vector<VisitSheet>& sheets);

}  // namespace huanxin::report
