// Character encodings of uploaded text files. Street offices save CSV from Excel or WPS, which on
// Chinese Windows write GBK/GB18030 ("ANSI") unless the user picks "CSV UTF-8"; both must import.
// Thread safety: the functions are pure and may be called concurrently.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace huanxin::tabular {

enum class Encoding { kUtf8, kGb18030 };

// Guesses the encoding of `bytes`: a UTF-8 byte-order mark or valid UTF-8 (strict: no overlong
// forms, surrogates or code points above U+10FFFF; empty and pure ASCII count) → kUtf8; otherwise
// bytes that decode completely as GB18030 (a superset of GBK and GB2312) → kGb18030.
// Failures: 422 import.bad_encoding when neither fits (detail: the byte offset where UTF-8 decoding
// failed; a UTF-16 byte-order mark is named as such).
// Ambiguity: a GB18030 text that is also valid UTF-8 is taken as UTF-8; for Chinese text of more
// than a few characters that practically never happens.
Result<Encoding> DetectEncoding(std::string_view bytes);

// Converts `bytes` in `encoding` to UTF-8 and strips a leading UTF-8 byte-order mark (either
// encoding: a GB18030 file converted elsewhere may carry one). kUtf8 input is validated, not
// trusted. Failures: 422 import.bad_encoding with the byte offset of the first invalid or truncated
// sequence in the input.
Result<std::string> ToUtf8(std::string_view bytes, Encoding encoding);

// DetectEncoding and ToUtf8 in one: the text of `bytes` as UTF-8 without a leading byte-order mark.
// Valid UTF-8 is validated once and not copied: the answer is a view into `bytes`. Other text is
// converted into `converted`, and the answer is a view of it. Failures are those of DetectEncoding
// and ToUtf8 (a byte-order mark before invalid UTF-8: ToUtf8's).
Result<std::string_view> AsUtf8(std::string_view bytes, std::string& converted);

}  // namespace huanxin::tabular
