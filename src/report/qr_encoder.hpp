// An in-house QR Code model 2 encoder (ISO/IEC 18004:2006, the QR Code 2005 edition), byte mode only, versions 1 to 10.
//
// Written from the standard's rules so the project needs no LGPL library (libqrencode): data
// encoding (§6.4), Reed–Solomon error correction (§6.5), block interleaving (§6.6), module placement
// (§6.7), masking with the four penalty rules (§6.8), format (§6.9) and version information (§6.10).
// Clause numbers are those of ISO/IEC 18004:2006.
// qr_code.hpp is the interface the renderers use; this header exposes the steps for its tests.
//
// Pure (no I/O, no globals written); safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace huanxin::report::qr {

// Error correction levels (§6.5.1), in increasing strength.
enum class EcLevel : std::uint8_t { kL, kM, kQ, kH };

inline constexpr int kMinVersion = 1;
inline constexpr int kMaxVersion = 10;  // 57 × 57 modules; 213 bytes at level M

// Modules per side of a symbol of `version` (§5.3: 21 for version 1, 4 more per version).
constexpr int SymbolSize(int version) { return 17 + 4 * version; }

// The most bytes a symbol of `version` holds in byte mode at `level` (Table 7).
int ByteCapacity(int version, EcLevel level);

// The smallest version in [kMinVersion, kMaxVersion] whose byte mode holds `bytes` bytes at `level`;
// nullopt when none does.
std::optional<int> SmallestVersion(std::size_t bytes, EcLevel level);

// The `ecc_count` error correction codewords of `data` (§6.5.2): the remainder of data(x)·x^ecc_count
// divided by the generator polynomial ∏(x − α^i), i = 0 … ecc_count − 1, over GF(2^8) with the
// primitive polynomial x^8 + x^4 + x^3 + x^2 + 1. Highest-degree coefficient first.
std::vector<std::uint8_t> ReedSolomonEcc(std::span<const std::uint8_t> data, int ecc_count);

// The 15 format information bits (§6.9.1): 2 level bits and 3 mask bits, their BCH(15,5) check bits,
// XORed with 101010000010010. Bit 14 is the first (most significant).
std::uint16_t FormatBits(EcLevel level, int mask);

// The 18 version information bits of versions 7 and up (§6.10): 6 version bits and their
// BCH(18,6) check bits. Bit 17 is the most significant.
std::uint32_t VersionBits(int version);

// A finished symbol: modules row-major, true for dark.
struct Symbol {
  int version = 0;
  int mask = 0;
  int size = 0;
  std::vector<bool> dark;
};

// `bytes` in byte mode at `level`, in the smallest version that holds them (never below
// `min_version`), with the mask of the lowest penalty (§6.8.2) or `forced_mask` (0–7) when given.
// nullopt when no version up to kMaxVersion holds them or `forced_mask` is out of range. Empty input
// gives a valid symbol of an empty segment.
std::optional<Symbol> Encode(std::string_view bytes, EcLevel level, int min_version = kMinVersion,
                             std::optional<int> forced_mask = std::nullopt);

// The penalty of a masked symbol under the four rules of §6.8.2 (N1 = 3, N2 = 3, N3 = 40, N4 = 10).
int Penalty(const std::vector<bool>& dark, int size);

}  // namespace huanxin::report::qr
