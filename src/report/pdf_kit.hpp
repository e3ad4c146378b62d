// Internal toolkit shared by the PDF exporters of src/report (ballots, check-up reports): a cairo
// PDF document streamed into a string, Pango text boxes, tables drawn row by row, pagination, a
// page footer, and a flow that places blocks over pages before drawing them (so "共 m 页" is known).
//
// Not a public API: only src/report includes it. Units: layout constants are millimetres, cairo's
// PDF user space is points; convert once with Mm(). Fonts: "Noto Sans CJK SC" / "Noto Sans Mono
// CJK SC" (Debian fonts-noto-cjk); without them fontconfig substitutes another font.
//
// Thread safety: a PdfDocument and everything laid out in it belong to one thread; separate
// documents may be built on separate threads.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace huanxin::report::pdf_kit {

// ---------------------------------------------------------------------------------------------
// Units, page geometry, colours, typography.

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double Mm(double mm) { return mm * kPointsPerMm; }

struct PageSize {
  double width_mm;
  double height_mm;
};
constexpr PageSize kA4Portrait{210, 297};
constexpr PageSize kA4Landscape{297, 210};

constexpr const char* kSansFont = "Noto Sans CJK SC";
constexpr const char* kMonoFont = "Noto Sans Mono CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.10, 0.10, 0.10};
constexpr Rgb kMuted{0.40, 0.40, 0.40};
constexpr Rgb kHeadingFill{0.90, 0.90, 0.90};
constexpr Rgb kStripeFill{0.965, 0.965, 0.965};

constexpr double kHairlinePt = 0.5;   // table grid
constexpr double kFrameLinePt = 1.0;  // table frame, header rule
constexpr double kBoxLinePt = 0.8;    // checkboxes
constexpr double kWriteLinePt = 0.6;  // lines to write on (signature, date)

// ---------------------------------------------------------------------------------------------
// Errors (reasons report.pdf_*), input checks and small text helpers.

// 500 report.pdf_bad_input with the given detail.
Error BadInput(const std::string& zh, const std::string& en);
// 500 report.pdf_io: cairo failed.
Error Io(const std::string& what);
// 422 report.pdf_row_too_tall: one row does not fit a page; `where` says which.
Error RowTooTall(const std::string& where_zh, const std::string& where_en);

// A named string to check; `value` must outlive the check.
struct Field {
  const char* name;
  const std::string& value;
};

// Pango would draw invalid UTF-8 as boxes and log a warning: fails with report.pdf_bad_input when a
// field is not valid UTF-8 or holds a NUL; `where` names the record in the detail.
Result<void> CheckFields(std::initializer_list<Field> fields, const std::string& where);

// "a<separator>b", or the non-empty one alone.
std::string JoinNonEmpty(const std::string& a, const std::string& b, std::string_view separator);

// "第 n 页 / 共 m 页" for the 0-based `page` of `count`.
std::string PageNumberLabel(std::size_t page, std::size_t count);

// ---------------------------------------------------------------------------------------------
// Ownership of the C objects.

struct CairoDeleter {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
struct GObjectDeleter {
  void operator()(gpointer p) const { g_object_unref(p); }
};

// ---------------------------------------------------------------------------------------------
// The document: a cairo PDF surface that streams into a string, and the Pango context every text
// box is laid out in.

class PdfDocument {
 public:
  // Starts an A4 portrait document with `title` in its metadata. Text is laid out with `font_map`
  // when given (see SubsetFonts; it must outlive the document and belong to this thread), else
  // with Pango's default font map for the thread (the system's fonts).
  explicit PdfDocument(const char* title, PangoFontMap* font_map = nullptr);
  // `this` is cairo's write closure: the document must stay where it was built.
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  cairo_t* cr() const { return cr_.get(); }
  PangoContext* pango() const { return pango_.get(); }

  // Must come before anything is drawn on the page.
  void BeginPage(PageSize size);
  void EndPage() { cairo_show_page(cr_.get()); }

  // Writes the trailer and hands over the bytes. Call once, after at least one page.
  // Failure: 500 report.pdf_io.
  Result<std::string> Finish();

  // True when some text laid out in this document had a character its fonts lack (Pango would
  // draw a hex box). With SubsetFonts this means the subset was too narrow: render again without.
  bool missing_glyphs() const { return missing_glyphs_; }
  void NoteMissingGlyphs() const { missing_glyphs_ = true; }

 private:
  static cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length);

  // Declared first so it outlives the surface, which may still write while being destroyed.
  std::string bytes_;
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface_;
  std::unique_ptr<cairo_t, CairoDeleter> cr_;
  std::unique_ptr<PangoContext, GObjectDeleter> pango_;
  mutable bool missing_glyphs_ = false;
};

// ---------------------------------------------------------------------------------------------
// Fonts for a batch of documents (issue #16). cairo embeds a subset of every font a PDF uses, and
// to make it reads the font's whole CFF table — 15 MB for Noto Sans CJK, twice per face and per
// document — and looks each glyph up in its cmap. A batch that knows its text up front can instead
// lay out every document with fonts cut down once to the characters the batch uses: the same
// outlines and advances (so the same layout, pages and text layer), a fraction of the bytes to
// read.
//
// Only the faces of kSansFont (regular and bold) are subset; documents that use another family
// must not be laid out with these fonts. A document that meets a character outside the subset
// notes it (PdfDocument::missing_glyphs) and should be rendered again with the system fonts.
//
// Thread safety: a SubsetFonts may be shared by threads once built; each thread makes its own
// font map (NewFontMap), since Pango font maps are not thread-safe.
class SubsetFonts {
 public:
  // Subsets of the faces fontconfig picks for kSansFont, regular and bold, holding the characters
  // of `text` (UTF-8) plus printable ASCII, Latin-1 and common CJK and general punctuation, written
  // to files in a fresh temporary folder. Null when fontconfig, HarfBuzz or the file system fail,
  // or `text` is not valid UTF-8: callers then use the system fonts.
  static std::shared_ptr<const SubsetFonts> Build(std::string_view text);

  ~SubsetFonts();
  SubsetFonts(const SubsetFonts&) = delete;
  SubsetFonts& operator=(const SubsetFonts&) = delete;

  // A Pango font map that sees the subset faces and nothing else, for the calling thread.
  std::unique_ptr<PangoFontMap, GObjectDeleter> NewFontMap() const;

  // Bytes of the subset font files (for the benchmark's notes).
  std::size_t bytes() const { return bytes_; }

 private:
  SubsetFonts() = default;
  struct FcConfigDeleter {
    void operator()(void* p) const;
  };
  std::unique_ptr<void, FcConfigDeleter> config_;  // FcConfig*
  std::string dir_;
  std::size_t bytes_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Drawing primitives. Coordinates in points, (x, y) the top-left corner.

void SetColor(cairo_t* cr, Rgb color);
void StrokeLine(cairo_t* cr, double x0, double y0, double x1, double y1, double width_pt, Rgb color = kInk);
void FillRect(cairo_t* cr, double x, double y, double w, double h, Rgb color);
void StrokeRect(cairo_t* cr, double x, double y, double w, double h, double width_pt, Rgb color = kInk);
// An empty box to tick.
void DrawCheckbox(cairo_t* cr, double x, double y, double side);

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  const char* family = kSansFont;
  double size_pt = 10;
  bool bold = false;
  Rgb color = kInk;
  Align align = Align::kLeft;
  bool ellipsize = false;  // with a width: one line, cut with "…" instead of wrapping
};

TextStyle Style(double size_pt, bool bold = false, Rgb color = kInk, Align align = Align::kLeft,
                const char* family = kSansFont);

// A paragraph laid out once, then measured and drawn wherever it fits. With width_pt > 0 it wraps
// at that width (between words, or between any two characters for Chinese) and aligns within it;
// otherwise it stays on one line.
class TextBox {
 public:
  TextBox(const PdfDocument& doc, const std::string& text, const TextStyle& style, double width_pt);

  double width() const { return width_; }  // the widest line (for one-line boxes: the text)
  double height() const { return height_; }

  void Draw(cairo_t* cr, double x, double y) const;

 private:
  std::unique_ptr<PangoLayout, GObjectDeleter> layout_;
  Rgb color_;
  double width_ = 0;
  double height_ = 0;
};

// Text boxes stacked top to bottom, each with its own space above.
class Stack {
 public:
  // Adds nothing for empty text, so optional lines leave no gap.
  void Add(const PdfDocument& doc, const std::string& text, const TextStyle& style, double width_pt,
           double space_before_mm = 0);
  double height() const { return height_; }
  void Draw(cairo_t* cr, double x, double y) const;

 private:
  struct Item {
    double space_before;
    TextBox box;
  };
  std::vector<Item> items_;
  double height_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Tables.

struct Checkbox {};  // one empty box, centred in the cell
struct Choices {     // "□ label" items side by side, wrapping within the cell
  std::vector<std::string> labels;
};
using Cell = std::variant<std::string, Checkbox, Choices>;
using Row = std::vector<Cell>;
// Per-cell background for one row (e.g. a severity colour); missing or nullopt: none.
using CellFills = std::vector<std::optional<Rgb>>;

struct Column {
  std::string heading;
  double width_mm;  // 0: the width the other columns leave (one such column per table)
  Align align = Align::kLeft;
};

struct TableStyle {
  TextStyle heading = Style(10, true);
  TextStyle body = Style(10);
  Rgb heading_fill = kHeadingFill;
  double min_row_mm = 9;
  double pad_x_mm = 2;
  double pad_y_mm = 2;
  double box_mm = 4.5;         // side of a checkbox
  double choice_gap_mm = 3;    // between two Choices items
  double choice_label_mm = 1;  // between a box and its label
};

// The content of one cell laid out inside its padding.
struct CellBlock {
  struct PlacedText {
    double dx, dy;
    TextBox text;
  };
  struct PlacedBox {
    double dx, dy;
  };
  std::vector<PlacedText> texts;
  std::vector<PlacedBox> boxes;
  double box_side = 0;
  double height = 0;

  void Draw(cairo_t* cr, double x, double y) const;
};

// A table of fixed columns drawn row by row, so the caller can break it across pages. Keeps a
// reference to `doc`, which must outlive it.
class Table {
 public:
  Table(const PdfDocument& doc, std::vector<Column> columns, double left_pt, double width_pt, TableStyle style);

  double HeadingHeight() const { return RowHeight(HeadingRow(), style_.heading); }
  double RowHeight(const Row& row) const { return RowHeight(row, style_.body); }

  void DrawHeading(double top) const;
  void DrawRow(const Row& row, double top, double height, bool striped, const CellFills& fills = {}) const;
  // The frame around heading and rows, drawn last so it lies over the fills.
  void DrawFrame(double top, double bottom) const;

 private:
  Row HeadingRow() const;
  double RowHeight(const Row& row, const TextStyle& text) const;
  void DrawCells(const Row& row, const TextStyle& text, double top, double height) const;
  void DrawRules(double top, double height) const;
  CellBlock LayOut(const Cell& cell, std::size_t column, const TextStyle& text) const;
  void LayOutChoices(const Choices& choices, double inner, const TextStyle& text, CellBlock& block) const;

  const PdfDocument& doc_;
  std::vector<Column> columns_;
  double left_;
  double width_;
  TableStyle style_;
  std::vector<double> edges_;  // x of each column's left edge, and the table's right edge last
  std::vector<double> widths_;
};

// [first, last) row indexes on one page.
struct PageRange {
  std::size_t first;
  std::size_t last;
};

// Splits rows of the given heights into pages of `capacity` pt each, greedily: at least one
// (possibly empty) range. Fails with report.pdf_row_too_tall when a single row exceeds a page.
Result<std::vector<PageRange>> Paginate(const std::vector<double>& heights, double capacity,
                                        const std::string& where_zh, const std::string& where_en);

// Small print at the foot of a page: a note on the left, the page number on the right, above the
// bottom margin and under a thin rule.
class Footer {
 public:
  static constexpr double kRuleGapMm = 1.5;
  static constexpr double kNumberWidthMm = 32;

  Footer(const PdfDocument& doc, const std::string& note, double left, double width, double page_bottom);

  // y of the rule on top of the footer.
  double top() const;
  void Draw(std::size_t page, std::size_t count) const;

 private:
  const PdfDocument& doc_;
  TextBox note_;
  double left_;
  double width_;
  double bottom_;
};

// ---------------------------------------------------------------------------------------------
// Flow: blocks placed top to bottom between `top` and `bottom` of every page, starting a new page
// when the next block does not fit. Nothing is drawn until Render, which knows the page count.
// Painters may hold shared_ptrs to what they draw; they run in page order.

class Flow {
 public:
  using Painter = std::function<void(double top)>;
  // Draws what every page repeats (running header, footer) for the 0-based page of count.
  using Decoration = std::function<void(std::size_t page, std::size_t count)>;

  Flow(double top, double bottom) : top_(top), bottom_(bottom), y_(top) { pages_.emplace_back(); }

  // Places a block of `height` pt. `keep_with_next` pt more must fit on the same page too (so a
  // section heading is never left alone at the bottom). A block taller than a page fails
  // Render with report.pdf_row_too_tall (`where_zh` / `where_en` name it).
  void Add(double height, Painter paint, double keep_with_next = 0, const std::string& where_zh = "",
           const std::string& where_en = "");
  // Leaves `mm` of space, unless at the top of a page.
  void Space(double mm);
  void NewPage();

  // Places a table: its heading (unless `with_heading` is false), then the rows, repeating the
  // heading on every page it runs over and framing each page's part. `fills` (optional) colours
  // cells row by row. Shares ownership of `table` until the flow is destroyed.
  void AddTable(std::shared_ptr<const Table> table, std::vector<Row> rows, std::vector<CellFills> fills,
                const std::string& where_zh, const std::string& where_en, bool with_heading = true);

  double remaining() const { return bottom_ - y_; }
  double capacity() const { return bottom_ - top_; }
  std::size_t page_count() const { return pages_.size(); }

  // Draws every page on `doc`, calling `decorate` on each. Fails with the first error recorded
  // while placing blocks.
  Result<void> Render(PdfDocument& doc, PageSize size, const Decoration& decorate) const;

 private:
  struct Placed {
    double top;
    Painter paint;
  };
  bool Fits(double height) const { return y_ + height <= bottom_ + 1e-6; }

  double top_;
  double bottom_;
  double y_;
  std::vector<std::vector<Placed>> pages_;
  std::optional<Error> error_;
};

}  // namespace huanxin::report::pdf_kit
