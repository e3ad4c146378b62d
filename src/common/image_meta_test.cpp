#include "common/image_meta.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace huanxin {
namespace {

using namespace std::string_literals;

// ---- builders: real tiny files, byte by byte ----

std::string Be16(std::size_t v) { return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)}; }
std::string Be32(std::uint32_t v) { return Be16(v >> 16) + Be16(v & 0xFFFF); }
std::string Le32(std::uint32_t v) {
  std::string s;
  for (int k = 0; k < 4; ++k) s.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
  return s;
}

std::string Seg(unsigned char marker, const std::string& payload) {
  return "\xFF"s + static_cast<char>(marker) + Be16(payload.size() + 2) + payload;
}

// A baseline 8×8 greyscale JPEG that decodes to flat grey: all quantisers 1, one-code Huffman
// tables (DC category 0, AC EOB, both code "0"), so the scan is the bits 00 padded with ones: 3F.
const std::string kJfif = Seg(0xE0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"s);
const std::string kJpegTables =
    Seg(0xDB, "\0"s + std::string(64, '\x01')) + Seg(0xC0, "\x08\0\x08\0\x08\x01\x01\x11\0"s) +
    Seg(0xC4, "\0\x01"s + std::string(15, '\0') + "\0"s) + Seg(0xC4, "\x10\x01"s + std::string(15, '\0') + "\0"s);
const std::string kJpegScan = Seg(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x3F\xFF\xD9"s;
const std::string kExif = Seg(0xE1, "Exif\0\0MM\0\x2A\0\0\0\x08GPS 28.68N 115.89E"s);
const std::string kCom = Seg(0xFE, "GPS comment owner Zhang");
const std::string kAdobe = Seg(0xEE, "Adobe\0\x64\0\0\0\0\0"s);

std::string Jpeg(const std::string& after_app0 = "") {
  return "\xFF\xD8"s + kJfif + after_app0 + kJpegTables + kJpegScan;
}

// Bitwise CRC-32, written independently of the table version under test.
std::uint32_t Crc(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char ch : s) {
    c ^= ch;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return ~c;
}

std::string Chunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(Crc(type + data));
}

const std::string kPngSig = "\x89PNG\r\n\x1A\n"s;
// 1×1 8-bit greyscale, non-interlaced; the IDAT is zlib.compress(b'\x00\x80') (filter 0, grey 128).
const std::string kIhdr = Chunk("IHDR", Be32(1) + Be32(1) + "\x08\0\0\0\0"s);
const std::string kIdat = Chunk("IDAT", "\x78\x9C\x63\x68\x00\x00\x00\x82\x00\x81"s);
const std::string kIend = Chunk("IEND", "");

std::string Png(const std::string& before_idat = "", const std::string& after_idat = "") {
  return kPngSig + kIhdr + before_idat + kIdat + after_idat + kIend;
}

std::string Riff(const std::string& chunks) {
  return "RIFF" + Le32(static_cast<std::uint32_t>(4 + chunks.size())) + "WEBP" + chunks;
}
// The 1×1 lossless image from Google's WebP feature-detection snippet: 13 bytes of data + a pad byte.
const std::string kVp8l = "VP8L\x0D\0\0\0\x2F\0\0\0\x10\x07\x10\x11\x11\x88\x88\xFE\x07\0"s;
std::string Vp8x(unsigned char flags) { return "VP8X\x0A\0\0\0"s + static_cast<char>(flags) + std::string(9, '\0'); }
const std::string kWebpExif = "EXIF\x0B\0\0\0MM\0*GPS 28N\0"s;  // 11 bytes + pad
const std::string kWebpXmp = "XMP \x08\0\0\0<x:GPS/>"s;

// Stripping twice changes nothing, and the output keeps the type and never grows.
void ExpectStable(const std::string& in, const std::string& out) {
  EXPECT_LE(out.size(), in.size());
  EXPECT_EQ(SniffImage(out), SniffImage(in));
  EXPECT_EQ(StripImageMetadata(out), out);
}

// ---- sniffing ----

TEST(SniffImage, ReadsMagicBytesOnly) {
  EXPECT_EQ(SniffImage("\xFF\xD8\xFF"), ImageType::kJpeg);
  EXPECT_EQ(SniffImage(kPngSig), ImageType::kPng);
  EXPECT_EQ(SniffImage("RIFF\0\0\0\0WEBP"s), ImageType::kWebp);
  EXPECT_FALSE(SniffImage(""));
  EXPECT_FALSE(SniffImage("\xFF\xD8"));  // one byte short
  EXPECT_FALSE(SniffImage(kPngSig.substr(0, 7)));
  EXPECT_FALSE(SniffImage("RIFF\0\0\0\0WEB"s));  // one byte short
  EXPECT_FALSE(SniffImage("RIFF\0\0\0\0WAVE"s));
  EXPECT_FALSE(SniffImage("%PDF-1.7"));
}

TEST(ImageMime, NamesEachType) {
  EXPECT_EQ(ImageMime(ImageType::kJpeg), "image/jpeg");
  EXPECT_EQ(ImageMime(ImageType::kPng), "image/png");
  EXPECT_EQ(ImageMime(ImageType::kWebp), "image/webp");
}

TEST(StripImageMetadata, RejectsUnknownTypes) {
  EXPECT_FALSE(StripImageMetadata(""));
  EXPECT_FALSE(StripImageMetadata("%PDF-1.7\n"));
}

// ---- JPEG ----

TEST(StripJpeg, DropsExifAndCommentKeepsTheRest) {
  auto in = Jpeg(kExif + kCom);
  auto out = StripImageMetadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, Jpeg());
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->find("Exif"), std::string::npos);
  EXPECT_EQ(out->substr(0, 3), "\xFF\xD8\xFF");
  ExpectStable(in, *out);
}

TEST(StripJpeg, PlainFileIsUnchanged) { EXPECT_EQ(StripImageMetadata(Jpeg()), Jpeg()); }

TEST(StripJpeg, KeepsAdobeApp14DropsOtherApplicationSegments) {
  auto icc = Seg(0xE2, "ICC_PROFILE\0\x01\x01profile"s);
  auto other14 = Seg(0xEE, "Ducky");
  auto app13 = Seg(0xED, "Photoshop 3.0\0IPTC"s);
  auto app15 = Seg(0xEF, "x");
  auto out = StripImageMetadata(Jpeg(icc + other14 + kAdobe + app13 + app15));
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, Jpeg(kAdobe));
}

TEST(StripJpeg, DropsFillBytesAndCopiesScanUpToEoi) {
  // Fill bytes before a marker; the scan holds a stuffed FF 00 and a RST0 and is followed by a
  // Samsung-style trailer after EOI.
  auto scan = Seg(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x3F\xFF\x00\xFF\xD0\x12\xFF\xD9"s;
  auto in = "\xFF\xD8"s + kJfif + "\xFF\xFF"s + kCom + "\xFF\xFF"s + kJpegTables + scan + "SEFHtrailer"s;
  auto out = StripImageMetadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "\xFF\xD8"s + kJfif + kJpegTables + scan);
  ExpectStable(in, *out);
}

TEST(StripJpeg, CopiesSegmentsBetweenProgressiveScans) {
  // A COM segment and a second SOS after the first scan; the FF D9 inside that COM payload
  // must not be taken for EOI, so the segment length is honoured.
  auto sos = Seg(0xDA, "\x01\x01\0\0\x3F\0"s);
  auto tail = sos + "\x3F"s + Seg(0xFE, "\xFF\xD9 no") + sos + "\x3F\xFF\xD9"s;
  auto out = StripImageMetadata("\xFF\xD8"s + kJfif + kJpegTables + tail);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "\xFF\xD8"s + kJfif + kJpegTables + tail);
}

TEST(StripJpeg, RejectsEveryTruncation) {
  auto in = Jpeg(kExif + kCom);
  for (std::size_t n = 0; n < in.size(); ++n) EXPECT_FALSE(StripImageMetadata(in.substr(0, n))) << n;
}

TEST(StripJpeg, RejectsMalformedStructure) {
  auto head = "\xFF\xD8"s + kJfif;
  EXPECT_FALSE(StripImageMetadata(head + "\xFF\xE1\x00\x01"s + kJpegTables + kJpegScan));             // length 1
  EXPECT_FALSE(StripImageMetadata(head + "\xFF\xE1\x00\x00"s + kJpegTables + kJpegScan));             // length 0
  EXPECT_FALSE(StripImageMetadata(head + "\xFF\xE1\xFF\xFF"s + "short"));                             // past the end
  EXPECT_FALSE(StripImageMetadata(head + "garbage"s + kJpegTables + kJpegScan));                      // no marker
  EXPECT_FALSE(StripImageMetadata(head + kJpegScan));                                                 // SOS before SOF
  EXPECT_FALSE(StripImageMetadata(head + kJpegTables + "\xFF\xD9"s));                                 // tables only
  EXPECT_FALSE(StripImageMetadata(head + "\xFF\xD8"s + kJpegTables + kJpegScan));                     // second SOI
  EXPECT_FALSE(StripImageMetadata(head + kJpegTables + Seg(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x3F"s));  // no EOI
  EXPECT_FALSE(StripImageMetadata(head + kJpegTables + Seg(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x3F\xFF"s));
  EXPECT_FALSE(StripImageMetadata(head + kJpegTables + Seg(0xDA, "\x01\x01\0\0\x3F\0"s) + "\xFF\xC4\x00\x09"s));
}

// ---- PNG ----

TEST(StripPng, DropsTextExifAndTimeChunks) {
  auto in = Png(Chunk("tEXt", "Author\0x"s) + Chunk("eXIf", "MM\0\x2A\0\0\0\x08GPS"s) +
                    Chunk("iTXt", "Comment\0\0\0\0\0GPS"s) + Chunk("zTXt", "Title\0\0x"s),
                Chunk("tIME", "\x07\xE8\x01\x02\x03\x04\x05"s));
  auto out = StripImageMetadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, Png());
  EXPECT_EQ(out->find("Author"), std::string::npos);
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->substr(0, 8), kPngSig);
  ExpectStable(in, *out);
}

TEST(StripPng, KeepsOtherChunks) {
  auto phys = Chunk("pHYs", Be32(2835) + Be32(2835) + "\x01"s);
  auto gama = Chunk("gAMA", Be32(45455));
  auto in = Png(phys + gama + Chunk("tEXt", "Author\0x"s));
  EXPECT_EQ(StripImageMetadata(in), Png(phys + gama));
}

TEST(StripPng, DropsBytesAfterIend) {
  auto out = StripImageMetadata(Png() + "appended zip");
  EXPECT_EQ(out, Png());
}

TEST(StripPng, RejectsEveryTruncation) {
  auto in = Png(Chunk("tEXt", "Author\0x"s));
  for (std::size_t n = 0; n < in.size(); ++n) EXPECT_FALSE(StripImageMetadata(in.substr(0, n))) << n;
}

TEST(StripPng, RejectsMalformedStructure) {
  auto bad_crc = Png();
  bad_crc[kPngSig.size() + 8 + 3] ^= 1;  // a byte of IHDR's width
  EXPECT_FALSE(StripImageMetadata(bad_crc));
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIdat + kIhdr + kIend));          // IHDR not first
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + kIhdr + kIdat + kIend));  // second IHDR
  EXPECT_FALSE(StripImageMetadata(kPngSig + Chunk("IHDR", std::string(12, '\0')) + kIdat + kIend));
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + kIend));                       // no IDAT
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + kIdat));                       // no IEND
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + kIdat + Chunk("IEND", "x")));  // IEND with data
  EXPECT_FALSE(StripImageMetadata(Png(Chunk("te1t", "x"))));                       // type not letters
  // Length 2^31 (beyond the spec's limit) and 2^32-1 (would wrap a 32-bit sum).
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + "\x80\0\0\0tEXt"s + std::string(16, 'x')));
  EXPECT_FALSE(StripImageMetadata(kPngSig + kIhdr + "\xFF\xFF\xFF\xFFtEXt"s + std::string(16, 'x')));
}

// ---- WebP ----

TEST(StripWebp, DropsExifAndXmpClearsFlagsFixesSize) {
  auto in = Riff(Vp8x(0x08 | 0x04 | 0x10) + kVp8l + kWebpExif + kWebpXmp);
  auto out = StripImageMetadata(in);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, Riff(Vp8x(0x10) + kVp8l));  // alpha bit kept
  EXPECT_EQ(out->find("EXIF"), std::string::npos);
  EXPECT_EQ(out->find("GPS"), std::string::npos);
  EXPECT_EQ(out->substr(0, 4), "RIFF");
  EXPECT_EQ(out->substr(4, 4), Le32(static_cast<std::uint32_t>(out->size() - 8)));
  ExpectStable(in, *out);
}

TEST(StripWebp, SimpleFileIsUnchanged) {
  auto lossless = Riff(kVp8l);
  EXPECT_EQ(lossless.size(), 34u);  // Google's 34-byte sample
  EXPECT_EQ(StripImageMetadata(lossless), lossless);
}

TEST(StripWebp, DropsBytesAfterRiffEnd) { EXPECT_EQ(StripImageMetadata(Riff(kVp8l) + "tail"), Riff(kVp8l)); }

TEST(StripWebp, RejectsEveryTruncation) {
  auto in = Riff(Vp8x(0x08) + kVp8l + kWebpExif);
  for (std::size_t n = 0; n < in.size(); ++n) EXPECT_FALSE(StripImageMetadata(in.substr(0, n))) << n;
}

TEST(StripWebp, RejectsMalformedStructure) {
  auto no_pad = kVp8l.substr(0, kVp8l.size() - 1);
  EXPECT_FALSE(StripImageMetadata(Riff(no_pad)));                             // odd chunk without pad
  EXPECT_FALSE(StripImageMetadata(Riff("")));                                 // no chunks
  EXPECT_FALSE(StripImageMetadata(Riff(kWebpExif + kVp8l)));                  // EXIF first
  EXPECT_FALSE(StripImageMetadata(Riff(Vp8x(0x08) + kWebpExif)));             // VP8X, no image
  EXPECT_FALSE(StripImageMetadata(Riff("VP8X\x04\0\0\0\0\0\0\0"s + kVp8l)));  // VP8X too short
  EXPECT_FALSE(StripImageMetadata("RIFF\x03\0\0\0WEBP"s + kVp8l));            // RIFF size < 4
  EXPECT_FALSE(StripImageMetadata("RIFF\xFF\xFF\xFF\xFFWEBP"s + kVp8l));      // RIFF size past end
  EXPECT_FALSE(StripImageMetadata(Riff("VP8L\xFF\xFF\xFF\xFF"s + kVp8l)));    // chunk size past end
  EXPECT_FALSE(StripImageMetadata(Riff(kVp8l + "EX"s)));                      // partial chunk header
}

// ---- all formats: mutated inputs never crash and keep the contract ----

TEST(StripImageMetadata, MutatedFilesKeepContract) {
  std::vector<std::string> seeds = {Jpeg(kExif + kCom + kAdobe), Png(Chunk("tEXt", "Author\0x"s)),
                                    Riff(Vp8x(0x0C) + kVp8l + kWebpExif + kWebpXmp)};
  std::uint32_t x = 12345;
  auto next = [&] { return x = x * 1103515245u + 12345u, x >> 8; };
  int stripped = 0;
  for (const auto& seed : seeds) {
    for (int round = 0; round < 3000; ++round) {
      std::string in = seed;
      for (std::uint32_t k = 0, n = 1 + next() % 3; k < n; ++k) {
        std::size_t at = next() % in.size();
        switch (next() % 3) {
          case 0:
            in[at] = static_cast<char>(next());
            break;
          case 1:
            in.erase(at, 1 + next() % 4);
            break;
          default:
            in.insert(at, 1 + next() % 4, static_cast<char>(next()));
            break;
        }
        if (in.empty()) in = seed;
      }
      auto out = StripImageMetadata(in);
      if (!out) continue;
      ++stripped;
      ExpectStable(in, *out);
    }
  }
  EXPECT_GT(stripped, 0);  // some mutations (e.g. inside the scan or IDAT payload) stay well formed
}

}  // namespace
}  // namespace huanxin
