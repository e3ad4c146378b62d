#include "report/qr_code.hpp"

#include "report/qr_encoder.hpp"

namespace huanxin::report {

Result<QrCode> EncodeQr(std::string_view text) {
  if (text.empty())
    return MakeError(ErrorCode::kUnprocessable, "report.qr_empty",
                     Text("没有二维码内容", "the QR code has no content"));
  auto symbol = qr::Encode(text, qr::EcLevel::kM);
  if (!symbol) {
    const std::string limit = std::to_string(kQrMaxBytes);
    return MakeError(
        ErrorCode::kUnprocessable, "report.qr_too_long",
        Text("二维码内容过长：最多 " + limit + " 字节", "the QR code text is too long: at most " + limit + " bytes"),
        Text::Same(std::to_string(text.size()) + " bytes"));
  }
  QrCode qr;
  qr.size = symbol->size;
  qr.dark = std::move(symbol->dark);
  return qr;
}

std::string QrSvg(const QrCode& qr, std::string_view size_css) {
  const int side = qr.size + 2 * kQrQuietModules;
  std::string path;
  // Runs of dark modules in a row become one rectangle ("M x y h w v 1 h -w z") to keep the path short.
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size;) {
      if (!qr.Dark(row, col)) {
        ++col;
        continue;
      }
      int end = col;
      while (end < qr.size && qr.Dark(row, end)) ++end;
      path += "M" + std::to_string(col + kQrQuietModules) + " " + std::to_string(row + kQrQuietModules) + "h" +
              std::to_string(end - col) + "v1h-" + std::to_string(end - col) + "z";
      col = end;
    }
  }
  const std::string s = std::to_string(side), size(size_css);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s + "\" width=\"" + size +
         "\" height=\"" + size + "\" shape-rendering=\"crispEdges\" role=\"img\">" + "<rect width=\"" + s +
         "\" height=\"" + s + "\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
}

}  // namespace huanxin::report
