// Small text helpers (UTF-8 aware where it matters).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huanxin {

std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
std::string ToLowerAscii(std::string_view s);
// Number of Unicode code points in valid UTF-8; std::nullopt if the bytes are not valid UTF-8.
std::optional<std::size_t> Utf8Length(std::string_view s);
// Decodes %XX and '+' (as in query strings). std::nullopt on a malformed escape.
std::optional<std::string> UrlDecode(std::string_view s);
// "k=v&k2=v2" (a query string or an application/x-www-form-urlencoded body) decoded into a map;
// empty pairs and pairs that do not decode are skipped; the last value of a repeated key wins.
std::map<std::string, std::string> ParseUrlEncoded(std::string_view s);
// Parses a base-10 int64 (whole string, optional leading '-'). std::nullopt otherwise.
std::optional<std::int64_t> ParseInt64(std::string_view s);
// True when every byte is an ASCII digit and the string is not empty.
bool IsDigits(std::string_view s);

}  // namespace huanxin
