// The in-house QR encoder (qr_encoder.hpp) against ISO/IEC 18004:2006: known answers typed from the
// standard (format and version information, capacities, the Reed–Solomon example of Annex I), an
// independent Reed–Solomon division, the symbol's structure, and zbar reading what it draws.
#include "report/qr_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/qr_encoder.hpp"
#include "testing/external_tools.hpp"

namespace huanxin::report {
namespace {

namespace fs = std::filesystem;
using namespace huanxin::testing;  // NOLINT(google-build-using-namespace): test helpers, this file only
using qr::EcLevel;

constexpr std::array<EcLevel, 4> kLevels = {EcLevel::kL, EcLevel::kM, EcLevel::kQ, EcLevel::kH};
constexpr const char* kLevelNames[4] = {"L", "M", "Q", "H"};

// ---------------------------------------------------------------------------------------------
// Payloads

// A deterministic text of `length` printable ASCII bytes (0x20–0x7E: lower and upper case, digits,
// punctuation), varied by `seed`. A space is never first or last (zbar keeps them, but a shell
// reader of its output might not).
std::string Printable(std::size_t length, unsigned seed) {
  std::string out;
  std::uint32_t state = seed * 2654435761U + 12345U;
  for (std::size_t i = 0; i < length; ++i) {
    state = state * 1103515245U + 12345U;
    char c = static_cast<char>(0x20 + (state >> 16) % 95);
    if (c == ' ' && (i == 0 || i + 1 == length)) c = 'q';
    out.push_back(c);
  }
  return out;
}

// A publicity-notice-like URL cut or padded with digits to `length`.
std::string UrlOfLength(std::size_t length) {
  std::string url = "http://127.0.0.1:8080/h5/#/publicity/";
  for (std::size_t i = 0; url.size() < length; ++i) url.push_back(static_cast<char>('0' + (i * 7 + 3) % 10));
  url.resize(length);
  return url;
}

// ---------------------------------------------------------------------------------------------
// Drawing and reading with zbar

// The modules as a greyscale PGM, `scale` pixels a module, with the 4-module quiet zone.
void WritePgm(const fs::path& path, const std::vector<bool>& dark, int size, int scale = 4) {
  const int side = (size + 2 * kQrQuietModules) * scale;
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << side << " " << side << "\n255\n";
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const int row = y / scale - kQrQuietModules, col = x / scale - kQrQuietModules;
      const bool on =
          row >= 0 && col >= 0 && row < size && col < size && dark[static_cast<std::size_t>(row) * size + col];
      out.put(static_cast<char>(on ? 0 : 255));
    }
}

// What zbar reads from the modules (its trailing newline removed); empty when it reads nothing.
std::string ZbarRead(const TempDir& dir, const std::vector<bool>& dark, int size) {
  static int counter = 0;
  const fs::path image = dir.path() / ("qr" + std::to_string(counter++) + ".pgm");
  WritePgm(image, dark, size);
  std::string text = RunCommand(std::string(kZbarImg) + " --raw -q " + Quote(image) + " 2>/dev/null", false);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::error_code ec;
  fs::remove(image, ec);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Known answers from the standard

// Table 7: data capacity in byte mode, versions 1–10, per level.
constexpr int kByteCapacity[4][10] = {
    {17, 32, 53, 78, 106, 134, 154, 192, 230, 271},  // L
    {14, 26, 42, 62, 84, 106, 122, 152, 180, 213},   // M
    {11, 20, 32, 46, 60, 74, 86, 108, 130, 151},     // Q
    {7, 14, 24, 34, 44, 58, 64, 84, 98, 119},        // H
};

// Annex C, Table C.1: the 32 format information bit sequences after masking with
// 101010000010010, by level and mask pattern reference 0–7.
constexpr const char* kFormatTable[4][8] = {
    {"111011111000100", "111001011110011", "111110110101010", "111100010011101", "110011000101111", "110001100011000",
     "110110001000001", "110100101110110"},  // L
    {"101010000010010", "101000100100101", "101111001111100", "101101101001011", "100010111111001", "100000011001110",
     "100111110010111", "100101010100000"},  // M
    {"011010101011111", "011000001101000", "011111100110001", "011101000000110", "010010010110100", "010000110000011",
     "010111011011010", "010101111101101"},  // Q
    {"001011010001001", "001001110111110", "001110011100111", "001100111010000", "000011101100010", "000001001010101",
     "000110100001100", "000100000111011"},  // H
};

TEST(QrEncoder, FormatInformationMatchesTheStandardsTable) {
  for (int level = 0; level < 4; ++level)
    for (int mask = 0; mask < 8; ++mask)
      EXPECT_EQ(qr::FormatBits(kLevels[level], mask), std::stoul(kFormatTable[level][mask], nullptr, 2))
          << kLevelNames[level] << " mask " << mask;
}

TEST(QrEncoder, VersionInformationMatchesTheStandardsTable) {
  // Annex D, Table D.1: versions 7–10.
  EXPECT_EQ(qr::VersionBits(7), std::stoul("000111110010010100", nullptr, 2));
  EXPECT_EQ(qr::VersionBits(8), std::stoul("001000010110111100", nullptr, 2));
  EXPECT_EQ(qr::VersionBits(9), std::stoul("001001101010011001", nullptr, 2));
  EXPECT_EQ(qr::VersionBits(10), std::stoul("001010010011010011", nullptr, 2));
}

TEST(QrEncoder, ReedSolomonMatchesTheStandardsExample) {
  // Annex I: "01234567" as version 1-M; its 16 data codewords and 10 error correction codewords.
  const std::vector<std::uint8_t> data = {16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17};
  EXPECT_EQ(qr::ReedSolomonEcc(data, 10), (std::vector<std::uint8_t>{165, 36, 212, 193, 237, 54, 199, 135, 44, 85}));
}

// GF(2^8) multiplication without tables: carry-less shift and add, reducing by 0x11D as it goes.
std::uint8_t SlowMultiply(std::uint8_t a, std::uint8_t b) {
  unsigned product = 0, x = a;
  for (unsigned y = b; y != 0; y >>= 1) {
    if (y & 1U) product ^= x;
    x <<= 1;
    if (x & 0x100U) x ^= 0x11DU;
  }
  return static_cast<std::uint8_t>(product);
}

// The remainder of data(x)·x^n divided by ∏(x − α^i), by schoolbook long division on the whole
// dividend; coefficients lowest degree first here, unlike the encoder.
std::vector<std::uint8_t> LongDivisionRemainder(const std::vector<std::uint8_t>& data, int n) {
  std::vector<std::uint8_t> g = {1};  // lowest degree first
  std::uint8_t root = 1;              // α^i
  for (int i = 0; i < n; ++i) {
    std::vector<std::uint8_t> next(g.size() + 1, 0);
    for (std::size_t k = 0; k < g.size(); ++k) {
      next[k + 1] ^= g[k];                  // x · g
      next[k] ^= SlowMultiply(g[k], root);  // α^i · g (minus is plus)
    }
    g = next;
    root = SlowMultiply(root, 2);
  }
  // Dividend: data(x)·x^n, data[0] the highest power.
  const std::size_t degree = data.size() + static_cast<std::size_t>(n) - 1;
  std::vector<std::uint8_t> r(degree + 1, 0);
  for (std::size_t k = 0; k < data.size(); ++k) r[degree - k] = data[k];
  for (std::size_t top = degree; top >= static_cast<std::size_t>(n); --top) {
    const std::uint8_t lead = r[top];  // g is monic
    if (lead == 0) continue;
    for (int k = 0; k <= n; ++k) r[top - n + k] ^= SlowMultiply(lead, g[k]);
  }
  std::vector<std::uint8_t> remainder;  // highest degree first, as the encoder returns it
  for (int k = n - 1; k >= 0; --k) remainder.push_back(r[k]);
  return remainder;
}

TEST(QrEncoder, ReedSolomonAgreesWithAnIndependentLongDivision) {
  // Every block length of error correction codewords in versions 1–10 (Table 9).
  int checked = 0;
  for (int n : {7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30}) {
    for (std::size_t length : {1U, 9U, 16U, 44U, 68U, 116U}) {
      const std::string text = Printable(length, static_cast<unsigned>(n * 1000 + length));
      std::vector<std::uint8_t> data(text.begin(), text.end());
      data[0] ^= 0x80;  // reach the high bit too
      const auto ecc = qr::ReedSolomonEcc(data, n);
      EXPECT_EQ(ecc, LongDivisionRemainder(data, n)) << "n " << n << " length " << length;
      // And the whole codeword vanishes at the generator's roots α^0 … α^(n−1) (Horner's rule).
      std::vector<std::uint8_t> codeword = data;
      codeword.insert(codeword.end(), ecc.begin(), ecc.end());
      std::uint8_t root = 1;
      for (int i = 0; i < n; ++i, root = SlowMultiply(root, 2)) {
        std::uint8_t value = 0;
        for (std::uint8_t c : codeword) value = SlowMultiply(value, root) ^ c;
        EXPECT_EQ(value, 0) << "n " << n << " root α^" << i;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 13 * 6);
}

// ---------------------------------------------------------------------------------------------
// Version selection

TEST(QrEncoder, CapacitiesMatchTheStandardsTable) {
  for (int level = 0; level < 4; ++level)
    for (int version = 1; version <= qr::kMaxVersion; ++version)
      EXPECT_EQ(qr::ByteCapacity(version, kLevels[level]), kByteCapacity[level][version - 1])
          << kLevelNames[level] << " version " << version;
  EXPECT_EQ(static_cast<int>(kQrMaxBytes), kByteCapacity[1][9]);
}

TEST(QrEncoder, EachVersionHoldsExactlyItsCapacityAtLevelM) {
  for (int version = 1; version <= qr::kMaxVersion; ++version) {
    const auto cap = static_cast<std::size_t>(kByteCapacity[1][version - 1]);
    auto full = EncodeQr(std::string(cap, 'a'));
    ASSERT_TRUE(full) << version;
    EXPECT_EQ(full->size, 17 + 4 * version) << cap << " bytes";
    auto over = EncodeQr(std::string(cap + 1, 'a'));
    if (version < qr::kMaxVersion) {
      ASSERT_TRUE(over) << version;
      EXPECT_EQ(over->size, 17 + 4 * (version + 1)) << cap + 1 << " bytes";
    } else {
      ASSERT_FALSE(over);
      EXPECT_EQ(over.error().reason, "report.qr_too_long");
    }
  }
  EXPECT_EQ(qr::SmallestVersion(1, EcLevel::kM), 1);
  EXPECT_EQ(qr::SmallestVersion(15, EcLevel::kM), 2);
  EXPECT_EQ(qr::SmallestVersion(213, EcLevel::kM), 10);
  EXPECT_EQ(qr::SmallestVersion(214, EcLevel::kM), std::nullopt);
  EXPECT_EQ(qr::SmallestVersion(271, EcLevel::kL), 10);
  EXPECT_EQ(qr::SmallestVersion(120, EcLevel::kH), std::nullopt);
}

TEST(QrEncoder, RefusesAnOutOfRangeMask) {
  EXPECT_FALSE(qr::Encode("x", EcLevel::kM, 1, 8));
  EXPECT_FALSE(qr::Encode("x", EcLevel::kM, 1, -1));
  EXPECT_TRUE(qr::Encode("x", EcLevel::kM, 1, 7));
}

// ---------------------------------------------------------------------------------------------
// Structure of the symbol

bool At(const qr::Symbol& s, int row, int col) { return s.dark[static_cast<std::size_t>(row) * s.size + col]; }

// Format information modules (§6.9.1), bit 14 (most significant) first: the copy around the
// upper-left finder pattern runs along row 8 from column 0 (skipping the timing column), then up
// column 8 (skipping the timing row); the other copy runs up column 8 from the bottom row, then
// along row 8 to the right edge.
std::vector<std::pair<int, int>> FormatModulesMsbFirst(int size, bool upper_left) {
  if (upper_left)
    return {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8},
            {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};
  std::vector<std::pair<int, int>> out;
  for (int row = size - 1; row >= size - 7; --row) out.emplace_back(row, 8);
  for (int col = size - 8; col < size; ++col) out.emplace_back(8, col);
  return out;
}

unsigned ReadBits(const qr::Symbol& s, const std::vector<std::pair<int, int>>& modules) {
  unsigned bits = 0;
  for (auto [row, col] : modules) bits = (bits << 1) | (At(s, row, col) ? 1U : 0U);
  return bits;
}

// Version information modules (§6.10), bit 17 first: in the block above the lower-left finder
// pattern bit 0 is at its upper-left corner, bits numbered down each column of 3 and then rightwards.
std::vector<std::pair<int, int>> VersionModulesMsbFirst(int size, bool lower_left) {
  std::vector<std::pair<int, int>> out;
  for (int bit = 17; bit >= 0; --bit) {
    const int along = bit / 3, across = size - 11 + bit % 3;
    if (lower_left)
      out.emplace_back(across, along);
    else
      out.emplace_back(along, across);
  }
  return out;
}

TEST(QrEncoder, DrawsTheFunctionPatternsAndBothInformationCopies) {
  for (int version = 1; version <= qr::kMaxVersion; ++version) {
    auto s = qr::Encode("HX", EcLevel::kM, version);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->version, version);
    ASSERT_EQ(s->size, 17 + 4 * version);
    const int n = s->size;
    // Finder patterns with their separators, at the three corners.
    for (auto [top, left] : {std::pair{0, 0}, std::pair{0, n - 7}, std::pair{n - 7, 0}})
      for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 7; ++c) {
          const bool ring_light = std::max(std::abs(r - 3), std::abs(c - 3)) == 2;  // 7×7 dark, 5×5 light, 3×3 dark
          EXPECT_EQ(At(*s, top + r, left + c), !ring_light) << version << " finder " << top << "," << left;
        }
    for (int i = 0; i < 8; ++i) {
      EXPECT_FALSE(At(*s, 7, i));
      EXPECT_FALSE(At(*s, i, 7));
      EXPECT_FALSE(At(*s, 7, n - 1 - i));
      EXPECT_FALSE(At(*s, i, n - 8));
      EXPECT_FALSE(At(*s, n - 8, i));
      EXPECT_FALSE(At(*s, n - 1 - i, 7));
    }
    // Timing patterns: row 6 and column 6 alternate, dark on even positions.
    for (int i = 8; i < n - 8; ++i) {
      EXPECT_EQ(At(*s, 6, i), i % 2 == 0) << version << " timing column " << i;
      EXPECT_EQ(At(*s, i, 6), i % 2 == 0) << version << " timing row " << i;
    }
    EXPECT_TRUE(At(*s, n - 8, 8)) << "dark module, version " << version;
    // The last alignment pattern (bottom-right; §5.3, Annex E): its centre is 7 modules in.
    if (version >= 2) {
      const int c = n - 7;
      for (int dr = -2; dr <= 2; ++dr)
        for (int dc = -2; dc <= 2; ++dc)
          EXPECT_EQ(At(*s, c + dr, c + dc), std::max(std::abs(dr), std::abs(dc)) != 1) << version;
    }
    const unsigned format = qr::FormatBits(EcLevel::kM, s->mask);
    EXPECT_EQ(ReadBits(*s, FormatModulesMsbFirst(n, true)), format) << version;
    EXPECT_EQ(ReadBits(*s, FormatModulesMsbFirst(n, false)), format) << version;
    if (version >= 7) {
      EXPECT_EQ(ReadBits(*s, VersionModulesMsbFirst(n, true)), qr::VersionBits(version));
      EXPECT_EQ(ReadBits(*s, VersionModulesMsbFirst(n, false)), qr::VersionBits(version));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Masking

TEST(QrEncoder, PenaltyCountsTheFourRulesByHand) {
  // 5 × 5 all light. Rule 1: 10 lines of 5 → 10 × 3. Rule 2: 16 blocks → 48. Rule 3: no dark.
  // Rule 4: 0 % dark, 50 points from 50 % → 10 × 10.
  EXPECT_EQ(qr::Penalty(std::vector<bool>(25, false), 5), 30 + 48 + 100);
  // 6 × 6 checkerboard: no runs, no blocks, no finder-like pattern, exactly 50 % dark.
  std::vector<bool> board(36);
  for (int i = 0; i < 36; ++i) board[i] = (i / 6 + i % 6) % 2 == 0;
  EXPECT_EQ(qr::Penalty(board, 6), 0);
  // 7 × 7 light with row 3 = 1011101. Rule 1: the 6 light rows (runs of 7: 5 each) and columns 1
  // and 5 (light: 5 each) → 40. Rule 2: rows 0–2 and 4–6 give 2 × 2 × 6 light blocks → 72.
  // Rule 3: row 3 is 1:1:3:1:1 with light beyond both ends → 40. Rule 4: 5/49 ≈ 10 % dark,
  // 7 full steps of 5 % from 50 % → 70.
  std::vector<bool> finder_row(49, false);
  for (int c : {0, 2, 3, 4, 6}) finder_row[3 * 7 + c] = true;
  EXPECT_EQ(qr::Penalty(finder_row, 7), 40 + 72 + 40 + 70);
}

TEST(QrEncoder, ChoosesTheMaskOfTheLowestPenalty) {
  for (const std::string& text : {std::string("JBEKBR07MC"), UrlOfLength(41), Printable(100, 7), Printable(200, 8)}) {
    auto chosen = qr::Encode(text, EcLevel::kM);
    ASSERT_TRUE(chosen);
    const int chosen_penalty = qr::Penalty(chosen->dark, chosen->size);
    for (int mask = 0; mask < 8; ++mask) {
      auto forced = qr::Encode(text, EcLevel::kM, 1, mask);
      ASSERT_TRUE(forced);
      EXPECT_EQ(forced->mask, mask);
      const int penalty = qr::Penalty(forced->dark, forced->size);
      EXPECT_LE(chosen_penalty, penalty) << text << " mask " << mask;
      if (mask < chosen->mask) {
        EXPECT_LT(chosen_penalty, penalty) << "ties go to the lower mask";
      }
      if (mask == chosen->mask) {
        EXPECT_EQ(forced->dark, chosen->dark);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Read back by zbar

class QrZbar : public ::testing::Test {
 protected:
  void SetUp() override { HX_REQUIRE_TOOL(HaveTool(kZbarImg), "zbar-tools (apt-get install zbar-tools)"); }
  TempDir dir_{"hx-qr-encoder"};
};

TEST_F(QrZbar, ReadsEveryLengthAndEveryVersionAtLevelM) {
  std::vector<std::string> payloads = {"http://127.0.0.1:8080/h5/#/publicity/123",
                                       "JBEKBR07MC",
                                       "jbekbr07mc",
                                       "https://huanxin.example.cn/h5/#/ballot/JBEKBR07MC",
                                       "a",
                                       "0",
                                       "~"};
  for (std::size_t length = 1; length <= 120; ++length) {
    payloads.push_back(Printable(length, static_cast<unsigned>(length)));
    if (length % 3 == 0) payloads.push_back(UrlOfLength(length));
  }
  // The first and last lengths of every version up to 10 (Table 7).
  for (int version = 1; version <= qr::kMaxVersion; ++version) {
    const int last = kByteCapacity[1][version - 1], first = version == 1 ? 1 : kByteCapacity[1][version - 2] + 1;
    payloads.push_back(Printable(static_cast<std::size_t>(first), 1000U + version));
    payloads.push_back(Printable(static_cast<std::size_t>(last), 2000U + version));
  }
  std::set<int> versions, masks;
  int decoded = 0;
  for (const std::string& text : payloads) {
    auto s = qr::Encode(text, EcLevel::kM);
    ASSERT_TRUE(s) << text.size();
    auto via_api = EncodeQr(text);
    ASSERT_TRUE(via_api);
    EXPECT_EQ(via_api->dark, s->dark);  // EncodeQr is level M, smallest version, best mask
    versions.insert(s->version);
    masks.insert(s->mask);
    const std::string read = ZbarRead(dir_, s->dark, s->size);
    EXPECT_EQ(read, text) << text.size() << " bytes, version " << s->version << ", mask " << s->mask;
    if (read == text) ++decoded;
  }
  EXPECT_EQ(versions, (std::set<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(decoded, static_cast<int>(payloads.size()));
  std::cout << "zbar read " << decoded << " of " << payloads.size() << " payloads; masks chosen:";
  for (int m : masks) std::cout << " " << m;
  std::cout << "\n";
}

TEST_F(QrZbar, ReadsEveryLevelAtEveryVersionFull) {
  for (int level = 0; level < 4; ++level)
    for (int version = 1; version <= qr::kMaxVersion; ++version) {
      const std::string text =
          Printable(static_cast<std::size_t>(kByteCapacity[level][version - 1]), 3000U + 16U * level + version);
      auto s = qr::Encode(text, kLevels[level]);
      ASSERT_TRUE(s);
      EXPECT_EQ(s->version, version);
      EXPECT_EQ(ZbarRead(dir_, s->dark, s->size), text) << kLevelNames[level] << " version " << version;
    }
}

TEST_F(QrZbar, ReadsEveryMask) {
  for (int version : {1, 2, 6, 7, 10})
    for (int mask = 0; mask < 8; ++mask) {
      const std::string text = UrlOfLength(static_cast<std::size_t>(std::min(kByteCapacity[1][version - 1], 60)));
      auto s = qr::Encode(text, EcLevel::kM, version, mask);
      ASSERT_TRUE(s);
      ASSERT_EQ(s->version, version);
      EXPECT_EQ(ZbarRead(dir_, s->dark, s->size), text) << "version " << version << " mask " << mask;
    }
}

// Each copy of the format and version information is right on its own: with the other copy
// scrambled, zbar still reads the symbol.
TEST_F(QrZbar, ReadsWithEitherInformationCopyScrambled) {
  for (int version : {2, 7, 10}) {
    const std::string text = UrlOfLength(40);
    auto s = qr::Encode(text, EcLevel::kM, version);
    ASSERT_TRUE(s);
    const auto scrambled = [&](const std::vector<std::pair<int, int>>& modules) {
      std::vector<bool> dark = s->dark;
      int i = 0;
      for (auto [row, col] : modules) {
        // Flip about half of the bits, more than the BCH codes correct.
        if (i++ % 2 == 0)
          dark[static_cast<std::size_t>(row) * s->size + col] = !dark[static_cast<std::size_t>(row) * s->size + col];
      }
      return dark;
    };
    for (bool upper_left : {true, false})
      EXPECT_EQ(ZbarRead(dir_, scrambled(FormatModulesMsbFirst(s->size, upper_left)), s->size), text)
          << "version " << version << (upper_left ? ": upper-left" : ": other") << " format copy scrambled";
    if (version >= 7) {
      for (bool lower_left : {true, false})
        EXPECT_EQ(ZbarRead(dir_, scrambled(VersionModulesMsbFirst(s->size, lower_left)), s->size), text)
            << "version " << version << (lower_left ? ": lower-left" : ": upper-right") << " version copy scrambled";
    }
  }
}

}  // namespace
}  // namespace huanxin::report
