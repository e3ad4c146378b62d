#include "report/pdf_kit.hpp"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <pango/pangofc-fontmap.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <new>
#include <utility>

#include "common/text.hpp"

namespace huanxin::report::pdf_kit {

// ---------------------------------------------------------------------------------------------
// Errors and checks.

namespace {
const Text kFailed("生成 PDF 失败", "the PDF could not be generated");

struct FontDescriptionDeleter {
  void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
};
}  // namespace

Error BadInput(const std::string& zh, const std::string& en) {
  return MakeError(ErrorCode::kInternal, "report.pdf_bad_input", kFailed, Text(zh, en));
}

Error Io(const std::string& what) {
  return MakeError(ErrorCode::kInternal, "report.pdf_io", kFailed, Text::Same(what));
}

Error RowTooTall(const std::string& where_zh, const std::string& where_en) {
  return MakeError(ErrorCode::kUnprocessable, "report.pdf_row_too_tall",
                   Text("有一行内容过长，一页放不下", "a row is too long to fit on a page"), Text(where_zh, where_en),
                   Text("请缩短该行的文字", "shorten the text of that row"));
}

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
// PdfDocument.

PdfDocument::PdfDocument(const char* title, PangoFontMap* font_map) {
  surface_.reset(cairo_pdf_surface_create_for_stream(&PdfDocument::Append, this, Mm(kA4Portrait.width_mm),
                                                     Mm(kA4Portrait.height_mm)));
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Huanxin");
  cr_.reset(cairo_create(surface_.get()));  // never null: a failed surface gives a failed context
  if (font_map != nullptr) {
    // What pango_cairo_create_context does, with the given font map instead of the default one.
    pango_.reset(pango_font_map_create_context(font_map));
    pango_cairo_update_context(cr_.get(), pango_.get());
  } else {
    pango_.reset(pango_cairo_create_context(cr_.get()));
  }
  // Hinted metrics would snap every advance to a whole device unit, i.e. a whole point in a PDF,
  // and space glyphs unevenly; the viewer scales the outlines anyway.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(pango_.get(), FALSE);
}

void PdfDocument::BeginPage(PageSize size) {
  cairo_pdf_surface_set_size(surface_.get(), Mm(size.width_mm), Mm(size.height_mm));
}

Result<std::string> PdfDocument::Finish() {
  cairo_status_t status = cairo_status(cr_.get());
  cr_.reset();
  cairo_surface_finish(surface_.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_.get());
  if (status != CAIRO_STATUS_SUCCESS) return Io(std::string("cairo: ") + cairo_status_to_string(status));
  return std::move(bytes_);
}

cairo_status_t PdfDocument::Append(void* closure, const unsigned char* data, unsigned int length) {
  // No exception may unwind through cairo's C frames.
  try {
    static_cast<PdfDocument*>(closure)->bytes_.append(reinterpret_cast<const char*>(data), length);
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

// ---------------------------------------------------------------------------------------------
// SubsetFonts.

namespace {

struct HbBlobDeleter {
  void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
};
struct HbFaceDeleter {
  void operator()(hb_face_t* p) const { hb_face_destroy(p); }
};
struct HbSubsetInputDeleter {
  void operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
};
struct FcPatternDeleter {
  void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};

// The file and face index fontconfig (the system's configuration, as Pango uses it) picks for
// `family` at `weight`.
std::optional<std::pair<std::string, int>> MatchFace(const char* family, int weight) {
  std::unique_ptr<FcPattern, FcPatternDeleter> pattern(FcPatternCreate());
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight);
  FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  std::unique_ptr<FcPattern, FcPatternDeleter> match(FcFontMatch(nullptr, pattern.get(), &result));
  if (!match) return std::nullopt;
  FcChar8* file = nullptr;
  FcChar8* matched_family = nullptr;
  int index = 0;
  if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch ||
      FcPatternGetString(match.get(), FC_FAMILY, 0, &matched_family) != FcResultMatch)
    return std::nullopt;
  // Only the family itself: a substitute would make the subset differ from what Pango draws.
  bool same_family = false;
  for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &matched_family) == FcResultMatch; ++i)
    same_family = same_family || std::string_view(reinterpret_cast<const char*>(matched_family)) == family;
  if (!same_family) return std::nullopt;
  FcPatternGetInteger(match.get(), FC_INDEX, 0, &index);
  return std::pair<std::string, int>(reinterpret_cast<const char*>(file), index);
}

// The subset of one face holding `codepoints`, as font file bytes.
std::optional<std::string> SubsetFace(const std::string& file, int index, const std::vector<hb_codepoint_t>& codepoints) {
  std::unique_ptr<hb_blob_t, HbBlobDeleter> blob(hb_blob_create_from_file_or_fail(file.c_str()));
  if (!blob) return std::nullopt;
  std::unique_ptr<hb_face_t, HbFaceDeleter> face(hb_face_create(blob.get(), static_cast<unsigned>(index)));
  std::unique_ptr<hb_subset_input_t, HbSubsetInputDeleter> input(hb_subset_input_create_or_fail());
  if (!input) return std::nullopt;
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (hb_codepoint_t c : codepoints) hb_set_add(unicodes, c);
  std::unique_ptr<hb_face_t, HbFaceDeleter> subset(hb_subset_or_fail(face.get(), input.get()));
  if (!subset) return std::nullopt;
  std::unique_ptr<hb_blob_t, HbBlobDeleter> out(hb_face_reference_blob(subset.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(out.get(), &length);
  if (data == nullptr || length == 0) return std::nullopt;
  return std::string(data, length);
}

}  // namespace

void SubsetFonts::FcConfigDeleter::operator()(void* p) const { FcConfigDestroy(static_cast<FcConfig*>(p)); }

std::shared_ptr<const SubsetFonts> SubsetFonts::Build(std::string_view text) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) return nullptr;
  std::vector<hb_codepoint_t> codepoints;
  // What Pango may add of its own (hyphens at a break inside a word, the ellipsis) and what the
  // callers' fixed labels are most likely made of, beside the text itself.
  for (hb_codepoint_t c = 0x20; c < 0x7F; ++c) codepoints.push_back(c);
  for (hb_codepoint_t c = 0xA0; c < 0x100; ++c) codepoints.push_back(c);
  for (hb_codepoint_t c = 0x2000; c < 0x2070; ++c) codepoints.push_back(c);
  for (hb_codepoint_t c = 0x3000; c < 0x3040; ++c) codepoints.push_back(c);
  for (hb_codepoint_t c = 0xFF01; c < 0xFF5F; ++c) codepoints.push_back(c);
  for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p))
    codepoints.push_back(g_utf8_get_char(p));
  std::sort(codepoints.begin(), codepoints.end());
  codepoints.erase(std::unique(codepoints.begin(), codepoints.end()), codepoints.end());

  std::shared_ptr<SubsetFonts> fonts(new SubsetFonts());
  static std::atomic<unsigned> serial{0};
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec) /
                   ("hx-fonts-" + std::to_string(::getpid()) + "-" + std::to_string(serial.fetch_add(1)));
  if (ec || !std::filesystem::create_directories(dir, ec) || ec) return nullptr;
  fonts->dir_ = dir.string();  // removed by the destructor from here on
  fonts->config_.reset(FcConfigCreate());
  auto* config = static_cast<FcConfig*>(fonts->config_.get());
  if (config == nullptr) return nullptr;
  const std::pair<int, const char*> weights[] = {{FC_WEIGHT_REGULAR, "regular"}, {FC_WEIGHT_BOLD, "bold"}};
  for (const auto& [weight, name] : weights) {
    auto face = MatchFace(kSansFont, weight);
    if (!face) return nullptr;
    auto bytes = SubsetFace(face->first, face->second, codepoints);
    if (!bytes) return nullptr;
    const auto path = dir / (std::string(name) + ".otf");
    {
      std::ofstream out(path, std::ios::binary);
      out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
      if (!out) return nullptr;
    }
    fonts->bytes_ += bytes->size();
    if (!FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(path.c_str()))) return nullptr;
  }
  return fonts;
}

SubsetFonts::~SubsetFonts() {
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::unique_ptr<PangoFontMap, GObjectDeleter> SubsetFonts::NewFontMap() const {
  std::unique_ptr<PangoFontMap, GObjectDeleter> map(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
  if (map) pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map.get()), static_cast<FcConfig*>(config_.get()));
  return map;
}

// ---------------------------------------------------------------------------------------------
// Drawing primitives and text.

void SetColor(cairo_t* cr, Rgb color) { cairo_set_source_rgb(cr, color.r, color.g, color.b); }

void StrokeLine(cairo_t* cr, double x0, double y0, double x1, double y1, double width_pt, Rgb color) {
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

void StrokeRect(cairo_t* cr, double x, double y, double w, double h, double width_pt, Rgb color) {
  SetColor(cr, color);
  cairo_set_line_width(cr, width_pt);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
}

void DrawCheckbox(cairo_t* cr, double x, double y, double side) { StrokeRect(cr, x, y, side, side, kBoxLinePt); }

TextStyle Style(double size_pt, bool bold, Rgb color, Align align, const char* family) {
  TextStyle style;
  style.family = family;
  style.size_pt = size_pt;
  style.bold = bold;
  style.color = color;
  style.align = align;
  return style;
}

TextBox::TextBox(const PdfDocument& doc, const std::string& text, const TextStyle& style, double width_pt)
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
    if (style.ellipsize)
      pango_layout_set_ellipsize(layout_.get(), PANGO_ELLIPSIZE_END);
    else
      pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout_.get(), style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                            : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                           : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout_.get(), &width, &height);
  if (pango_layout_get_unknown_glyphs_count(layout_.get()) > 0) doc.NoteMissingGlyphs();
  width_ = static_cast<double>(width) / PANGO_SCALE;
  height_ = static_cast<double>(height) / PANGO_SCALE;
}

void TextBox::Draw(cairo_t* cr, double x, double y) const {
  SetColor(cr, color_);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout_.get());
}

void Stack::Add(const PdfDocument& doc, const std::string& text, const TextStyle& style, double width_pt,
                double space_before_mm) {
  if (text.empty()) return;
  double space = items_.empty() ? 0 : Mm(space_before_mm);
  items_.push_back(Item{space, TextBox(doc, text, style, width_pt)});
  height_ += space + items_.back().box.height();
}

void Stack::Draw(cairo_t* cr, double x, double y) const {
  for (const Item& item : items_) {
    y += item.space_before;
    item.box.Draw(cr, x, y);
    y += item.box.height();
  }
}

// ---------------------------------------------------------------------------------------------
// Tables.

void CellBlock::Draw(cairo_t* cr, double x, double y) const {
  for (const PlacedText& t : texts) t.text.Draw(cr, x + t.dx, y + t.dy);
  for (const PlacedBox& b : boxes) DrawCheckbox(cr, x + b.dx, y + b.dy, box_side);
}

Table::Table(const PdfDocument& doc, std::vector<Column> columns, double left_pt, double width_pt, TableStyle style)
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

void Table::DrawHeading(double top) const {
  double height = HeadingHeight();
  FillRect(doc_.cr(), left_, top, edges_.back() - left_, height, style_.heading_fill);
  DrawCells(HeadingRow(), style_.heading, top, height);
  DrawRules(top, height);
}

void Table::DrawRow(const Row& row, double top, double height, bool striped, const CellFills& fills) const {
  if (striped) FillRect(doc_.cr(), left_, top, edges_.back() - left_, height, kStripeFill);
  for (std::size_t i = 0; i < fills.size() && i < widths_.size(); ++i)
    if (fills[i]) FillRect(doc_.cr(), edges_[i], top, widths_[i], height, *fills[i]);
  DrawCells(row, style_.body, top, height);
  DrawRules(top, height);
}

void Table::DrawFrame(double top, double bottom) const {
  StrokeRect(doc_.cr(), left_, top, edges_.back() - left_, bottom - top, kFrameLinePt);
}

Row Table::HeadingRow() const {
  Row row;
  for (const Column& c : columns_) row.emplace_back(c.heading);
  return row;
}

double Table::RowHeight(const Row& row, const TextStyle& text) const {
  double content = 0;
  for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i)
    content = std::max(content, LayOut(row[i], i, text).height);
  return std::max(Mm(style_.min_row_mm), content + 2 * Mm(style_.pad_y_mm));
}

void Table::DrawCells(const Row& row, const TextStyle& text, double top, double height) const {
  for (std::size_t i = 0; i < row.size() && i < columns_.size(); ++i) {
    CellBlock block = LayOut(row[i], i, text);
    // Vertically centred: a one-line cell next to a wrapped title sits in the middle of the row.
    block.Draw(doc_.cr(), edges_[i] + Mm(style_.pad_x_mm), top + (height - block.height) / 2);
  }
}

// Thin grid: the lines over and under the row and between columns. The line over the row is the
// previous row's line under it again, redrawn because this row's fill covered half of it.
void Table::DrawRules(double top, double height) const {
  cairo_t* cr = doc_.cr();
  StrokeLine(cr, left_, top, edges_.back(), top, kHairlinePt);
  StrokeLine(cr, left_, top + height, edges_.back(), top + height, kHairlinePt);
  for (std::size_t i = 1; i + 1 < edges_.size(); ++i)
    StrokeLine(cr, edges_[i], top, edges_[i], top + height, kHairlinePt);
}

CellBlock Table::LayOut(const Cell& cell, std::size_t column, const TextStyle& text) const {
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
void Table::LayOutChoices(const Choices& choices, double inner, const TextStyle& text, CellBlock& block) const {
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

Result<std::vector<PageRange>> Paginate(const std::vector<double>& heights, double capacity,
                                        const std::string& where_zh, const std::string& where_en) {
  std::vector<PageRange> pages{{0, 0}};
  double used = 0;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    if (heights[i] > capacity)
      return RowTooTall(where_zh + "第 " + std::to_string(i + 1) + " 行", where_en + ", row " + std::to_string(i + 1));
    if (used + heights[i] > capacity && pages.back().last > pages.back().first) {
      pages.push_back({i, i});
      used = 0;
    }
    pages.back().last = i + 1;
    used += heights[i];
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Footer.

Footer::Footer(const PdfDocument& doc, const std::string& note, double left, double width, double page_bottom)
    : doc_(doc),
      note_(doc, note, Style(8, false, kMuted), width - Mm(kNumberWidthMm)),
      left_(left),
      width_(width),
      bottom_(page_bottom) {}

double Footer::top() const { return bottom_ - std::max(note_.height(), Mm(4)) - Mm(kRuleGapMm); }

void Footer::Draw(std::size_t page, std::size_t count) const {
  cairo_t* cr = doc_.cr();
  double rule = top();
  StrokeLine(cr, left_, rule, left_ + width_, rule, kHairlinePt, kMuted);
  double y = rule + Mm(kRuleGapMm);
  note_.Draw(cr, left_, y);
  TextBox number(doc_, PageNumberLabel(page, count), Style(8, false, kMuted, Align::kRight), Mm(kNumberWidthMm));
  number.Draw(cr, left_ + width_ - Mm(kNumberWidthMm), y);
}

// ---------------------------------------------------------------------------------------------
// Flow.

void Flow::Add(double height, Painter paint, double keep_with_next, const std::string& where_zh,
               const std::string& where_en) {
  if (height > bottom_ - top_) {
    if (!error_) error_ = RowTooTall(where_zh, where_en);
    return;
  }
  // keep_with_next only moves the block when that would help: never off an empty page.
  if (!Fits(height + keep_with_next) && y_ > top_) NewPage();
  if (!Fits(height)) NewPage();
  pages_.back().push_back({y_, std::move(paint)});
  y_ += height;
}

void Flow::Space(double mm) {
  if (y_ > top_) y_ = std::min(y_ + Mm(mm), bottom_);
}

void Flow::NewPage() {
  pages_.emplace_back();
  y_ = top_;
}

void Flow::AddTable(std::shared_ptr<const Table> table, std::vector<Row> rows, std::vector<CellFills> fills,
                    const std::string& where_zh, const std::string& where_en, bool with_heading) {
  auto shared_rows = std::make_shared<const std::vector<Row>>(std::move(rows));
  auto shared_fills = std::make_shared<const std::vector<CellFills>>(std::move(fills));
  const double heading = with_heading ? table->HeadingHeight() : 0;
  const double first_row = shared_rows->empty() ? 0 : table->RowHeight(shared_rows->front());
  double part_top = 0;
  auto open_part = [&](double keep) {
    Add(
        heading,
        [table, with_heading](double top) {
          if (with_heading) table->DrawHeading(top);
        },
        keep);
    part_top = y_ - heading;
  };
  auto close_part = [&] {
    const double bottom = y_;
    pages_.back().push_back({part_top, [table, bottom](double top) { table->DrawFrame(top, bottom); }});
  };

  open_part(first_row);
  for (std::size_t i = 0; i < shared_rows->size(); ++i) {
    const double height = table->RowHeight((*shared_rows)[i]);
    if (heading + height > bottom_ - top_) {
      if (!error_)
        error_ =
            RowTooTall(where_zh + "第 " + std::to_string(i + 1) + " 行", where_en + ", row " + std::to_string(i + 1));
      return;
    }
    if (!Fits(height)) {
      close_part();
      NewPage();
      open_part(height);
    }
    const bool striped = i % 2 == 1;
    pages_.back().push_back({y_, [table, shared_rows, shared_fills, i, height, striped](double top) {
                               static const CellFills kNone;
                               const CellFills& f = i < shared_fills->size() ? (*shared_fills)[i] : kNone;
                               table->DrawRow((*shared_rows)[i], top, height, striped, f);
                             }});
    y_ += height;
  }
  close_part();
}

Result<void> Flow::Render(PdfDocument& doc, PageSize size, const Decoration& decorate) const {
  if (error_) return *error_;
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    doc.BeginPage(size);
    for (const Placed& placed : pages_[p]) placed.paint(placed.top);
    if (decorate) decorate(p, pages_.size());
    doc.EndPage();
  }
  return Ok();
}

}  // namespace huanxin::report::pdf_kit
