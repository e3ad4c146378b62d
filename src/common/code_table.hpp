// Tables of codes: an enumeration's stable API code and its Chinese and English names, looked up
// both ways. Contexts keep their enumerations' words in one constexpr table each.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/error.hpp"

namespace huanxin {

template <typename E>
struct CodeName {
  E value;
  std::string_view code;
  const char* zh;
  const char* en;
};

// The row of `value` (the first row when none matches: every enumerator should be listed).
template <typename E, std::size_t N>
constexpr const CodeName<E>& RowOf(const CodeName<E> (&table)[N], E value) {
  for (const auto& row : table)
    if (row.value == value) return row;
  return table[0];
}

template <typename E, std::size_t N>
constexpr std::string_view CodeOf(const CodeName<E> (&table)[N], E value) {
  return RowOf(table, value).code;
}

template <typename E, std::size_t N>
Text NameOf(const CodeName<E> (&table)[N], E value) {
  const auto& row = RowOf(table, value);
  return Text(row.zh, row.en);
}

template <typename E, std::size_t N>
constexpr std::optional<E> ParseCode(const CodeName<E> (&table)[N], std::string_view code) {
  for (const auto& row : table)
    if (row.code == code) return row.value;
  return std::nullopt;
}

}  // namespace huanxin
