#include "report/checkup_report.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <atomic>
#include <memory>
#include <thread>
#include <type_traits>
#include <tuple>
#include <utility>

#include "report/pdf_kit.hpp"
#include "report/xlsx_writer.hpp"

namespace huanxin::report {
namespace {

namespace ck = core::checkup;

// ---------------------------------------------------------------------------------------------
// Shared by every format: severities, labels, chart scale.

// How a severity looks. Worst first, as in docs/checkup.md; the last is "no problem".
struct SeverityLook {
  std::optional<ck::Severity> severity;
  std::string_view code;   // the HTML class suffix (sev-<code>)
  std::string_view label;  // in the chart legend
  pdf_kit::Rgb bar;   // chart bar
  pdf_kit::Rgb tint;  // table cell background
  const char* css_bar;
  const char* css_tint;
};

constexpr std::array<SeverityLook, 5> kSeverities{{
    {ck::Severity::kSevere, "severe", "严重隐患", {0.72, 0.11, 0.11}, {0.97, 0.84, 0.84}, "#b71c1c", "#f7d6d6"},
    {ck::Severity::kLargerHazard, "larger_hazard", "较大隐患", {0.90, 0.38, 0.05}, {0.99, 0.88, 0.80}, "#e6610d", "#fce1cc"},
    {ck::Severity::kHazard, "hazard", "隐患", {0.93, 0.66, 0.10}, {0.99, 0.95, 0.78}, "#eda81a", "#fdf2c6"},
    {ck::Severity::kProblem, "problem", "不达标 / 待改造", {0.22, 0.42, 0.66}, {0.86, 0.90, 0.95}, "#386ba8", "#dbe5f2"},
    {std::nullopt, "", "无问题", {0.74, 0.74, 0.74}, {1, 1, 1}, "#bdbdbd", "#ffffff"},
}};

const SeverityLook& LookOf(std::optional<ck::Severity> severity) {
  for (const SeverityLook& look : kSeverities)
    if (look.severity == severity) return look;
  return kSeverities[3];
}

// The name printed in tables (严重隐患, 较大隐患, 隐患, 不达标).
std::string SeverityText(ck::Severity s) { return ck::SeverityName(s).zh; }
std::string WorstText(const std::optional<ck::Severity>& s) { return s ? SeverityText(*s) : ""; }

std::string ObjectsLabel(std::int64_t n, const std::string& unit) {
  return unit.empty() ? std::to_string(n) : std::to_string(n) + " " + unit;
}

std::string PreviousLabel(const CheckupIndicatorRow& row) {
  return row.previous_objects ? std::to_string(*row.previous_objects) : "—";
}

// This year against the previous one: "+3", "−2" (a real minus sign), "持平", or "—" when unknown.
std::string ChangeLabel(const CheckupIndicatorRow& row) {
  if (!row.previous_objects) return "—";
  const std::int64_t delta = row.objects - *row.previous_objects;
  if (delta == 0) return "持平";
  return delta > 0 ? "+" + std::to_string(delta) : "−" + std::to_string(-delta);
}

std::string OrNone(const std::string& s) { return s.empty() ? "—" : s; }

std::string IndicatorLabel(const std::string& code, const std::string& name) {
  return code.empty() ? name : code + " " + name;
}

// The chart's axis: 0 to `max` in ticks of `step`, step one of 1, 2, 5 × 10^k, at most 5 ticks.
struct Scale {
  std::int64_t step = 1;
  std::int64_t max = 1;
};

Scale ChartScale(const std::vector<CheckupIndicatorRow>& rows) {
  std::int64_t top = 1;
  for (const CheckupIndicatorRow& row : rows) {
    top = std::max(top, row.objects);
    if (row.previous_objects) top = std::max(top, *row.previous_objects);
  }
  std::int64_t magnitude = 1;
  for (;;) {
    for (std::int64_t factor : {1, 2, 5}) {
      const std::int64_t step = factor * magnitude;
      const std::int64_t ticks = (top + step - 1) / step;
      if (ticks <= 5) return Scale{step, ticks * step};
    }
    magnitude *= 10;
  }
}

std::int64_t SumObjects(const std::vector<CheckupIndicatorRow>& rows) {
  std::int64_t n = 0;
  for (const CheckupIndicatorRow& row : rows) n += row.objects;
  return n;
}

std::int64_t CountWithProblems(const std::vector<CheckupIndicatorRow>& rows) {
  return std::count_if(rows.begin(), rows.end(), [](const CheckupIndicatorRow& r) { return r.problems > 0; });
}

std::int64_t CountSeverity(const std::vector<CheckupProblemRow>& rows, ck::Severity severity) {
  return std::count_if(rows.begin(), rows.end(), [&](const CheckupProblemRow& r) { return r.severity == severity; });
}

// ---------------------------------------------------------------------------------------------
// Input checks for the PDF (Pango must not see invalid UTF-8).

using pdf_kit::CheckFields;

Result<void> CheckIndicators(const std::vector<CheckupIndicatorRow>& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CheckupIndicatorRow& r = rows[i];
    auto ok = CheckFields({{"code", r.code},
                           {"name", r.name},
                           {"sub_dimension", r.sub_dimension},
                           {"problem_unit", r.problem_unit}},
                          "indicator " + std::to_string(i + 1));
    if (!ok) return ok;
  }
  return Ok();
}

Result<void> CheckProblems(const std::vector<CheckupProblemRow>& rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CheckupProblemRow& r = rows[i];
    auto ok = CheckFields({{"object_label", r.object_label},
                           {"indicator_code", r.indicator_code},
                           {"indicator_name", r.indicator_name},
                           {"criterion_name", r.criterion_name},
                           {"value_label", r.value_label},
                           {"note", r.note},
                           {"suggested_items", r.suggested_items}},
                          "problem " + std::to_string(i + 1));
    if (!ok) return ok;
  }
  return Ok();
}

template <typename Second>
Result<void> CheckPairs(const std::vector<std::pair<std::string, Second>>& pairs, const std::string& where) {
  for (const auto& [label, value] : pairs) {
    if constexpr (std::is_same_v<Second, std::string>) {
      auto ok = CheckFields({{"label", label}, {"value", value}}, where);
      if (!ok) return ok;
    } else {
      auto ok = CheckFields({{"label", label}}, where);
      if (!ok) return ok;
    }
  }
  return Ok();
}

Result<void> CheckEstate(const CheckupEstateReport& r) {
  auto ok = CheckFields({{"title", r.title},
                         {"estate_name", r.estate_name},
                         {"region_path", r.region_path},
                         {"address", r.address},
                         {"catalog_label", r.catalog_label},
                         {"period_label", r.period_label},
                         {"status_label", r.status_label},
                         {"generated_at", r.generated_at}},
                        "report");
  if (ok) ok = CheckPairs(r.facts, "facts");
  if (ok) ok = CheckPairs(r.by_sub_dimension, "by_sub_dimension");
  if (ok) ok = CheckIndicators(r.indicators);
  if (ok) ok = CheckProblems(r.problems);
  for (std::size_t i = 0; ok && i < r.suggested_items.size(); ++i)
    ok = CheckFields({{"suggested_item", r.suggested_items[i]}}, "suggested item " + std::to_string(i + 1));
  return ok;
}

Result<void> CheckArea(const CheckupAreaReport& r) {
  auto ok = CheckFields({{"title", r.title},
                         {"region_label", r.region_label},
                         {"catalog_label", r.catalog_label},
                         {"period_label", r.period_label},
                         {"generated_at", r.generated_at}},
                        "report");
  for (std::size_t i = 0; ok && i < r.estates.size(); ++i) {
    const CheckupAreaEstateRow& e = r.estates[i];
    ok = CheckFields({{"estate_name", e.estate_name}, {"community", e.community}, {"status_label", e.status_label}},
                     "estate " + std::to_string(i + 1));
  }
  if (ok) ok = CheckIndicators(r.indicators);
  if (ok) ok = CheckProblems(r.problems);
  return ok;
}

// ---------------------------------------------------------------------------------------------
// PDF.

namespace pdf {

using namespace pdf_kit;  // NOLINT(google-build-using-namespace): internal toolkit, this namespace only

constexpr PageSize kPage = kA4Portrait;
constexpr double kMarginXMm = 18;
constexpr double kMarginTopMm = 20;     // below the running header
constexpr double kMarginBottomMm = 12;  // under the footer
constexpr double kAboveFooterMm = 5;
constexpr double kRunningHeaderMm = 10;  // top of the running header on pages after the first

constexpr Rgb kAccent{0.08, 0.22, 0.40};     // section headings, figures
constexpr Rgb kTitleRule{0.70, 0.10, 0.10};  // the red rule under the title
constexpr Rgb kPanelFill{0.95, 0.96, 0.98};  // tiles, fact labels
constexpr Rgb kTableHeading{0.87, 0.90, 0.94};
constexpr Rgb kGrid{0.85, 0.85, 0.85};

constexpr double Left() { return Mm(kMarginXMm); }
constexpr double Width() { return Mm(kPage.width_mm - 2 * kMarginXMm); }

TableStyle CompactTable(double body_pt) {
  TableStyle look;
  look.heading = Style(body_pt, true, kInk, Align::kCenter);
  look.body = Style(body_pt);
  look.heading_fill = kTableHeading;
  look.min_row_mm = 6.5;
  look.pad_x_mm = 1.5;
  look.pad_y_mm = 1.4;
  return look;
}

// The report being laid out: a document, its footer, and the flow every section adds blocks to.
class Builder {
 public:
  Builder(const std::string& title, const std::string& generated_at, PangoFontMap* fonts = nullptr)
      : doc_(title.c_str(), fonts),
        footer_(doc_, FooterNote(generated_at), Left(), Width(), Mm(kPage.height_mm - kMarginBottomMm)),
        flow_(Mm(kMarginTopMm), footer_.top() - Mm(kAboveFooterMm)),
        running_title_(doc_, title, Style(8, false, kMuted), Width()) {}

  const PdfDocument& doc() const { return doc_; }
  Flow& flow() { return flow_; }

  // A text block across the page (or from `indent_mm`), kept with `keep_mm` of what follows.
  void Text(const std::string& text, const TextStyle& style, double indent_mm = 0, double keep_mm = 0) {
    if (text.empty()) return;
    auto box = std::make_shared<TextBox>(doc_, text, style, Width() - Mm(indent_mm));
    const double x = Left() + Mm(indent_mm);
    cairo_t* cr = doc_.cr();
    flow_.Add(
        box->height(), [box, cr, x](double top) { box->Draw(cr, x, top); }, Mm(keep_mm));
  }

  // A numbered section heading with an accent bar on its left, kept with `keep_mm` of its content
  // (at most what a page holds).
  void Section(const std::string& title, double keep_mm = 30) {
    flow_.Space(6);
    auto box = std::make_shared<TextBox>(doc_, title, Style(13, true, kAccent), Width() - Mm(4));
    cairo_t* cr = doc_.cr();
    const double height = box->height() + Mm(2.5);
    flow_.Add(
        height,
        [box, cr](double top) {
          FillRect(cr, Left(), top + Mm(0.6), Mm(1.3), box->height() - Mm(1.2), kAccent);
          box->Draw(cr, Left() + Mm(3.5), top);
          StrokeLine(cr, Left(), top + box->height() + Mm(1), Left() + Width(), top + box->height() + Mm(1),
                     kHairlinePt, kGrid);
        },
        std::min(Mm(keep_mm), flow_.capacity() - height));
  }

  void Table(std::vector<Column> columns, std::vector<Row> rows, std::vector<CellFills> fills, double body_pt,
             const std::string& what) {
    auto table =
        std::make_shared<const pdf_kit::Table>(doc_, std::move(columns), Left(), Width(), CompactTable(body_pt));
    flow_.AddTable(table, std::move(rows), std::move(fills), what, what);
  }

  Result<std::string> Finish() {
    auto drawn = flow_.Render(doc_, kPage, [this](std::size_t page, std::size_t count) { Decorate(page, count); });
    if (!drawn) return std::move(drawn).error();
    return doc_.Finish();
  }

  bool missing_glyphs() const { return doc_.missing_glyphs(); }

 private:
  static std::string FooterNote(const std::string& generated_at) {
    return generated_at.empty() ? "焕新平台生成" : "焕新平台生成 · 生成时间 " + generated_at;
  }

  // The title and a rule at the top of every page but the first (which has the cover), the
  // footer on all of them.
  void Decorate(std::size_t page, std::size_t count) const {
    cairo_t* cr = doc_.cr();
    if (page > 0) {
      running_title_.Draw(cr, Left(), Mm(kRunningHeaderMm));
      const double rule = Mm(kRunningHeaderMm) + running_title_.height() + Mm(1);
      StrokeLine(cr, Left(), rule, Left() + Width(), rule, kHairlinePt, kMuted);
    }
    footer_.Draw(page, count);
  }

  PdfDocument doc_;
  Footer footer_;
  Flow flow_;
  TextBox running_title_;
};

// The cover: period and catalogue, the title, the region, a red double rule.
void AddCover(Builder& b, const std::string& kicker, const std::string& title, const std::string& subtitle) {
  b.Text(kicker, Style(10, false, kMuted, Align::kCenter));
  b.flow().Space(2);
  b.Text(title, Style(19, true, kAccent, Align::kCenter));
  b.flow().Space(1.5);
  b.Text(subtitle, Style(10.5, false, kInk, Align::kCenter));
  cairo_t* cr = b.doc().cr();
  b.flow().Space(3);
  b.flow().Add(Mm(3), [cr](double top) {
    StrokeLine(cr, Left(), top, Left() + Width(), top, 2.0, kTitleRule);
    StrokeLine(cr, Left(), top + Mm(1.2), Left() + Width(), top + Mm(1.2), 0.6, kTitleRule);
  });
  b.flow().Space(2);
}

// Label/value pairs two to a row, labels shaded.
void AddFacts(Builder& b, const std::vector<std::pair<std::string, std::string>>& facts) {
  std::vector<Row> rows;
  std::vector<CellFills> fills;
  for (std::size_t i = 0; i < facts.size(); i += 2) {
    Row row{facts[i].first, facts[i].second, std::string(), std::string()};
    if (i + 1 < facts.size()) {
      row[2] = facts[i + 1].first;
      row[3] = facts[i + 1].second;
    }
    rows.push_back(std::move(row));
    fills.push_back({kPanelFill, std::nullopt, kPanelFill, std::nullopt});
  }
  if (rows.empty()) return;
  std::vector<Column> columns{{"", 24}, {"", 63}, {"", 24}, {"", 63}};
  auto table = std::make_shared<const pdf_kit::Table>(b.doc(), std::move(columns), Left(), Width(), CompactTable(9));
  b.flow().AddTable(table, std::move(rows), std::move(fills), "基本情况", "facts", false);
}

// Key figures as tiles across the page: a large number over a small label.
void AddTiles(Builder& b, const std::vector<std::pair<std::string, std::string>>& tiles) {
  if (tiles.empty()) return;
  const double gap = Mm(4);
  const double tile_width = (Width() - gap * static_cast<double>(tiles.size() - 1)) / static_cast<double>(tiles.size());
  auto boxes = std::make_shared<std::vector<std::pair<TextBox, TextBox>>>();
  double height = 0;
  for (const auto& [label, figure] : tiles) {
    boxes->emplace_back(TextBox(b.doc(), figure, Style(17, true, kAccent, Align::kCenter), tile_width),
                        TextBox(b.doc(), label, Style(8.5, false, kMuted, Align::kCenter), tile_width));
    height = std::max(height, boxes->back().first.height() + boxes->back().second.height());
  }
  const double pad = Mm(2.5);
  cairo_t* cr = b.doc().cr();
  b.flow().Add(height + 2 * pad, [boxes, cr, tile_width, gap, height, pad](double top) {
    double x = Left();
    for (const auto& [figure, label] : *boxes) {
      FillRect(cr, x, top, tile_width, height + 2 * pad, kPanelFill);
      FillRect(cr, x, top, tile_width, Mm(0.8), kAccent);
      figure.Draw(cr, x, top + pad);
      label.Draw(cr, x, top + pad + figure.height());
      x += tile_width + gap;
    }
  });
}

// Two small tables side by side: problems by sub-dimension and by severity.
void AddCountTables(Builder& b, const std::vector<std::pair<std::string, std::int64_t>>& by_sub_dimension,
                    const std::vector<std::pair<ck::Severity, std::int64_t>>& by_severity) {
  const double gap = Mm(6);
  const double half = (Width() - gap) / 2;
  struct Part {
    std::shared_ptr<const pdf_kit::Table> table;
    std::vector<Row> rows;
    std::vector<CellFills> fills;
    double height = 0;
  };
  // counts: label, number and the severity that tints the row (if any).
  using Count = std::tuple<std::string, std::int64_t, std::optional<ck::Severity>>;
  auto make = [&](const std::string& heading, const std::vector<Count>& counts, double left) {
    Part part;
    part.table = std::make_shared<const pdf_kit::Table>(
        b.doc(), std::vector<Column>{{heading, 0}, {"问题数", 22, Align::kRight}}, left, half, CompactTable(9));
    for (const auto& [label, n, severity] : counts) {
      part.rows.push_back({label, std::to_string(n)});
      part.fills.push_back({severity ? std::optional(LookOf(severity).tint) : std::nullopt});
    }
    if (part.rows.empty()) part.rows.push_back({std::string("无"), std::string("0")});
    part.height = part.table->HeadingHeight();
    for (const Row& row : part.rows) part.height += part.table->RowHeight(row);
    return part;
  };
  std::vector<Count> sub, sev;
  for (const auto& [label, n] : by_sub_dimension) sub.emplace_back(label, n, std::nullopt);
  for (const auto& [severity, n] : by_severity) sev.emplace_back(SeverityText(severity), n, severity);
  auto parts = std::make_shared<std::array<Part, 2>>(
      std::array<Part, 2>{make("子项", sub, Left()), make("严重程度", sev, Left() + half + gap)});
  const double height = std::max((*parts)[0].height, (*parts)[1].height);
  b.flow().Add(height, [parts](double top) {
    for (const Part& part : *parts) {
      part.table->DrawHeading(top);
      double y = top + part.table->HeadingHeight();
      for (std::size_t i = 0; i < part.rows.size(); ++i) {
        const double h = part.table->RowHeight(part.rows[i]);
        part.table->DrawRow(part.rows[i], y, h, false, i < part.fills.size() ? part.fills[i] : CellFills{});
        y += h;
      }
      part.table->DrawFrame(top, y);
    }
  });
}

constexpr double kChartRowMm = 5.4;

// The chart's height, roughly: axis, rows, legend. Its section keeps it together when it fits a page.
double ChartHeightMm(std::size_t rows) { return 5 + kChartRowMm * static_cast<double>(rows) + 12; }

// The bar chart: one row per indicator (label | bar | value), an axis with ticks on top, a
// legend under it. Each row is its own block, so a long catalogue breaks across pages.
void AddChart(Builder& b, const std::vector<CheckupIndicatorRow>& indicators) {
  if (indicators.empty()) return;
  constexpr double kLabelMm = 64;
  constexpr double kValueMm = 16;
  constexpr double kRowMm = kChartRowMm;
  constexpr double kBarMm = 3.4;
  const double x0 = Left() + Mm(kLabelMm);
  const double plot = Width() - Mm(kLabelMm) - Mm(kValueMm);
  const Scale scale = ChartScale(indicators);
  auto x_of = [x0, plot, scale](std::int64_t v) {
    return x0 + plot * static_cast<double>(v) / static_cast<double>(scale.max);
  };
  const PdfDocument& doc = b.doc();
  cairo_t* cr = doc.cr();
  auto gridlines = [cr, scale, x_of](double top, double height) {
    for (std::int64_t v = 0; v <= scale.max; v += scale.step)
      StrokeLine(cr, x_of(v), top, x_of(v), top + height, v == 0 ? 0.8 : 0.4, v == 0 ? kMuted : kGrid);
  };

  // Axis: tick values over the grid.
  auto ticks = std::make_shared<std::vector<std::pair<double, TextBox>>>();
  for (std::int64_t v = 0; v <= scale.max; v += scale.step)
    ticks->emplace_back(x_of(v), TextBox(doc, std::to_string(v), Style(7, false, kMuted, Align::kCenter), Mm(12)));
  const double axis_height = ticks->front().second.height() + Mm(1);
  b.flow().Add(
      axis_height,
      [ticks, cr](double top) {
        for (const auto& [x, box] : *ticks) box.Draw(cr, x - Mm(6), top);
      },
      Mm(kRowMm * 3));

  for (const CheckupIndicatorRow& row : indicators) {
    auto label = std::make_shared<TextBox>(
        doc, IndicatorLabel(row.code, row.name),
        [] {
          TextStyle s = Style(7.5);
          s.ellipsize = true;
          return s;
        }(),
        Mm(kLabelMm - 2));
    auto value = std::make_shared<TextBox>(doc, std::to_string(row.objects), Style(7.5, true), 0);
    const Rgb color = LookOf(row.worst).bar;
    const std::int64_t objects = row.objects;
    const std::optional<std::int64_t> previous = row.previous_objects;
    b.flow().Add(Mm(kRowMm), [=](double top) {
      gridlines(top, Mm(kRowMm));
      label->Draw(cr, Left(), top + (Mm(kRowMm) - label->height()) / 2);
      const double bar_top = top + (Mm(kRowMm) - Mm(kBarMm)) / 2;
      if (objects > 0) FillRect(cr, x0, bar_top, x_of(objects) - x0, Mm(kBarMm), color);
      double value_x = x_of(objects) + Mm(1.2);
      if (previous) {
        // Last year's value: a thin dark tick through and beyond the bar.
        const double px = x_of(*previous);
        StrokeLine(cr, px, top + Mm(0.4), px, top + Mm(kRowMm) - Mm(0.4), 1.2, kInk);
        value_x = std::max(value_x, px + Mm(1.2));
      }
      value->Draw(cr, value_x, top + (Mm(kRowMm) - value->height()) / 2);
    });
  }

  // Legend: a swatch per severity and the marker for last year.
  auto legend = std::make_shared<std::vector<std::pair<Rgb, TextBox>>>();
  for (const SeverityLook& look : kSeverities)
    legend->emplace_back(look.bar, TextBox(doc, std::string(look.label), Style(7.5, false, kMuted), 0));
  auto marker = std::make_shared<TextBox>(doc, "上年数值", Style(7.5, false, kMuted), 0);
  auto caption = std::make_shared<TextBox>(doc, "横轴：存在问题的对象数（单位见指标表）；颜色：该指标最严重的问题等级",
                                           Style(7.5, false, kMuted), Width());
  const double legend_height = Mm(7) + caption->height();
  b.flow().Add(legend_height, [legend, marker, caption, cr](double top) {
    double x = Left();
    const double y = top + Mm(2);
    for (const auto& [color, text] : *legend) {
      FillRect(cr, x, y + (text.height() - Mm(2.6)) / 2, Mm(4), Mm(2.6), color);
      text.Draw(cr, x + Mm(5.2), y);
      x += Mm(5.2) + text.width() + Mm(5);
    }
    StrokeLine(cr, x + Mm(1), y, x + Mm(1), y + marker->height(), 1.2, kInk);
    marker->Draw(cr, x + Mm(3), y);
    caption->Draw(cr, Left(), y + marker->height() + Mm(1));
  });
}

void AddIndicatorTable(Builder& b, const std::vector<CheckupIndicatorRow>& indicators) {
  std::vector<Row> rows;
  std::vector<CellFills> fills;
  for (const CheckupIndicatorRow& r : indicators) {
    rows.push_back({r.code, r.name, r.sub_dimension, ObjectsLabel(r.objects, r.problem_unit),
                    std::to_string(r.problems), OrNone(WorstText(r.worst)), PreviousLabel(r), ChangeLabel(r)});
    fills.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                     r.worst ? std::optional(LookOf(r.worst).tint) : std::nullopt});
  }
  b.Table({{"编码", 12, Align::kCenter},
           {"指标", 0},
           {"子项", 19, Align::kCenter},
           {"问题对象", 19, Align::kRight},
           {"问题数", 14, Align::kRight},
           {"最严重", 19, Align::kCenter},
           {"上年", 13, Align::kRight},
           {"变化", 13, Align::kRight}},
          std::move(rows), std::move(fills), 8, "指标汇总表");
}

void AddProblemTable(Builder& b, const std::vector<CheckupProblemRow>& problems) {
  if (problems.empty()) {
    b.Text("未发现问题。", Style(10));
    return;
  }
  std::vector<Row> rows;
  std::vector<CellFills> fills;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const CheckupProblemRow& p = problems[i];
    rows.push_back({std::to_string(i + 1), p.object_label, IndicatorLabel(p.indicator_code, p.indicator_name),
                    p.criterion_name, SeverityText(p.severity), p.value_label, p.note, p.suggested_items});
    fills.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt, LookOf(p.severity).tint});
  }
  b.Table({{"序号", 9, Align::kCenter},
           {"对象", 26},
           {"指标", 28},
           {"子项", 0},
           {"严重程度", 16, Align::kCenter},
           {"量值", 15, Align::kRight},
           {"说明", 25},
           {"建议改造内容", 25}},
          std::move(rows), std::move(fills), 7.5, "问题清单");
}

void AddSuggestedItems(Builder& b, const std::vector<std::string>& items) {
  if (items.empty()) {
    b.Text("无。", Style(10));
    return;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    b.Text(std::to_string(i + 1) + ". " + items[i], Style(10), 2);
    b.flow().Space(1);
  }
}

std::vector<std::pair<std::string, std::string>> EstateFacts(const CheckupEstateReport& r) {
  std::vector<std::pair<std::string, std::string>> facts;
  auto add = [&](const char* label, const std::string& value) {
    if (!value.empty()) facts.emplace_back(label, value);
  };
  add("小区名称", r.estate_name);
  add("所在区域", r.region_path);
  add("地址", r.address);
  add("体检目录", r.catalog_label);
  add("体检周期", r.period_label);
  add("状态", r.status_label);
  facts.insert(facts.end(), r.facts.begin(), r.facts.end());
  return facts;
}

// With `fonts` (a SubsetFonts font map), `missing` is set when the subset lacked a character; the
// bytes are then not to be used.
Result<std::string> RenderEstate(const CheckupEstateReport& r, PangoFontMap* fonts = nullptr, bool* missing = nullptr) {
  Builder b(r.title, r.generated_at, fonts);
  AddCover(b, JoinNonEmpty(r.period_label, r.catalog_label, " · "), r.title, r.region_path);

  b.Section("一、基本情况");
  AddFacts(b, EstateFacts(r));

  b.Section("二、体检结论");
  const std::int64_t total = static_cast<std::int64_t>(r.problems.size());
  b.Text("本次体检共核查指标 " + std::to_string(r.indicators.size()) + " 项，其中 " +
             std::to_string(CountWithProblems(r.indicators)) + " 项发现问题，共发现问题 " + std::to_string(total) +
             " 处，其中严重隐患 " + std::to_string(CountSeverity(r.problems, ck::Severity::kSevere)) + " 处、较大隐患 " +
             std::to_string(CountSeverity(r.problems, ck::Severity::kLargerHazard)) + " 处。",
         Style(10));
  b.flow().Space(3);
  AddTiles(b, {{"问题总数", std::to_string(total)},
               {"问题对象（按指标累计）", std::to_string(SumObjects(r.indicators))},
               {"发现问题的指标",
                std::to_string(CountWithProblems(r.indicators)) + " / " + std::to_string(r.indicators.size())},
               {"严重隐患", std::to_string(CountSeverity(r.problems, ck::Severity::kSevere))}});
  b.flow().Space(4);
  AddCountTables(b, r.by_sub_dimension, r.by_severity);

  b.Section("三、各指标问题对象数", ChartHeightMm(r.indicators.size()));
  AddChart(b, r.indicators);

  b.Section("四、指标汇总表");
  AddIndicatorTable(b, r.indicators);

  b.Section("五、问题清单");
  AddProblemTable(b, r.problems);

  b.Section("六、建议改造内容");
  AddSuggestedItems(b, r.suggested_items);
  auto bytes = b.Finish();
  if (missing) *missing = b.missing_glyphs();
  return bytes;
}

void AddEstateTable(Builder& b, const std::vector<CheckupAreaEstateRow>& estates) {
  std::vector<Row> rows;
  CheckupAreaEstateRow sum;
  for (std::size_t i = 0; i < estates.size(); ++i) {
    const CheckupAreaEstateRow& e = estates[i];
    rows.push_back({std::to_string(i + 1), e.estate_name, e.community, e.status_label, std::to_string(e.problems),
                    std::to_string(e.severe), std::to_string(e.larger_hazard), std::to_string(e.hazard),
                    std::to_string(e.other)});
    sum.problems += e.problems;
    sum.severe += e.severe;
    sum.larger_hazard += e.larger_hazard;
    sum.hazard += e.hazard;
    sum.other += e.other;
  }
  rows.push_back({std::string(), std::string("合计"), std::string(), std::string(), std::to_string(sum.problems),
                  std::to_string(sum.severe), std::to_string(sum.larger_hazard), std::to_string(sum.hazard),
                  std::to_string(sum.other)});
  b.Table({{"序号", 9, Align::kCenter},
           {"小区", 0},
           {"社区", 30},
           {"状态", 17, Align::kCenter},
           {"问题数", 15, Align::kRight},
           {"严重隐患", 16, Align::kRight},
           {"较大隐患", 16, Align::kRight},
           {"隐患", 13, Align::kRight},
           {"其他", 13, Align::kRight}},
          std::move(rows), {}, 8, "小区汇总表");
}

Result<std::string> RenderArea(const CheckupAreaReport& r) {
  Builder b(r.title, r.generated_at);
  AddCover(b, JoinNonEmpty(r.period_label, r.catalog_label, " · "), r.title, r.region_label);

  b.Section("一、片区概况");
  std::int64_t severe = 0;
  std::int64_t larger = 0;
  for (const CheckupAreaEstateRow& e : r.estates) {
    severe += e.severe;
    larger += e.larger_hazard;
  }
  AddTiles(b, {{"体检小区", std::to_string(r.estates.size())},
               {"问题总数", std::to_string(r.problems.size())},
               {"严重隐患", std::to_string(severe)},
               {"较大隐患", std::to_string(larger)}});
  b.flow().Space(4);
  AddEstateTable(b, r.estates);

  b.Section("二、各指标问题对象数", ChartHeightMm(r.indicators.size()));
  AddChart(b, r.indicators);

  b.Section("三、指标汇总表");
  AddIndicatorTable(b, r.indicators);

  b.Section("四、问题清单");
  AddProblemTable(b, r.problems);
  return b.Finish();
}

}  // namespace pdf

// ---------------------------------------------------------------------------------------------
// HTML.

namespace html {

constexpr const char* kStyle = R"css(
@page { size: A4 portrait; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       font-size: 10pt; color: #1a1a1a; background: #fff; }
body { margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
header.cover { text-align: center; border-bottom: 3px double #b31a1a; padding-bottom: 4mm; margin-bottom: 4mm; }
.kicker { color: #666; margin: 0; }
h1 { color: #143866; font-size: 19pt; margin: 2mm 0; }
.subtitle { margin: 0; }
h2 { color: #143866; font-size: 13pt; border-left: 4px solid #143866; padding-left: 3mm;
     border-bottom: 1px solid #ddd; margin: 7mm 0 3mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 8pt; }
th, td { border: 0.5pt solid #888; padding: 1.2mm 1.5mm; vertical-align: middle; text-align: left; }
thead th { background: #dee6f0; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tbody tr:nth-child(even) td { background: #f6f6f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
table.facts th { background: #f2f4f9; width: 14%; font-weight: normal; color: #444; text-align: left; }
.tiles { display: flex; gap: 4mm; margin: 3mm 0; }
.tile { flex: 1; background: #f2f4f9; border-top: 2px solid #143866; text-align: center; padding: 2mm; }
.tile b { display: block; color: #143866; font-size: 17pt; }
.tile span { color: #666; font-size: 8.5pt; }
.counts { display: flex; gap: 6mm; }
.counts table { flex: 1; }
.sev-severe { background: #f7d6d6 !important; }
.sev-larger_hazard { background: #fce1cc !important; }
.sev-hazard { background: #fdf2c6 !important; }
.sev-problem { background: #dbe5f2 !important; }
figure { margin: 2mm 0; break-inside: avoid; }
figcaption { color: #666; font-size: 8pt; }
svg { width: 100%; height: auto; }
ol.items li { margin: 1mm 0; }
footer { color: #666; font-size: 8pt; border-top: 0.5pt solid #999; margin-top: 8mm; padding-top: 1.5mm; }
@media print { main { max-width: none; padding: 0; } }
)css";

// Appends text to an HTML document, escaping user text.
class Page {
 public:
  Page& Raw(std::string_view markup) {
    out_ += markup;
    return *this;
  }
  Page& Esc(std::string_view text) {
    out_ += EscapeHtml(text);
    return *this;
  }
  // <tag attrs>escaped text</tag>; `attrs` is markup (never user text).
  Page& Element(std::string_view tag, std::string_view text, std::string_view attrs = "") {
    Raw("<").Raw(tag);
    if (!attrs.empty()) Raw(" ").Raw(attrs);
    return Raw(">").Esc(text).Raw("</").Raw(tag).Raw(">");
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// A table cell class: "sev-<code>" for a severity, "" for none (constants only: user data never
// reaches an attribute).
std::string SeverityClass(std::optional<ck::Severity> severity) {
  if (!severity) return "";
  return "sev-" + std::string(LookOf(severity).code);
}

struct Cell {
  std::string text;
  std::string css_class;  // markup-safe constants only
};

void TableHtml(Page& page, const std::vector<std::string>& headings, const std::vector<std::vector<Cell>>& rows,
               std::string_view table_class = "") {
  page.Raw(table_class.empty() ? "<table>" : "<table class=\"" + std::string(table_class) + "\">");
  page.Raw("<thead><tr>");
  for (const std::string& h : headings) page.Element("th", h, "scope=\"col\"");
  page.Raw("</tr></thead><tbody>");
  for (const auto& row : rows) {
    page.Raw("<tr>");
    for (const Cell& c : row) page.Element("td", c.text, c.css_class.empty() ? "" : "class=\"" + c.css_class + "\"");
    page.Raw("</tr>");
  }
  page.Raw("</tbody></table>\n");
}

void Head(Page& page, const std::string& title) {
  page.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
      .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
      .Element("title", title)
      .Raw("\n<style>")
      .Raw(kStyle)
      .Raw("</style>\n</head>\n<body>\n<main>\n");
}

void Cover(Page& page, const std::string& kicker, const std::string& title, const std::string& subtitle) {
  page.Raw("<header class=\"cover\">");
  page.Element("p", kicker, "class=\"kicker\"").Element("h1", title).Element("p", subtitle, "class=\"subtitle\"");
  page.Raw("</header>\n");
}

void Foot(Page& page, const std::string& generated_at) {
  page.Raw("<footer>").Esc(generated_at.empty() ? "焕新平台生成" : "焕新平台生成 · 生成时间 " + generated_at);
  page.Raw("</footer>\n</main>\n</body>\n</html>\n");
}

void Facts(Page& page, const std::vector<std::pair<std::string, std::string>>& facts) {
  page.Raw("<table class=\"facts\"><tbody>");
  for (std::size_t i = 0; i < facts.size(); i += 2) {
    page.Raw("<tr>").Element("th", facts[i].first, "scope=\"row\"").Element("td", facts[i].second);
    if (i + 1 < facts.size())
      page.Element("th", facts[i + 1].first, "scope=\"row\"").Element("td", facts[i + 1].second);
    else
      page.Raw("<th></th><td></td>");
    page.Raw("</tr>");
  }
  page.Raw("</tbody></table>\n");
}

void Tiles(Page& page, const std::vector<std::pair<std::string, std::string>>& tiles) {
  page.Raw("<div class=\"tiles\">");
  for (const auto& [label, figure] : tiles)
    page.Raw("<div class=\"tile\">").Element("b", figure).Element("span", label).Raw("</div>");
  page.Raw("</div>\n");
}

void Counts(Page& page, const std::vector<std::pair<std::string, std::int64_t>>& by_sub_dimension,
            const std::vector<std::pair<ck::Severity, std::int64_t>>& by_severity) {
  std::vector<std::vector<Cell>> sub, sev;
  for (const auto& [label, n] : by_sub_dimension) sub.push_back({{label, ""}, {std::to_string(n), "num"}});
  for (const auto& [severity, n] : by_severity)
    sev.push_back({{SeverityText(severity), SeverityClass(severity)}, {std::to_string(n), "num"}});
  page.Raw("<div class=\"counts\">");
  TableHtml(page, {"子项", "问题数"}, sub);
  TableHtml(page, {"严重程度", "问题数"}, sev);
  page.Raw("</div>\n");
}

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// The chart as inline SVG (user units ≈ px at 96 dpi; the figure scales to the page width).
void Chart(Page& page, const std::vector<CheckupIndicatorRow>& indicators) {
  if (indicators.empty()) return;
  constexpr double kWidth = 680, kLabel = 250, kValue = 50, kRow = 20, kBar = 12, kAxis = 18;
  const double plot = kWidth - kLabel - kValue;
  const Scale scale = ChartScale(indicators);
  auto x_of = [&](std::int64_t v) { return kLabel + plot * static_cast<double>(v) / static_cast<double>(scale.max); };
  const double height = kAxis + kRow * static_cast<double>(indicators.size()) + 4;
  page.Raw("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Number(kWidth) + " " + Number(height) +
           "\" role=\"img\" aria-label=\"各指标问题对象数\" font-size=\"11\">");
  for (std::int64_t v = 0; v <= scale.max; v += scale.step) {
    const std::string x = Number(x_of(v));
    page.Raw("<line x1=\"" + x + "\" y1=\"" + Number(kAxis - 4) + "\" x2=\"" + x + "\" y2=\"" + Number(height) +
             "\" stroke=\"" + (v == 0 ? "#666" : "#ddd") + "\"/>");
    page.Raw("<text x=\"" + x + "\" y=\"11\" text-anchor=\"middle\" fill=\"#666\">" + std::to_string(v) + "</text>");
  }
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const CheckupIndicatorRow& r = indicators[i];
    const double top = kAxis + kRow * static_cast<double>(i);
    const double mid = top + kRow / 2 + 4;
    page.Raw("<text x=\"0\" y=\"" + Number(mid) + "\">").Esc(IndicatorLabel(r.code, r.name)).Raw("</text>");
    if (r.objects > 0)
      page.Raw("<rect x=\"" + Number(kLabel) + "\" y=\"" + Number(top + (kRow - kBar) / 2) + "\" width=\"" +
               Number(x_of(r.objects) - kLabel) + "\" height=\"" + Number(kBar) + "\" fill=\"" +
               LookOf(r.worst).css_bar + "\"/>");
    double value_x = x_of(r.objects) + 4;
    if (r.previous_objects) {
      const std::string px = Number(x_of(*r.previous_objects));
      page.Raw("<line x1=\"" + px + "\" y1=\"" + Number(top + 2) + "\" x2=\"" + px + "\" y2=\"" +
               Number(top + kRow - 2) + "\" stroke=\"#1a1a1a\" stroke-width=\"2\"><title>上年 " +
               std::to_string(*r.previous_objects) + "</title></line>");
      value_x = std::max(value_x, x_of(*r.previous_objects) + 4);
    }
    page.Raw("<text x=\"" + Number(value_x) + "\" y=\"" + Number(mid) + "\" font-weight=\"bold\">" +
             std::to_string(r.objects) + "</text>");
  }
  page.Raw("</svg><figcaption>横轴：存在问题的对象数；颜色：最严重的问题等级（");
  for (std::size_t i = 0; i < kSeverities.size(); ++i) {
    if (i > 0) page.Raw("、");
    page.Raw("<span style=\"color:").Raw(kSeverities[i].css_bar).Raw("\">■</span>").Esc(kSeverities[i].label);
  }
  page.Raw("）；黑色竖线：上年数值。</figcaption></figure>\n");
}

void IndicatorTable(Page& page, const std::vector<CheckupIndicatorRow>& indicators) {
  std::vector<std::vector<Cell>> rows;
  for (const CheckupIndicatorRow& r : indicators)
    rows.push_back({{r.code, "center"},
                    {r.name, ""},
                    {r.sub_dimension, "center"},
                    {ObjectsLabel(r.objects, r.problem_unit), "num"},
                    {std::to_string(r.problems), "num"},
                    {OrNone(WorstText(r.worst)), SeverityClass(r.worst)},
                    {PreviousLabel(r), "num"},
                    {ChangeLabel(r), "num"}});
  TableHtml(page, {"编码", "指标", "子项", "问题对象", "问题数", "最严重", "上年", "变化"}, rows);
}

void ProblemTable(Page& page, const std::vector<CheckupProblemRow>& problems) {
  if (problems.empty()) {
    page.Element("p", "未发现问题。");
    return;
  }
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const CheckupProblemRow& p = problems[i];
    rows.push_back({{std::to_string(i + 1), "center"},
                    {p.object_label, ""},
                    {IndicatorLabel(p.indicator_code, p.indicator_name), ""},
                    {p.criterion_name, ""},
                    {SeverityText(p.severity), "center " + SeverityClass(p.severity)},
                    {p.value_label, "num"},
                    {p.note, ""},
                    {p.suggested_items, ""}});
  }
  TableHtml(page, {"序号", "对象", "指标", "子项", "严重程度", "量值", "说明", "建议改造内容"}, rows);
}

std::string RenderEstate(const CheckupEstateReport& r) {
  Page page;
  Head(page, r.title);
  Cover(page, pdf_kit::JoinNonEmpty(r.period_label, r.catalog_label, " · "), r.title, r.region_path);
  page.Raw("<section>").Element("h2", "一、基本情况");
  Facts(page, pdf::EstateFacts(r));
  page.Raw("</section>\n<section>").Element("h2", "二、体检结论");
  const auto total = static_cast<std::int64_t>(r.problems.size());
  page.Element("p", "本次体检共核查指标 " + std::to_string(r.indicators.size()) + " 项，其中 " +
                        std::to_string(CountWithProblems(r.indicators)) + " 项发现问题，共发现问题 " +
                        std::to_string(total) + " 处，其中严重隐患 " +
                        std::to_string(CountSeverity(r.problems, ck::Severity::kSevere)) + " 处、较大隐患 " +
                        std::to_string(CountSeverity(r.problems, ck::Severity::kLargerHazard)) + " 处。");
  Tiles(page, {{"问题总数", std::to_string(total)},
               {"问题对象（按指标累计）", std::to_string(SumObjects(r.indicators))},
               {"发现问题的指标",
                std::to_string(CountWithProblems(r.indicators)) + " / " + std::to_string(r.indicators.size())},
               {"严重隐患", std::to_string(CountSeverity(r.problems, ck::Severity::kSevere))}});
  Counts(page, r.by_sub_dimension, r.by_severity);
  page.Raw("</section>\n<section>").Element("h2", "三、各指标问题对象数");
  Chart(page, r.indicators);
  page.Raw("</section>\n<section>").Element("h2", "四、指标汇总表");
  IndicatorTable(page, r.indicators);
  page.Raw("</section>\n<section>").Element("h2", "五、问题清单");
  ProblemTable(page, r.problems);
  page.Raw("</section>\n<section>").Element("h2", "六、建议改造内容");
  if (r.suggested_items.empty())
    page.Element("p", "无。");
  else {
    page.Raw("<ol class=\"items\">");
    for (const std::string& item : r.suggested_items) page.Element("li", item);
    page.Raw("</ol>");
  }
  page.Raw("</section>\n");
  Foot(page, r.generated_at);
  return page.Take();
}

std::string RenderArea(const CheckupAreaReport& r) {
  Page page;
  Head(page, r.title);
  Cover(page, pdf_kit::JoinNonEmpty(r.period_label, r.catalog_label, " · "), r.title, r.region_label);
  page.Raw("<section>").Element("h2", "一、片区概况");
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < r.estates.size(); ++i) {
    const CheckupAreaEstateRow& e = r.estates[i];
    rows.push_back({{std::to_string(i + 1), "center"},
                    {e.estate_name, ""},
                    {e.community, ""},
                    {e.status_label, "center"},
                    {std::to_string(e.problems), "num"},
                    {std::to_string(e.severe), "num"},
                    {std::to_string(e.larger_hazard), "num"},
                    {std::to_string(e.hazard), "num"},
                    {std::to_string(e.other), "num"}});
  }
  TableHtml(page, {"序号", "小区", "社区", "状态", "问题数", "严重隐患", "较大隐患", "隐患", "其他"}, rows);
  page.Raw("</section>\n<section>").Element("h2", "二、各指标问题对象数");
  Chart(page, r.indicators);
  page.Raw("</section>\n<section>").Element("h2", "三、指标汇总表");
  IndicatorTable(page, r.indicators);
  page.Raw("</section>\n<section>").Element("h2", "四、问题清单");
  ProblemTable(page, r.problems);
  page.Raw("</section>\n");
  Foot(page, r.generated_at);
  return page.Take();
}

}  // namespace html

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public functions.

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        break;
      default:
        out += c;
    }
  }
  return out;
}

Result<std::string> RenderCheckupPdf(const CheckupEstateReport& r) {
  auto checked = CheckEstate(r);
  if (!checked) return std::move(checked).error();
  return pdf::RenderEstate(r);
}

Result<std::string> RenderCheckupAreaPdf(const CheckupAreaReport& r) {
  auto checked = CheckArea(r);
  if (!checked) return std::move(checked).error();
  return pdf::RenderArea(r);
}

std::string RenderCheckupHtml(const CheckupEstateReport& r) { return html::RenderEstate(r); }

std::string RenderCheckupAreaHtml(const CheckupAreaReport& r) { return html::RenderArea(r); }

namespace {

// Characters of the estate report's fixed wording (section titles, labels, severity names, the
// page numbers), so the batch's font subset holds them whatever the data. A character missed here
// only costs a re-render of the reports that print it with the system fonts.
constexpr std::string_view kEstateFixedText =
    "−一三上不严中二五他位体值六共其内况化区单发变台号各合名周四在地址域基处大子存容对小平年序度建录待态总患"
    "情成所持指按改数新无时明最期未本查标核检概横次汇清焕片状现生的目码社称程等累级结编色表见计议论该说象轴较达"
    "造重量问间隐项题颜第页";

void AppendReportText(const CheckupEstateReport& r, std::string& out) {
  for (const std::string* s : {&r.title, &r.estate_name, &r.region_path, &r.address, &r.catalog_label, &r.period_label,
                               &r.status_label, &r.generated_at})
    out += *s;
  for (const auto& [label, value] : r.facts) out += label + value;
  for (const auto& row : r.indicators) out += row.code + row.name + row.sub_dimension + row.problem_unit;
  for (const auto& [label, n] : r.by_sub_dimension) out += label;
  for (const auto& p : r.problems)
    out += p.object_label + p.indicator_code + p.indicator_name + p.criterion_name + p.value_label + p.note +
           p.suggested_items;
  for (const auto& item : r.suggested_items) out += item;
}

}  // namespace

std::vector<CheckupBatchDocuments> RenderCheckupBatch(const std::vector<CheckupBatchItem>& items, unsigned threads) {
  std::vector<CheckupBatchDocuments> out(items.size());
  if (items.empty()) return out;
  // Only text that passes the checks goes into the subset; an item that fails them fails in
  // RenderCheckupPdf as it would alone.
  std::string text(kEstateFixedText);
  for (const CheckupBatchItem& item : items)
    if (CheckEstate(item.report)) AppendReportText(item.report, text);
  std::shared_ptr<const pdf_kit::SubsetFonts> fonts = pdf_kit::SubsetFonts::Build(text);

  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, items.size()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    // cairo and Pango objects stay on this thread: its own font map, its own documents.
    std::unique_ptr<PangoFontMap, pdf_kit::GObjectDeleter> map;
    if (fonts) map = fonts->NewFontMap();
    for (std::size_t i = next.fetch_add(1); i < items.size(); i = next.fetch_add(1)) {
      const CheckupBatchItem& item = items[i];
      CheckupBatchDocuments& docs = out[i];
      if (auto checked = CheckEstate(item.report); !checked) {
        docs.pdf = std::move(checked).error();
      } else {
        bool missing = false;
        if (map) docs.pdf = pdf::RenderEstate(item.report, map.get(), &missing);
        if (!map || missing) docs.pdf = pdf::RenderEstate(item.report);
      }
      docs.xlsx = item.xlsx ? RenderProblemListXlsx(item.sheet_title, item.problem_list) : Result<std::string>(std::string());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

Result<std::string> RenderProblemListXlsx(const std::string& sheet_title, const std::vector<CheckupProblemRow>& rows) {
  XlsxWriter writer;
  writer.AddSheet(sheet_title);
  writer.SetColumnWidths({6, 28, 10, 30, 28, 12, 12, 36, 36});
  writer.WriteHeader({"序号", "对象", "指标编码", "指标", "子项", "严重程度", "量值", "说明", "建议改造内容"});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CheckupProblemRow& p = rows[i];
    writer.WriteRow({static_cast<std::int64_t>(i + 1), p.object_label, p.indicator_code, p.indicator_name,
                     p.criterion_name, SeverityText(p.severity), p.value_label, p.note, p.suggested_items});
  }
  return writer.Finish();
}

}  // namespace huanxin::report
