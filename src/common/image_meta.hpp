// Image type sniffing and metadata stripping for uploaded evidence photos (JPEG, PNG, WebP).
//
// Why strip: a phone photo of a signed ballot carries EXIF — GPS position, time, device serial —
// and XMP/comments that may name the owner; none of it is needed to read the ballot, and an
// evidence file is shown to other staff and may be exported.
//
// What is lost, accepted for evidence: the EXIF orientation tag goes with EXIF, so a portrait
// photo whose pixels are stored sideways (most phones do this) may display rotated; the ballot is
// still legible and viewers can rotate it. JPEG APP2 also carries ICC profiles, so a wide-gamut
// (Display P3) photo may show slightly duller colours. Rewriting pixels to bake in the rotation
// would need a JPEG codec and was rejected: lossy, and a decoder is a much larger attack surface
// than these structure walkers.
//
// All functions are pure, allocate only their result and are safe to call from any thread. They
// never read outside `bytes`, whatever it holds (fuzzed by fuzz/image_meta_fuzz.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace huanxin {

enum class ImageType { kJpeg, kPng, kWebp };

// The type named by the leading magic bytes only — FF D8 FF (JPEG), the 8-byte PNG signature,
// "RIFF" ???? "WEBP" (WebP) — or std::nullopt. Says nothing about whether the rest is well formed.
std::optional<ImageType> SniffImage(std::string_view bytes);

// The MIME type: "image/jpeg", "image/png" or "image/webp". The view points at a string literal.
std::string_view ImageMime(ImageType t);

// The image without metadata, or std::nullopt when SniffImage finds no type or the bytes are not
// a well-formed file of the sniffed type (truncated segment or chunk, impossible length, bad PNG
// CRC, missing end marker, required part missing). Pixel data is copied byte for byte, never
// decoded or re-encoded. The result is never longer than the input, has the same type, and
// stripping it again returns it unchanged.
//
// JPEG: marker segments from SOI to the first SOS are walked; APP1 (EXIF, XMP), APP2–APP15 except
//   APP14 "Adobe" (its colour-transform flag changes how the pixels decode) and COM are dropped;
//   APP0 (JFIF), DQT, DHT, SOFn, DRI and unknown segments are kept. Fill bytes before a marker are
//   dropped. From SOS on, bytes are copied unchanged up to and including the first EOI (segments
//   between progressive scans are length-checked, not filtered). A frame header (SOFn) must precede
//   the SOS.
// PNG: chunks are walked and each CRC-32 checked; tEXt, zTXt, iTXt, eXIf and tIME are dropped,
//   everything else (including iCCP, gAMA, sRGB, pHYs) is kept. IHDR (13 bytes) must come first,
//   at least one IDAT must be present, and the walk ends at IEND.
// WebP: the RIFF chunks are walked; EXIF and "XMP " chunks are dropped, the EXIF (0x08) and XMP
//   (0x04) bits of the VP8X flags byte cleared, and the RIFF size rewritten. Odd-sized chunks must
//   carry their pad byte, which is kept. The first chunk must be VP8, VP8L or VP8X; after VP8X at
//   least one VP8, VP8L or ANMF chunk must follow.
//
// In all three formats bytes after the end (JPEG EOI, PNG IEND, the RIFF size) are dropped:
// decoders ignore them, and phones put things there — Samsung trailers, motion-photo video — that
// are metadata too.
std::optional<std::string> StripImageMetadata(std::string_view bytes);

}  // namespace huanxin
