// QR codes (ISO/IEC 18004) for printed documents: ballots (ballot_pdf) and publicity notices
// (publicity_notice). Encoding is our own (qr_encoder.hpp, byte mode, versions 1–10); this file
// picks the level and draws the module matrix as SVG.
//
// Pure; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace huanxin::report {

// ISO/IEC 18004 §7.3.8 asks for 4 light modules around the symbol.
inline constexpr int kQrQuietModules = 4;

// The longest text EncodeQr takes: version 10 at level M in byte mode (ISO/IEC 18004 Table 7).
inline constexpr std::size_t kQrMaxBytes = 213;

// The modules of a QR symbol, row-major, true for dark.
struct QrCode {
  int size = 0;  // modules per side (21 for version 1, +4 per version)
  std::vector<bool> dark;
  bool Dark(int row, int col) const { return dark[static_cast<std::size_t>(row) * size + col]; }
};

// `text` as a QR symbol (byte mode, ISO/IEC 18004 §6.4) at error correction level M (15 % of the codewords
// recoverable: enough for a crease or a pen mark on paper while keeping the modules of a ~60-byte
// URL large — version 4, 33 modules), the smallest version that holds it.
// 422 report.qr_empty for empty text; 422 report.qr_too_long past version 10 (213 bytes at level M,
// kQrMaxBytes), far more than the URLs and codes printed.
Result<QrCode> EncodeQr(std::string_view text);

// The symbol as a standalone inline <svg> (viewBox in modules, with the quiet zone, black on white,
// `crispEdges`), `size_css` wide and high (a CSS length such as "32mm"). One path: rectangles drawn
// one by one leave hairline seams in anti-aliasing viewers, which can break scanning.
std::string QrSvg(const QrCode& qr, std::string_view size_css);

}  // namespace huanxin::report
