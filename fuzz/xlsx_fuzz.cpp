// Fuzzes the XLSX import (zip + XML). Small limits keep a mutated zip bomb from spending the
// time budget inflating; the limit checks themselves are then exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/tabular/xlsx_reader.hpp"

using namespace huanxin;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  tabular::XlsxLimits limits;
  limits.max_entry_bytes = 16u << 20;
  limits.ratio_floor_bytes = 1u << 20;
  std::size_t rows = 0;
  auto sink = [&rows](std::size_t row, std::vector<std::string>& cells) {
    if (row == 0 || row > 1048576) std::abort();  // Excel's row range, which the reader enforces
    bool any = false;
    for (const auto& c : cells) any = any || !c.empty();
    if (!any) std::abort();
    return ++rows < 100000;
  };
  (void)tabular::ReadXlsx(bytes, sink, limits);
  return 0;
}
