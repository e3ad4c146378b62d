#include "common/image_meta.hpp"

#include <array>
#include <cstdint>

namespace huanxin {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1A\n", 8);

bool StartsWith(std::string_view s, std::string_view magic, std::size_t at = 0) {
  return s.size() >= at && s.size() - at >= magic.size() && s.substr(at, magic.size()) == magic;
}

std::uint8_t Byte(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

// Callers check that 2 / 4 bytes are present at `i`.
std::uint32_t Be16(std::string_view s, std::size_t i) {
  return static_cast<std::uint32_t>(Byte(s, i)) << 8 | Byte(s, i + 1);
}
std::uint32_t Be32(std::string_view s, std::size_t i) { return Be16(s, i) << 16 | Be16(s, i + 2); }
std::uint32_t Le32(std::string_view s, std::size_t i) {
  return static_cast<std::uint32_t>(Byte(s, i)) | static_cast<std::uint32_t>(Byte(s, i + 1)) << 8 |
         static_cast<std::uint32_t>(Byte(s, i + 2)) << 16 | static_cast<std::uint32_t>(Byte(s, i + 3)) << 24;
}

// ---- JPEG (ITU-T T.81 annex B) ----

bool IsSof(std::uint8_t m) {
  // C0–CF are frame headers except C4 (DHT), C8 (JPG, reserved) and CC (DAC).
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool DropJpegSegment(std::uint8_t marker, std::string_view payload) {
  if (marker == 0xFE) return true;                           // COM
  if (marker == 0xEE) return !StartsWith(payload, "Adobe");  // APP14: only Adobe's is kept
  return marker >= 0xE1 && marker <= 0xEF;                   // APP1–APP15; APP0 (JFIF) kept
}

// Reads the length field of the segment whose marker ends just before `at`; std::nullopt unless
// the whole segment (length field included) lies inside `b`.
std::optional<std::size_t> JpegSegmentLength(std::string_view b, std::size_t at) {
  if (at > b.size() || b.size() - at < 2) return std::nullopt;
  std::size_t len = Be16(b, at);  // counts its own two bytes
  if (len < 2 || len > b.size() - at) return std::nullopt;
  return len;
}

std::optional<std::string> StripJpeg(std::string_view b) {
  std::string out("\xFF\xD8", 2);
  std::size_t i = 2;
  bool frame = false;
  // Header: segments up to SOS, each FF, optional FF fill bytes, marker, length, payload.
  for (;;) {
    if (i >= b.size() || Byte(b, i) != 0xFF) return std::nullopt;
    while (i < b.size() && Byte(b, i) == 0xFF) ++i;
    if (i >= b.size()) return std::nullopt;
    std::uint8_t marker = Byte(b, i++);
    // 00 (stuffing), 01 (TEM), RSTn, SOI and EOI carry no length and have no place before a scan;
    // EOI here would end a tables-only (abbreviated) stream, which is not an image.
    if (marker <= 0x01 || (marker >= 0xD0 && marker <= 0xD9)) return std::nullopt;
    auto len = JpegSegmentLength(b, i);
    if (!len) return std::nullopt;
    if (marker == 0xDA) {
      if (!frame) return std::nullopt;
      break;  // i is at the SOS length field
    }
    if (IsSof(marker)) frame = true;
    if (!DropJpegSegment(marker, b.substr(i + 2, *len - 2))) {
      out.push_back('\xFF');
      out.push_back(static_cast<char>(marker));
      out.append(b.substr(i, *len));
    }
    i += *len;
  }
  // From SOS on everything is copied; the walk only finds where the image ends. In entropy-coded
  // data FF is followed by 00 (a stuffed data byte), RSTn, more fill, or a marker; progressive
  // files put DHT, SOS and other segments between scans, which are length-checked and skipped.
  std::size_t sos = i;
  std::size_t j = i + *JpegSegmentLength(b, i);
  for (;;) {
    j = b.find('\xFF', j);
    if (j == std::string_view::npos || j + 1 >= b.size()) return std::nullopt;  // no EOI
    std::uint8_t m = Byte(b, j + 1);
    if (m == 0xD9) {
      j += 2;
      break;
    }
    if (m == 0xFF) {
      j += 1;
    } else if (m <= 0x01 || (m >= 0xD0 && m <= 0xD7)) {
      j += 2;
    } else if (m == 0xD8) {
      return std::nullopt;
    } else {
      auto len = JpegSegmentLength(b, j + 2);
      if (!len) return std::nullopt;
      j += 2 + *len;
    }
  }
  out.append("\xFF\xDA", 2);
  out.append(b.substr(sos, j - sos));
  return out;
}

// ---- PNG (ISO/IEC 15948, PNG 3rd edition §5) ----

constexpr std::array<std::uint32_t, 256> MakeCrcTable() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}
constexpr auto kCrcTable = MakeCrcTable();

// CRC-32 as PNG and zlib define it; a 1 KiB table rather than a zlib dependency for 20 lines.
std::uint32_t Crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : s) c = kCrcTable[(c ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool IsAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool DropPngChunk(std::string_view type) {
  return type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
}

std::optional<std::string> StripPng(std::string_view b) {
  std::string out(kPngSignature);
  std::size_t i = kPngSignature.size();
  bool idat = false;
  for (;;) {
    // length (4), type (4), data (length), CRC (4) over type and data.
    if (b.size() - i < 12) return std::nullopt;
    std::uint32_t len = Be32(b, i);
    if (len > 0x7FFFFFFFu || len > b.size() - i - 12) return std::nullopt;  // spec caps at 2^31-1
    std::string_view type = b.substr(i + 4, 4);
    for (char c : type)
      if (!IsAsciiLetter(c)) return std::nullopt;
    if (Crc32(b.substr(i + 4, 4 + std::size_t{len})) != Be32(b, i + 8 + len)) return std::nullopt;
    bool first = i == kPngSignature.size();
    if (first != (type == "IHDR") || (first && len != 13)) return std::nullopt;
    if (type == "IDAT") idat = true;
    if (!DropPngChunk(type)) out.append(b.substr(i, 12 + std::size_t{len}));
    i += 12 + std::size_t{len};
    if (type == "IEND") {
      if (!idat || len != 0) return std::nullopt;
      return out;
    }
  }
}

// ---- WebP (RFC 9649) ----

std::optional<std::string> StripWebp(std::string_view b) {
  std::size_t riff = Le32(b, 4);  // SniffImage has seen 12 bytes
  if (riff < 4 || riff > b.size() - 8) return std::nullopt;
  const std::size_t end = 8 + riff;
  std::string out(b.substr(0, 12));
  std::size_t i = 12;
  bool has_image = false;
  if (i == end) return std::nullopt;
  while (i < end) {
    // fourcc (4), size (4, little-endian, excluding the pad byte), data, pad byte if size is odd.
    if (end - i < 8) return std::nullopt;
    std::size_t size = Le32(b, i + 4);
    std::size_t padded = size + (size & 1);
    if (padded > end - i - 8) return std::nullopt;
    std::string_view fourcc = b.substr(i, 4);
    bool is_image = fourcc == "VP8 " || fourcc == "VP8L";
    if (i == 12) {
      // Simple format: one VP8/VP8L chunk. Extended: VP8X (flags, 3 reserved, 2 × 24-bit size).
      if (fourcc == "VP8X" ? size < 10 : !is_image) return std::nullopt;
      has_image = is_image;
    } else if (is_image || fourcc == "ANMF") {
      has_image = true;
    }
    if (fourcc != "EXIF" && fourcc != "XMP ") {
      std::size_t at = out.size();
      out.append(b.substr(i, 8 + padded));
      // VP8X flags: Rsv Rsv ICC Alpha EXIF XMP Anim Rsv (MSB first); EXIF 0x08 and XMP 0x04 now lie.
      if (i == 12 && fourcc == "VP8X") out[at + 8] = static_cast<char>(Byte(out, at + 8) & ~0x0Cu);
    }
    i += 8 + padded;
  }
  if (!has_image) return std::nullopt;
  std::size_t new_riff = out.size() - 8;  // <= riff, so it fits 32 bits
  for (int k = 0; k < 4; ++k) out[4 + k] = static_cast<char>((new_riff >> (8 * k)) & 0xFF);
  return out;
}

}  // namespace

std::optional<ImageType> SniffImage(std::string_view bytes) {
  if (StartsWith(bytes, "\xFF\xD8\xFF")) return ImageType::kJpeg;
  if (StartsWith(bytes, kPngSignature)) return ImageType::kPng;
  if (StartsWith(bytes, "RIFF") && StartsWith(bytes, "WEBP", 8)) return ImageType::kWebp;
  return std::nullopt;
}

std::string_view ImageMime(ImageType t) {
  switch (t) {
    case ImageType::kJpeg:
      return "image/jpeg";
    case ImageType::kPng:
      return "image/png";
    case ImageType::kWebp:
      return "image/webp";
  }
  return {};  // not reached: the switch covers the enum (-Werror=switch)
}

std::optional<std::string> StripImageMetadata(std::string_view bytes) {
  auto type = SniffImage(bytes);
  if (!type) return std::nullopt;
  switch (*type) {
    case ImageType::kJpeg:
      return StripJpeg(bytes);
    case ImageType::kPng:
      return StripPng(bytes);
    case ImageType::kWebp:
      return StripWebp(bytes);
  }
  return std::nullopt;
}

}  // namespace huanxin
