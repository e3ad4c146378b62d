#include "report/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace huanxin::report {

namespace {
struct QrDeleter {
  void operator()(QRcode* p) const { QRcode_free(p); }
};
}  // namespace

Result<QrCode> EncodeQr(std::string_view text) {
  if (text.empty())
    return MakeError(ErrorCode::kUnprocessable, "report.qr_empty", Text("没有二维码内容", "the QR code has no content"));
  const std::string owned(text);  // libqrencode needs a NUL-terminated string
  errno = 0;
  // Version 0: the smallest that holds the text; QR_MODE_8 with case sensitivity: libqrencode may
  // still put runs of digits in numeric mode, which only shortens the symbol.
  std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    const std::string reason = errno == ERANGE ? "too long for a QR code" : std::strerror(errno);
    return MakeError(ErrorCode::kUnprocessable, "report.qr_too_long",
                     Text("二维码内容无法编码：" + reason, "cannot encode the QR code: " + reason),
                     Text::Same(std::to_string(text.size()) + " bytes"));
  }
  QrCode qr;
  qr.size = code->width;
  qr.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark
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
