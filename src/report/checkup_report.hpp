// Check-up (体检) reports: the estate report and the area report of a campaign as PDF and HTML, and
// the problem list (问题清单) as XLSX. See docs/checkup.md.
//
// Pure rendering: the caller (src/service/checkup) gathers, grades and labels the data — every
// string arrives ready to print, in the order to print it; severities arrive as
// core::checkup::Severity and are named (严重隐患…) and coloured here — and gets bytes back. No
// database, no clock, no I/O beyond a temporary file inside XlsxWriter.
//
// PDF: A4 portrait, cairo + Pango with "Noto Sans CJK SC" (Debian fonts-noto-cjk); the text is
// embedded with a ToUnicode map, so it can be searched and copied. HTML: one self-contained
// print-ready page (embedded <style>, inline SVG chart, no scripts, no external resources), every
// piece of user text escaped.
//
// Thread safety: every function may run on several threads at once; nothing is shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "core/checkup/grading.hpp"

namespace huanxin::report {

// One graded problem of the problem list.
struct CheckupProblemRow {
  std::string object_label;     // e.g. "3号楼" or "桃花新村 3号楼 2单元 501室" in an area report
  std::string indicator_code;   // e.g. "H04"
  std::string indicator_name;   // e.g. "存在外墙脱落隐患的住宅"
  std::string criterion_name;   // e.g. "外墙饰面脱落"
  core::checkup::Severity severity = core::checkup::Severity::kProblem;  // printed as 较大隐患…; colours the cell
  std::string value_label;      // e.g. "18 m²"; optional
  std::string note;             // optional
  std::string suggested_items;  // e.g. "外墙修缮、空调机位规整"; optional
};

// One indicator of the catalogue with its counts.
struct CheckupIndicatorRow {
  std::string code, name, sub_dimension, problem_unit;  // problem_unit: 栋 | 套 | 个 | 千米 | 个(缺口)
  std::int64_t objects = 0;                             // objects with at least one problem
  std::int64_t problems = 0;                            // problems found
  // The worst severity found (nullopt: none), printed as its Chinese name; the chart colours the
  // bar from it.
  std::optional<core::checkup::Severity> worst;
  std::optional<std::int64_t> previous_objects;  // the same indicator a year earlier, when known
};

struct CheckupEstateReport {
  std::string title;  // e.g. "桃花新村 2026年城市体检（住房与小区）报告"
  std::string estate_name, region_path, address, catalog_label, period_label, status_label, generated_at;
  std::vector<std::pair<std::string, std::string>> facts;              // label → value: 建成年份, 楼栋数…
  std::vector<CheckupIndicatorRow> indicators;                         // every indicator, zeros included
  std::vector<std::pair<std::string, std::int64_t>> by_sub_dimension;  // 安全耐久 → problems…
  std::vector<std::pair<core::checkup::Severity, std::int64_t>> by_severity;  // problems per severity, worst first
  std::vector<CheckupProblemRow> problems;
  std::vector<std::string> suggested_items;  // renovation items suggested, deduplicated
};

struct CheckupAreaEstateRow {
  std::string estate_name, community, status_label;
  std::int64_t problems = 0, severe = 0, larger_hazard = 0, hazard = 0, other = 0;
};

struct CheckupAreaReport {
  std::string title, region_label, catalog_label, period_label, generated_at;
  std::vector<CheckupAreaEstateRow> estates;
  std::vector<CheckupIndicatorRow> indicators;  // totals over the area
  std::vector<CheckupProblemRow> problems;      // every problem (object_label includes the estate)
};

// The estate report as PDF bytes (A4 portrait): cover block (title, estate, facts); summary (totals,
// problems by sub-dimension and by severity); a bar chart of objects with problems per indicator,
// coloured by the worst severity, with last year's value as a thin marker; the indicator table; the
// problem list (its heading repeated on every page, the severity cell coloured); the suggested
// renovation items. Every page has a footer with the generation time and "第 n 页 / 共 m 页".
// Empty lists print "无" rather than failing.
//
// Failures (no partial output):
//   500 report.pdf_bad_input     a string is not valid UTF-8 or holds a NUL;
//   422 report.pdf_row_too_tall  one problem row is too long to fit on a page;
//   500 report.pdf_io            cairo failed (out of memory).
Result<std::string> RenderCheckupPdf(const CheckupEstateReport& r);

// The area report as PDF bytes: the estate table, the indicator totals with the chart, and the
// problem list, with the same footer. Failures as RenderCheckupPdf.
Result<std::string> RenderCheckupAreaPdf(const CheckupAreaReport& r);

// The same content as one self-contained HTML page, A4 print-ready (@page rules, table headings
// repeated when printed), with an inline SVG chart. All text is escaped with EscapeHtml; invalid
// UTF-8 is passed through escaped, never interpreted. Never fails.
std::string RenderCheckupHtml(const CheckupEstateReport& r);
std::string RenderCheckupAreaHtml(const CheckupAreaReport& r);

// The problem list as an .xlsx workbook with one sheet named `sheet_title` (Excel's naming rules
// applied, see XlsxWriter::AddSheet): a bold frozen header row 序号, 对象, 指标编码, 指标, 子项,
// 严重程度, 量值, 说明, 建议改造内容 with an autofilter, then one row per problem in order.
// Failures: those of XlsxWriter::Finish (report.xlsx_*: text not UTF-8, a cell over 32767
// characters, more than 1048575 rows, I/O).
Result<std::string> RenderProblemListXlsx(const std::string& sheet_title, const std::vector<CheckupProblemRow>& rows);

// ---------------------------------------------------------------------------------------------
// Batch (issue #16): many estates' documents at once, e.g. every approved estate of a campaign.

// One estate's documents to render: its report as a PDF (RenderCheckupPdf) and, when `xlsx` is
// set, its problem list (RenderProblemListXlsx with `sheet_title` and `problem_list`).
struct CheckupBatchItem {
  CheckupEstateReport report;
  bool xlsx = false;
  std::string sheet_title;
  std::vector<CheckupProblemRow> problem_list;
};

struct CheckupBatchDocuments {
  Result<std::string> pdf = std::string();
  Result<std::string> xlsx = std::string();  // an empty string when the item asked for none
};

// Renders every item on `threads` threads (0: std::thread::hardware_concurrency()), each with its
// own cairo/Pango objects; results in the order of `items`. The PDFs are laid out with the sans
// faces cut down once to the characters of the whole batch (pdf_kit::SubsetFonts) instead of the
// system's 15 MB faces: same layout, pages and text as RenderCheckupPdf one at a time. A report
// with a character outside the subset, or a batch whose subset cannot be built, is rendered with
// the system fonts. Failures per item, as the single functions.
std::vector<CheckupBatchDocuments> RenderCheckupBatch(const std::vector<CheckupBatchItem>& items, unsigned threads = 0);

// Escapes text for HTML element content and quoted attribute values: & < > " ' become entities,
// NUL is dropped. Exposed for tests and for other HTML exporters.
std::string EscapeHtml(std::string_view text);

}  // namespace huanxin::report
