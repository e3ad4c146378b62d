// QR Code model 2 encoder, byte mode, versions 1–10 (ISO/IEC 18004:2006). See qr_encoder.hpp.
#include "report/qr_encoder.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

namespace huanxin::report::qr {

namespace {

// ---------------------------------------------------------------------------------------------
// Error correction block structure (§6.5.1, Table 9), versions 1–10.

struct BlockLayout {
  int ecc_per_block;  // error correction codewords in every block
  int short_blocks;   // blocks of the first group …
  int short_data;     // … and their data codewords
  int long_blocks;    // blocks of the second group, with short_data + 1 data codewords each
  int data_codewords() const { return short_blocks * short_data + long_blocks * (short_data + 1); }
  int blocks() const { return short_blocks + long_blocks; }
};

// [level][version − 1], levels in EcLevel order (L, M, Q, H). Every row adds up to the symbol's
// total codewords: 26, 44, 70, 100, 134, 172, 196, 242, 292, 346.
constexpr BlockLayout kBlocks[4][kMaxVersion] = {
    // L
    {{7, 1, 19, 0},
     {10, 1, 34, 0},
     {15, 1, 55, 0},
     {20, 1, 80, 0},
     {26, 1, 108, 0},
     {18, 2, 68, 0},
     {20, 2, 78, 0},
     {24, 2, 97, 0},
     {30, 2, 116, 0},
     {18, 2, 68, 2}},
    // M
    {{10, 1, 16, 0},
     {16, 1, 28, 0},
     {26, 1, 44, 0},
     {18, 2, 32, 0},
     {24, 2, 43, 0},
     {16, 4, 27, 0},
     {18, 4, 31, 0},
     {22, 2, 38, 2},
     {22, 3, 36, 2},
     {26, 4, 43, 1}},
    // Q
    {{13, 1, 13, 0},
     {22, 1, 22, 0},
     {18, 2, 17, 0},
     {26, 2, 24, 0},
     {18, 2, 15, 2},
     {24, 4, 19, 0},
     {18, 2, 14, 4},
     {22, 4, 18, 2},
     {20, 4, 16, 4},
     {24, 6, 19, 2}},
    // H
    {{17, 1, 9, 0},
     {28, 1, 16, 0},
     {22, 2, 13, 0},
     {16, 4, 9, 0},
     {22, 2, 11, 2},
     {28, 4, 15, 0},
     {26, 4, 13, 1},
     {26, 4, 14, 2},
     {24, 4, 12, 4},
     {28, 6, 15, 2}},
};

const BlockLayout& Layout(int version, EcLevel level) { return kBlocks[static_cast<int>(level)][version - 1]; }

// Row/column centres of the alignment patterns (§5.3, Annex E); none in version 1.
constexpr std::array<std::array<int, 3>, kMaxVersion> kAlignmentCentres = {{
    {},
    {6, 18},
    {6, 22},
    {6, 26},
    {6, 30},
    {6, 34},
    {6, 22, 38},
    {6, 24, 42},
    {6, 26, 46},
    {6, 28, 50},
}};

// Bits of the character count indicator in byte mode (§6.4): 8 up to version 9, then 16.
int CountBits(int version) { return version <= 9 ? 8 : 16; }

constexpr int kModeBits = 4;
constexpr unsigned kByteModeIndicator = 0b0100;  // §6.4

// ---------------------------------------------------------------------------------------------
// GF(2^8) arithmetic with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (§6.5.2), by tables of
// powers of α = 2 and their logarithms.

struct GaloisTables {
  std::array<std::uint8_t, 255> exp{};  // exp[i] = α^i
  std::array<std::uint8_t, 256> log{};  // log[α^i] = i; log[0] unused
};

constexpr GaloisTables MakeGaloisTables() {
  GaloisTables t;
  unsigned value = 1;
  for (int i = 0; i < 255; ++i) {
    t.exp[i] = static_cast<std::uint8_t>(value);
    t.log[value] = static_cast<std::uint8_t>(i);
    value <<= 1;
    if (value & 0x100) value ^= 0x11D;  // reduce by x^8 + x^4 + x^3 + x^2 + 1
  }
  return t;
}

constexpr GaloisTables kGf = MakeGaloisTables();

std::uint8_t GfMultiply(std::uint8_t a, std::uint8_t b) {
  if (a == 0 || b == 0) return 0;
  return kGf.exp[(kGf.log[a] + kGf.log[b]) % 255];
}

// The generator polynomial of degree `degree` (§6.5.2), highest-degree coefficient first
// (the leading 1 included).
std::vector<std::uint8_t> GeneratorPolynomial(int degree) {
  std::vector<std::uint8_t> g{1};
  for (int i = 0; i < degree; ++i) {
    // g · (x + α^i): shift up one degree, then add α^i · g.
    std::vector<std::uint8_t> next(g.size() + 1, 0);
    for (std::size_t j = 0; j < g.size(); ++j) {
      next[j] ^= g[j];
      next[j + 1] ^= GfMultiply(g[j], kGf.exp[i]);
    }
    g = std::move(next);
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// Data encoding (§6.4).

class BitBuffer {
 public:
  void Append(unsigned value, int bits) {
    for (int i = bits - 1; i >= 0; --i) bits_.push_back(((value >> i) & 1U) != 0);
  }
  std::size_t size() const { return bits_.size(); }
  std::vector<std::uint8_t> Bytes() const {
    std::vector<std::uint8_t> out(bits_.size() / 8, 0);
    for (std::size_t i = 0; i < out.size() * 8; ++i)
      if (bits_[i]) out[i / 8] |= static_cast<std::uint8_t>(0x80U >> (i % 8));
    return out;
  }

 private:
  std::vector<bool> bits_;
};

// The data codewords of a byte mode segment holding `bytes` (§6.4), then the terminator,
// zero bits up to a codeword boundary and the pad codewords 11101100 00010001 (§6.4).
std::vector<std::uint8_t> DataCodewords(std::string_view bytes, int version, EcLevel level) {
  const int capacity_bits = Layout(version, level).data_codewords() * 8;
  BitBuffer buffer;
  buffer.Append(kByteModeIndicator, kModeBits);
  buffer.Append(static_cast<unsigned>(bytes.size()), CountBits(version));
  for (char c : bytes) buffer.Append(static_cast<unsigned char>(c), 8);
  const int terminator = std::min<int>(4, capacity_bits - static_cast<int>(buffer.size()));
  buffer.Append(0, terminator);
  buffer.Append(0, static_cast<int>((8 - buffer.size() % 8) % 8));
  for (bool first = true; static_cast<int>(buffer.size()) < capacity_bits; first = !first)
    buffer.Append(first ? 0xEC : 0x11, 8);
  return buffer.Bytes();
}

// The final codeword sequence (§6.6): the data split into blocks (shorter blocks first), each
// block's error correction codewords computed, then data codewords taken column by column across
// the blocks, followed by the error correction codewords likewise.
std::vector<std::uint8_t> InterleavedCodewords(const std::vector<std::uint8_t>& data, int version, EcLevel level) {
  const BlockLayout& layout = Layout(version, level);
  std::vector<std::vector<std::uint8_t>> data_blocks, ecc_blocks;
  std::size_t offset = 0;
  for (int b = 0; b < layout.blocks(); ++b) {
    const std::size_t length = static_cast<std::size_t>(layout.short_data + (b < layout.short_blocks ? 0 : 1));
    data_blocks.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(offset),
                             data.begin() + static_cast<std::ptrdiff_t>(offset + length));
    ecc_blocks.push_back(ReedSolomonEcc(data_blocks.back(), layout.ecc_per_block));
    offset += length;
  }
  std::vector<std::uint8_t> out;
  for (int i = 0; i <= layout.short_data; ++i)
    for (const auto& block : data_blocks)
      if (i < static_cast<int>(block.size())) out.push_back(block[i]);
  for (int i = 0; i < layout.ecc_per_block; ++i)
    for (const auto& block : ecc_blocks) out.push_back(block[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The module matrix (§5.3, §6.7).

class Matrix {
 public:
  explicit Matrix(int size) : size_(size), dark_(static_cast<std::size_t>(size) * size), function_(dark_.size()) {}

  int size() const { return size_; }
  bool Dark(int row, int col) const { return dark_[Index(row, col)]; }
  bool Function(int row, int col) const { return function_[Index(row, col)]; }
  void SetFunction(int row, int col, bool dark) {
    dark_[Index(row, col)] = dark;
    function_[Index(row, col)] = true;
  }
  void SetData(int row, int col, bool dark) { dark_[Index(row, col)] = dark; }
  void Flip(int row, int col) { dark_[Index(row, col)] = !dark_[Index(row, col)]; }
  const std::vector<bool>& dark() const { return dark_; }

 private:
  std::size_t Index(int row, int col) const { return static_cast<std::size_t>(row) * size_ + col; }
  int size_;
  std::vector<bool> dark_, function_;
};

// A finder pattern (§5.3: 7 × 7 dark ring, light ring, 3 × 3 dark core) with its light separator
// where it falls inside the symbol; (top, left) is the pattern's first module.
void DrawFinder(Matrix& m, int top, int left) {
  for (int dr = -1; dr <= 7; ++dr)
    for (int dc = -1; dc <= 7; ++dc) {
      const int row = top + dr, col = left + dc;
      if (row < 0 || col < 0 || row >= m.size() || col >= m.size()) continue;
      const int ring = std::max(std::abs(dr - 3), std::abs(dc - 3));  // 0 centre … 4 separator
      m.SetFunction(row, col, ring != 2 && ring != 4);
    }
}

// An alignment pattern (§5.3: 5 × 5 dark ring, light ring, dark centre module).
void DrawAlignment(Matrix& m, int centre_row, int centre_col) {
  for (int dr = -2; dr <= 2; ++dr)
    for (int dc = -2; dc <= 2; ++dc)
      m.SetFunction(centre_row + dr, centre_col + dc, std::max(std::abs(dr), std::abs(dc)) != 1);
}

// The modules of the two copies of the format information (§6.9.1), by bit number
// (bit 0 least significant). `first` is the copy around the upper-left finder pattern.
struct Module {
  int row, col;
};
Module FormatModule(int size, int bit, bool first) {
  if (first) {
    if (bit <= 5) return {bit, 8};  // column 8, rows 0–5
    if (bit == 6) return {7, 8};    // row 6 is the timing pattern
    if (bit == 7) return {8, 8};
    if (bit == 8) return {8, 7};
    return {8, 14 - bit};  // row 8, columns 5 … 0 (column 6 is the timing pattern)
  }
  if (bit <= 7) return {8, size - 1 - bit};  // row 8, columns size−1 … size−8
  return {size - 15 + bit, 8};               // column 8, rows size−7 … size−1
}

void DrawFormat(Matrix& m, std::uint16_t bits) {
  for (int bit = 0; bit < 15; ++bit) {
    const bool dark = ((bits >> bit) & 1U) != 0;
    for (bool first : {true, false}) {
      const Module at = FormatModule(m.size(), bit, first);
      m.SetFunction(at.row, at.col, dark);
    }
  }
  m.SetFunction(m.size() - 8, 8, true);  // the dark module beside the lower-left copy (§6.9.1)
}

// The two copies of the version information (§6.10): a 6 × 3 block left of the
// upper-right finder pattern and its transpose, a 3 × 6 block above the lower-left one; bit i at
// row i / 3 and column size − 11 + i % 3 of the upper one.
void DrawVersion(Matrix& m, int version) {
  if (version < 7) return;
  const std::uint32_t bits = VersionBits(version);
  for (int bit = 0; bit < 18; ++bit) {
    const bool dark = ((bits >> bit) & 1U) != 0;
    const int a = bit / 3, b = m.size() - 11 + bit % 3;
    m.SetFunction(a, b, dark);
    m.SetFunction(b, a, dark);
  }
}

// Every function pattern (§5.3, §6.7.2), with the format areas reserved (drawn for mask 0 here and
// redrawn per mask) and the version information.
Matrix FunctionPatterns(int version, EcLevel level) {
  Matrix m(SymbolSize(version));
  const int size = m.size();
  DrawFinder(m, 0, 0);
  DrawFinder(m, 0, size - 7);
  DrawFinder(m, size - 7, 0);
  for (int i = 8; i < size - 8; ++i) {  // timing patterns (§5.3), dark on even positions
    m.SetFunction(6, i, i % 2 == 0);
    m.SetFunction(i, 6, i % 2 == 0);
  }
  std::vector<int> centres;
  for (int c : kAlignmentCentres[version - 1])
    if (c != 0) centres.push_back(c);
  for (std::size_t r = 0; r < centres.size(); ++r)
    for (std::size_t c = 0; c < centres.size(); ++c) {
      const bool last_r = r + 1 == centres.size(), last_c = c + 1 == centres.size();
      // The three positions under the finder patterns get none (§5.3).
      if ((r == 0 && c == 0) || (r == 0 && last_c) || (last_r && c == 0)) continue;
      DrawAlignment(m, centres[r], centres[c]);
    }
  DrawFormat(m, FormatBits(level, 0));
  DrawVersion(m, version);
  return m;
}

// The codewords placed bit by bit, most significant first (§6.7.3): in columns two modules wide from
// the right edge, upwards then downwards alternately, skipping the vertical timing pattern's column
// and every function module. Modules left over are the remainder bits, 0 (§6.6).
void PlaceCodewords(Matrix& m, const std::vector<std::uint8_t>& codewords) {
  const std::size_t total_bits = codewords.size() * 8;
  std::size_t bit = 0;
  bool upwards = true;
  for (int right = m.size() - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;  // column 6 is the vertical timing pattern
    for (int step = 0; step < m.size(); ++step) {
      const int row = upwards ? m.size() - 1 - step : step;
      for (int col : {right, right - 1}) {
        if (m.Function(row, col)) continue;
        const bool dark = bit < total_bits && ((codewords[bit / 8] >> (7 - bit % 8)) & 1U) != 0;
        m.SetData(row, col, dark);
        ++bit;
      }
    }
    upwards = !upwards;
  }
}

// The data mask conditions (§6.8.1), i the row and j the column.
bool MaskCondition(int mask, int i, int j) {
  switch (mask) {
    case 0:
      return (i + j) % 2 == 0;
    case 1:
      return i % 2 == 0;
    case 2:
      return j % 3 == 0;
    case 3:
      return (i + j) % 3 == 0;
    case 4:
      return (i / 2 + j / 3) % 2 == 0;
    case 5:
      return (i * j) % 2 + (i * j) % 3 == 0;
    case 6:
      return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
    default:
      return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
  }
}

Matrix Masked(const Matrix& unmasked, int mask, EcLevel level) {
  Matrix m = unmasked;
  for (int row = 0; row < m.size(); ++row)
    for (int col = 0; col < m.size(); ++col)
      if (!m.Function(row, col) && MaskCondition(mask, row, col)) m.Flip(row, col);
  DrawFormat(m, FormatBits(level, mask));
  return m;
}

// Rules 1 and 3 of §6.8.2 along one row or column; `dark(k)` is the k-th module of the line.
template <typename Dark>
int LinePenalty(int size, Dark dark) {
  int penalty = 0;
  // Rule 1: runs of 5 + i modules of one colour score 3 + i.
  for (int start = 0; start < size;) {
    int end = start;
    while (end < size && dark(end) == dark(start)) ++end;
    if (end - start >= 5) penalty += 3 + (end - start - 5);
    start = end;
  }
  // Rule 3: dark–light–dark dark dark–light–dark (1:1:3:1:1) with 4 light modules before or after
  // it; modules beyond the edge are the light quiet zone.
  const auto light = [&](int k) { return k < 0 || k >= size || !dark(k); };
  static constexpr std::array<bool, 7> kFinderLike = {true, false, true, true, true, false, true};
  for (int k = 0; k + 7 <= size; ++k) {
    bool match = true;
    for (int t = 0; t < 7 && match; ++t) match = dark(k + t) == kFinderLike[t];
    if (!match) continue;
    const bool light_before = light(k - 1) && light(k - 2) && light(k - 3) && light(k - 4);
    const bool light_after = light(k + 7) && light(k + 8) && light(k + 9) && light(k + 10);
    if (light_before || light_after) penalty += 40;
  }
  return penalty;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

int ByteCapacity(int version, EcLevel level) {
  const int bits = Layout(version, level).data_codewords() * 8 - kModeBits - CountBits(version);
  return bits / 8;
}

std::optional<int> SmallestVersion(std::size_t bytes, EcLevel level) {
  for (int version = kMinVersion; version <= kMaxVersion; ++version)
    if (bytes <= static_cast<std::size_t>(ByteCapacity(version, level))) return version;
  return std::nullopt;
}

std::vector<std::uint8_t> ReedSolomonEcc(std::span<const std::uint8_t> data, int ecc_count) {
  const std::vector<std::uint8_t> generator = GeneratorPolynomial(ecc_count);
  // Long division kept as a shift register of the running remainder.
  std::vector<std::uint8_t> remainder(static_cast<std::size_t>(ecc_count), 0);
  for (std::uint8_t codeword : data) {
    const std::uint8_t factor = codeword ^ remainder.front();
    std::rotate(remainder.begin(), remainder.begin() + 1, remainder.end());
    remainder.back() = 0;
    for (int k = 0; k < ecc_count; ++k) remainder[k] ^= GfMultiply(generator[k + 1], factor);
  }
  return remainder;
}

std::uint16_t FormatBits(EcLevel level, int mask) {
  // Level indicators (§6.9.1): L 01, M 00, Q 11, H 10.
  static constexpr unsigned kLevelBits[4] = {0b01, 0b00, 0b11, 0b10};
  const unsigned data = (kLevelBits[static_cast<int>(level)] << 3) | static_cast<unsigned>(mask);
  // BCH(15,5) check bits (Annex C): the remainder of data·x^10 by x^10+x^8+x^5+x^4+x^2+x+1.
  unsigned remainder = data << 10;
  for (int bit = 14; bit >= 10; --bit)
    if (remainder & (1U << bit)) remainder ^= 0x537U << (bit - 10);
  return static_cast<std::uint16_t>(((data << 10) | remainder) ^ 0x5412U);  // mask 101010000010010
}

std::uint32_t VersionBits(int version) {
  // BCH(18,6) check bits (Annex D): the remainder of version·x^12 by
  // x^12+x^11+x^10+x^9+x^8+x^5+x^2+1.
  const auto data = static_cast<std::uint32_t>(version);
  std::uint32_t remainder = data << 12;
  for (int bit = 17; bit >= 12; --bit)
    if (remainder & (1U << bit)) remainder ^= 0x1F25U << (bit - 12);
  return (data << 12) | remainder;
}

int Penalty(const std::vector<bool>& dark, int size) {
  const auto at = [&](int row, int col) { return static_cast<bool>(dark[static_cast<std::size_t>(row) * size + col]); };
  int penalty = 0;
  for (int i = 0; i < size; ++i) {
    penalty += LinePenalty(size, [&](int k) { return at(i, k); });  // row i
    penalty += LinePenalty(size, [&](int k) { return at(k, i); });  // column i
  }
  // Rule 2: every 2 × 2 block of one colour scores 3 (blocks may overlap).
  for (int row = 0; row + 1 < size; ++row)
    for (int col = 0; col + 1 < size; ++col) {
      const bool c = at(row, col);
      if (at(row, col + 1) == c && at(row + 1, col) == c && at(row + 1, col + 1) == c) penalty += 3;
    }
  // Rule 4: 10 for every full 5 % by which the dark share departs from 50 %.
  const long total = static_cast<long>(size) * size;
  const long dark_count = std::count(dark.begin(), dark.end(), true);
  penalty += 10 * static_cast<int>(std::labs(20 * dark_count - 10 * total) / total);
  return penalty;
}

std::optional<Symbol> Encode(std::string_view bytes, EcLevel level, int min_version, std::optional<int> forced_mask) {
  if (forced_mask && (*forced_mask < 0 || *forced_mask > 7)) return std::nullopt;
  std::optional<int> version = SmallestVersion(bytes.size(), level);
  if (!version) return std::nullopt;
  version = std::clamp(std::max(*version, min_version), kMinVersion, kMaxVersion);

  Matrix unmasked = FunctionPatterns(*version, level);
  PlaceCodewords(unmasked, InterleavedCodewords(DataCodewords(bytes, *version, level), *version, level));

  // §6.8.2: every mask is tried and the one of the lowest penalty kept (the first on a tie).
  Symbol best;
  int best_penalty = std::numeric_limits<int>::max();
  for (int mask = 0; mask < 8; ++mask) {
    if (forced_mask && *forced_mask != mask) continue;
    Matrix m = Masked(unmasked, mask, level);
    const int penalty = Penalty(m.dark(), m.size());
    if (penalty < best_penalty) {
      best_penalty = penalty;
      best = Symbol{*version, mask, m.size(), m.dark()};
    }
  }
  return best;
}

}  // namespace huanxin::report::qr
