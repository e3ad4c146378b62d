#include "report/ballot_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <string_view>
#include <utility>
#include <variant>

#include "common/text.hpp"

namespace huanxin::report {
namespace {

// ---------------------------------------------------------------------------------------------
// Units, page geometry, typography. Layout constants are in millimetres; cairo's PDF user space
// is in points, so every constant goes through Mm() once, where it is used.

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

// The QR symbol itself is at least this wide; the quiet zone comes on top of it.
constexpr double kQrSymbolMm = 30;
constexpr int kQrQuietModules = 4;  // ISO/IEC 18004 §7.3.8 asks for 4 light modules around

// ---------------------------------------------------------------------------------------------
// Errors.

const Text kFailed("生成 PDF 失败", "the PDF could not be generated");

Error BadInput(const std::string& zh, const std::string& en) {
  return MakeError(ErrorCode::kInternal, "report.pdf_bad_input", kFailed, Text(zh, en));
}

Error Io(const std::string& what) {
  return MakeError(ErrorCode::kInternal, "report.pdf_io", kFailed, Text::Same(what));
}

Error NothingToPrint() {
  return MakeError(ErrorCode::kUnprocessable, "report.pdf_nothing_to_print",
                   Text("没有可打印的内容", "there is nothing to print"), {},
                   Text("请先选择要打印的房屋", "choose the dwellings to print first"));
}

Error RowTooTall(const std::string& where_zh, const std::string& where_en) {
  return MakeError(ErrorCode::kUnprocessable, "report.pdf_row_too_tall",
                   Text("有一行内容过长，一页放不下", "a row is too long to fit on a page"),
                   Text(where_zh, where_en), Text("请缩短该行的文字", "shorten the text of that row"));
}

// Pango would draw invalid UTF-8 as boxes and log a warning; refuse it, and NULs, up front.
struct Field {
  const char* name;
  const std::string& value;
};

Result<void> CheckFields(std::initializer_list<Field> fields, const std::string& where) {
  for (const Field& field : fields) {
    if (Utf8Length(field.value) && field.value.find('\0') == std::string::npos) continue;
    return BadInput(where + " 的 " + field.name + " 不是有效的 UTF-8 或含有 NUL",
                    where + ": " + field.name + " is not valid UTF-8 or holds a NUL");
  }
  return Ok();
}

std::string JoinNonEmpty(const std::string& a, const std::string& b, std::string_view separator) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + std::string(separator) + b;
}

std::string PageNumberLabel(std::size_t page, std::size_t count) {
  return "第 " + std::to_string(page + 1) + " 页 / 共 " + std::to_string(count) + " 页";
}

// ---------------------------------------------------------------------------------------------
// Ownership of the C objects.

struct CairoDeleter {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
struct GObjectDeleter {
  void operator()(gpointer p) const { g_object_unref(p); }
};
struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
};
struct QrDeleter {
  void operator()(QRcode* p) const { QRcode_free(p); }
};

// ---------------------------------------------------------------------------------------------
// The document: a cairo PDF surface that streams into a string, and the Pango context every text
// box is laid out in.

class PdfDocument {
 public:
  explicit PdfDocument(const char* title) {
    surface_.reset(cairo_pdf_surface_create_for_stream(&PdfDocument::Append, this, Mm(kA4Portrait.width_mm),
                                                       Mm(kA4Portrait.height_mm)));
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Huanxin");
    cr_.reset(cairo_create(surface_.get()));  // never null: a failed surface gives a failed context
    pango_.reset(pango_cairo_create_context(cr_.get()));
    // Hinted metrics would snap every advance to a whole device unit, i.e. a whole point in a PDF,
    // and space glyphs unevenly; the viewer scales the outlines anyway.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(pango_.get(), FALSE);
  }
  // `this` is cairo's write closure: the document must stay where it was built.
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  cairo_t* cr() const { return cr_.get(); }
  PangoContext* pango() const { return pango_.get(); }

  // Must come before anything is drawn on the page.
  void BeginPage(PageSize size) {
    cairo_pdf_surface_set_size(surface_.get(), Mm(size.width_mm), Mm(size.height_mm));
  }
  void EndPage() { cairo_show_page(cr_.get()); }

  // Writes the trailer and hands over the bytes. Call once, after at least one page.
  Result<std::string> Finish() {
    cairo_status_t status = cairo_status(cr_.get());
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) return Io(std::string("cairo: ") + cairo_status_to_string(status));
    return std::move(bytes_);
  }

 private:
  static cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    // No exception may unwind through cairo's C frames.
    try {
      static_cast<PdfDocument*>(closure)->bytes_.append(reinterpret_cast<const char*>(data), length);
    } catch (const std::bad_alloc&) {
      return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
  }

  // Declared first so it outlives the surface, which may still write while being destroyed.
  std::string bytes_;
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface_;
  std::unique_ptr<cairo_t, CairoDeleter> cr_;
  std::unique_ptr<PangoContext, GObjectDeleter> pango_;
};

// ---------------------------------------------------------------------------------------------
// Drawing primitives.

void SetColor(cairo_t* cr, Rgb color) { cairo_set_source_rgb(cr, color.r, color.g, color.b); }

void StrokeLine(cairo_t* cr, double x0, double y0, double x1, double y1, double width_pt, Rgb color = kInk) {
  SetColor(cr, color);
  cairo_set_line_width(cr, width_pt);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void FillRect(cairo_t* cr, double x, double y, double w, double h, Rgb color) {
  SetColor(cr, color);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

void StrokeRect(cairo_t* cr, double x, double y, double w, double h, double width_pt) {
  SetColor(cr, kInk);
  cairo_set_line_width(cr, width_pt);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

// An empty box to tick; (x, y) is its top-left corner.
void DrawCheckbox(cairo_t* cr, double x, double y, double side) { StrokeRect(cr, x, y, side, side, kBoxLinePt); }

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  const char* family = kSansFont;
  double size_pt = 10;
  bool bold = false;
  Rgb color = kInk;
  Align align = Align::kLeft;
};

TextStyle Style(double size_pt, bool bold = false, Rgb color = kInk, Align align = Align::kLeft,
                const char* family = kSansFont) {
  return TextStyle{family, size_pt, bold, color, align};
}

// A paragraph laid out once, then measured and drawn wherever it fits. With width_pt > 0 it wraps
// at that width (between words, or between any two characters for Chinese) and aligns within it;
// otherwise it stays on one line.
class TextBox {
 public:
  TextBox(const PdfDocument& doc, const std::string& text, const TextStyle& style, double width_pt)
      : layout_(pango_layout_new(doc.pango())), color_(style.color) {
    std::unique_ptr<PangoFontDescription, FontDescriptionDeleter> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), style.family);
    pango_font_description_set_weight(font.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size: one device unit of the PDF surface is one point, whatever resolution Pango
    // would otherwise assume (96 dpi) for a nominal size.
    pango_font_description_set_absolute_size(font.get(), style.size_pt * PANGO_SCALE);
    pango_layout_set_font_description(layout_.get(), font.get());
    if (width_pt > 0) {
      pango_layout_set_width(layout_.get(), static_cast<int>(width_pt * PANGO_SCALE));
      pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout_.get(), style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                              : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                             : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout_.get(), &width, &height);
    width_ = static_cast<double>(width) / PANGO_SCALE;
    height_ = static_cast<double>(height) / PANGO_SCALE;
  }

  double width() const { return width_; }  // the widest line (for one-line boxes: the text)
  double height() const { return height_; }

  // (x, y): the top-left corner of the box.
  void Draw(cairo_t* cr, double x, double y) const {
    SetColor(cr, color_);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout_.get());
  }

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
           double space_before_mm = 0) {
    if (text.empty()) return;
    double space = items_.empty() ? 0 : Mm(space_before_mm);
    items_.push_back(Item{space, TextBox(doc, text, style, width_pt)});
    height_ += space + items_.back().box.height();
  }
  double height() const { return height_; }
  void Draw(cairo_t* cr, double x, double y) const {
    for (const Item& item : items_) {
      y += item.space_before;
      item.box.Draw(cr, x, y);
      y += item.box.height();
    }
  }

 private:
  struct Item {
    double space_before;
    TextBox box;
  };
  std::vector<Item> items_;
  double height_ = 0;
};

// ---------------------------------------------------------------------------------------------
// QR code.

// The modules of a QR symbol, row-major, true for dark.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;

  // Side of one module so that the symbol (without quiet zone) is kQrSymbolMm wide.
  double module_pt() const { return Mm(kQrSymbolMm) / size; }
  // Side of the symbol with its quiet zone.
  double side_pt() const { return module_pt() * (size + 2 * kQrQuietModules); }
};

// Error correction level M (15 % of the codewords recoverable): enough for a crease or a pen mark
// on paper while keeping the modules of a ~60-byte URL large (version 4, 33 modules of ~0.9 mm).
Result<QrMatrix> EncodeQr(const std::string& text, const std::string& where) {
  if (text.empty()) return BadInput(where + " 没有二维码内容", where + ": qr_text is empty");
  errno = 0;
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    std::string reason = errno == ERANGE ? "too long for a QR code" : std::strerror(errno);
    return BadInput(where + " 的二维码内容无法编码：" + reason, where + ": cannot encode qr_text: " + reason);
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark
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
// Tables.

struct Checkbox {};  // one empty box, centred in the cell
struct Choices {     // "□ label" items side by side, wrapping within the cell
  std::vector<std::string> labels;
};
using Cell = std::variant<std::string, Checkbox, Choices>;
using Row = std::vector<Cell>;

struct Column {
  std::string heading;
  double width_mm;  // 0: the width the other columns leave (one such column per table)
  Align align = Align::kLeft;
};

struct TableStyle {
  TextStyle heading = Style(10, true);
  TextStyle body = Style(10);
  double min_row_mm = 9;
  double pad_x_mm = 2;
  double pad_y_mm = 2;
  double box_mm = 4.5;          // side of a checkbox
  double choice_gap_mm = 3;     // between two Choices items
  double choice_label_mm = 1;   // between a box and its label
};

// The content of one cell laid out inside its padding: text boxes and checkboxes at offsets from
// the top-left corner of the padded area.
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

  void Draw(cairo_t* cr, double x, double y) const {
    for (const PlacedText& t : texts) t.text.Draw(cr, x + t.dx, y + t.dy);
    for (const PlacedBox& b : boxes) DrawCheckbox(cr, x + b.dx, y + b.dy, box_side);
  }
};

// A table of fixed columns drawn row by row, so the caller can break it across pages.
class Table {
 public:
  Table(const PdfDocument& doc, std::vector<Column> columns, double left_pt, double width_pt, TableStyle style)
      : doc_(doc), columns_(std::move(columns)), left_(left_pt), width_(width_pt), style_(std::move(style)) {
    double fixed = 0;
    for (const Column& c : columns_) fixed += Mm(c.width_mm);
    double x = left_;
    for (const Column& c : columns_) {
      double w = c.width_mm > 0 ? Mm(c.width_mm) : std::max(width_ - fixed, Mm(10));
      edges_.push_back(x);
      widths_.push_back(w);
      x += w;
    }
    edges_.push_back(x);
  }

  double HeadingHeight() const { return RowHeight(HeadingRow(), style_.heading); }
  double RowHeight(const Row& row) const { return RowHeight(row, style_.body); }

  void DrawHeading(double top) const {
    double height = HeadingHeight();
    FillRect(doc_.cr(), left_, top, edges_.back() - left_, height, kHeadingFill);
    DrawCells(HeadingRow(), style_.heading, top, height);
    DrawRules(top, height);
  }

  void DrawRow(const Row& row, double top, double height, bool striped) const {
    if (striped) FillRect(doc_.cr(), left_, top, edges_.back() - left_, height, kStripeFill);
    DrawCells(row, style_.body, top, height);
    DrawRules(top, height);
  }

  // The frame around heading and rows, drawn last so it lies over the fills.
  void DrawFrame(double top, double bottom) const {
    StrokeRect(doc_.cr(), left_, top, edges_.back() - left_, bottom - top, kFrameLinePt);
  }

 private:
  Row HeadingRow() const {
    Row row;
    for (const Column& c : columns_) row.emplace_back(c.heading);
    return row;
  }

  double RowHeight(const Row& row, const TextStyle& text) const {
    double content = 0;
    for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i)
      content = std::max(content, LayOut(row[i], i, text).height);
    return std::max(Mm(style_.min_row_mm), content + 2 * Mm(style_.pad_y_mm));
  }

  void DrawCells(const Row& row, const TextStyle& text, double top, double height) const {
    for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i) {
      CellBlock block = LayOut(row[i], i, text);
      // Vertically centred: a one-line cell next to a wrapped title sits in the middle of the row.
      block.Draw(doc_.cr(), edges_[i] + Mm(style_.pad_x_mm), top + (height - block.height) / 2);
    }
  }

  // Thin grid: the lines over and under the row and between columns. The line over the row is
  // the previous row's line under it again, redrawn because this row's fill covered half of it.
  void DrawRules(double top, double height) const {
    cairo_t* cr = doc_.cr();
    StrokeLine(cr, left_, top, edges_.back(), top, kHairlinePt);
    StrokeLine(cr, left_, top + height, edges_.back(), top + height, kHairlinePt);
    for (std::size_t i = 1; i + 1 < edges_.size(); ++i)
      StrokeLine(cr, edges_[i], top, edges_[i], top + height, kHairlinePt);
  }

  CellBlock LayOut(const Cell& cell, std::size_t column, const TextStyle& text) const {
    const double inner = widths_[column] - 2 * Mm(style_.pad_x_mm);
    CellBlock block;
    block.box_side = Mm(style_.box_mm);
    if (const auto* s = std::get_if<std::string>(&cell)) {
      TextStyle aligned = text;
      aligned.align = columns_[column].align;
      block.texts.push_back({0, 0, TextBox(doc_, *s, aligned, inner)});
      block.height = s->empty() ? 0 : block.texts.back().text.height();
    } else if (std::holds_alternative<Checkbox>(cell)) {
      block.boxes.push_back({(inner - block.box_side) / 2, 0});
      block.height = block.box_side;
    } else {
      LayOutChoices(std::get<Choices>(cell), inner, text, block);
    }
    return block;
  }

  // Items flow left to right and wrap; each box is centred on its label's line.
  void LayOutChoices(const Choices& choices, double inner, const TextStyle& text, CellBlock& block) const {
    const double side = block.box_side;
    double x = 0;
    double line_top = 0;
    double line_height = 0;
    for (const std::string& label : choices.labels) {
      TextBox box(doc_, label, text, 0);
      double item_width = side + Mm(style_.choice_label_mm) + box.width();
      if (x > 0 && x + item_width > inner) {
        x = 0;
        line_top += line_height + Mm(1);
        line_height = 0;
      }
      double h = std::max(side, box.height());
      block.boxes.push_back({x, line_top + (h - side) / 2});
      block.texts.push_back({x + side + Mm(style_.choice_label_mm), line_top + (h - box.height()) / 2, std::move(box)});
      line_height = std::max(line_height, h);
      x += item_width + Mm(style_.choice_gap_mm);
    }
    block.height = line_top + line_height;
  }

  const PdfDocument& doc_;
  std::vector<Column> columns_;
  double left_;
  double width_;
  TableStyle style_;
  std::vector<double> edges_;   // x of each column's left edge, and the table's right edge last
  std::vector<double> widths_;
};

// Splits rows of the given heights into pages of `capacity` pt each, greedily: [first, last)
// index ranges, at least one (possibly empty) range. Fails when a single row exceeds a page.
struct PageRange {
  std::size_t first;
  std::size_t last;
};

Result<std::vector<PageRange>> Paginate(const std::vector<double>& heights, double capacity,
                                        const std::string& where_zh, const std::string& where_en) {
  std::vector<PageRange> pages{{0, 0}};
  double used = 0;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    if (heights[i] > capacity)
      return RowTooTall(where_zh + "第 " + std::to_string(i + 1) + " 行",
                        where_en + ", row " + std::to_string(i + 1));
    if (used + heights[i] > capacity && pages.back().last > pages.back().first) {
      pages.push_back({i, i});
      used = 0;
    }
    pages.back().last = i + 1;
    used += heights[i];
  }
  return pages;
}

// Small print at the foot of a page: a note on the left, the page number on the right, above the
// bottom margin and under a thin rule.
class Footer {
 public:
  static constexpr double kRuleGapMm = 1.5;
  static constexpr double kNumberWidthMm = 32;

  Footer(const PdfDocument& doc, const std::string& note, double left, double width, double page_bottom)
      : doc_(doc),
        note_(doc, note, Style(8, false, kMuted), width - Mm(kNumberWidthMm)),
        left_(left),
        width_(width),
        bottom_(page_bottom) {}

  // y of the rule on top of the footer.
  double top() const { return bottom_ - std::max(note_.height(), Mm(4)) - Mm(kRuleGapMm); }

  void Draw(std::size_t page, std::size_t count) const {
    cairo_t* cr = doc_.cr();
    double rule = top();
    StrokeLine(cr, left_, rule, left_ + width_, rule, kHairlinePt, kMuted);
    double y = rule + Mm(kRuleGapMm);
    note_.Draw(cr, left_, y);
    TextBox number(doc_, PageNumberLabel(page, count), Style(8, false, kMuted, Align::kRight), Mm(kNumberWidthMm));
    number.Draw(cr, left_ + width_ - Mm(kNumberWidthMm), y);
  }

 private:
  const PdfDocument& doc_;
  TextBox note_;
  double left_;
  double width_;
  double bottom_;
};

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
constexpr double kInfoWidthMm = 80;    // the assignee / printed-at block on the right
constexpr double kAfterHeaderMm = 4;   // header → table
constexpr double kAboveFooterMm = 4;   // table → footer

const char* const kFooterNote = "走访结果请在对应方框内打√，其他情况写在备注栏。";

std::vector<Column> Columns() {
  return {{"房屋", 46, Align::kLeft},     {"业主", 30, Align::kLeft},
          {"当前状态", 24, Align::kLeft}, {"上次走访", 30, Align::kLeft},
          {"走访结果", 66, Align::kLeft}, {"备注", 0, Align::kLeft},
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
    rows.push_back({r.dwelling_label, r.owner_label, r.status_label, r.last_visit_label, outcomes, std::string(),
                    std::string()});
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
