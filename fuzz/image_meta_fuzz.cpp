// Fuzzes the evidence-photo metadata stripper: SniffImage, then StripImageMetadata on the raw
// bytes. Besides ASan and UBSan it checks the documented contract of every successful strip: the
// output is no longer than the input, has the same sniffed type, and stripping it again returns
// it byte for byte. Seeds: tiny valid JPEG, PNG and WebP files with and without metadata.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/image_meta.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto type = SniffImage(in);
  if (type) (void)ImageMime(*type);
  auto out = StripImageMetadata(in);
  if (!out) return 0;
  if (!type || out->size() > in.size() || SniffImage(*out) != type) __builtin_trap();
  auto again = StripImageMetadata(*out);
  if (!again || *again != *out) __builtin_trap();
  return 0;
}
