#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace huanxin::http {
namespace {

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
const std::string kContentType = "multipart/form-data; boundary=" + kBoundary;

// A body as browsers send it: each part opened by "--boundary\r\n", headers, a blank line, data.
std::string Body(const std::vector<std::pair<std::string, std::string>>& parts,
                 const std::string& boundary = kBoundary) {
  std::string body;
  for (const auto& [headers, data] : parts) body += "--" + boundary + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
  return body + "--" + boundary + "--\r\n";
}

std::vector<Part> ParseOk(std::string_view content_type, std::string_view body) {
  auto parts = ParseMultipart(content_type, body);
  EXPECT_TRUE(parts) << (parts ? "" : parts.error().detail.en);
  return parts ? *parts : std::vector<Part>{};
}

Error ParseError(std::string_view content_type, std::string_view body) {
  auto parts = ParseMultipart(content_type, body);
  EXPECT_FALSE(parts);
  if (parts) return {};
  EXPECT_EQ(parts.error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(parts.error().reason, "http.bad_multipart");
  EXPECT_FALSE(parts.error().message.zh.empty());
  EXPECT_FALSE(parts.error().detail.zh.empty());
  return parts.error();
}

void ExpectDetail(const Error& e, const std::string& part) {
  EXPECT_NE(e.detail.en.find(part), std::string::npos) << e.detail.en;
}

TEST(ParseMultipart, ReadsAFileAndATextField) {
  std::string xlsx("PK\x03\x04\0\0binary\r\n\xFF", 15);
  auto body = Body({{"Content-Disposition: form-data; name=\"estateId\"", "42"},
                    {"Content-Disposition: form-data; name=\"file\"; filename=\"花名册.xlsx\"\r\n"
                     "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     xlsx}});
  auto parts = ParseOk(kContentType, body);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "estateId");
  EXPECT_EQ(parts[0].filename, "");
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "42");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(parts[1].filename, "花名册.xlsx");
  EXPECT_EQ(parts[1].content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(parts[1].data, xlsx);
}

TEST(ParseMultipart, QuotedAndUnquotedBoundariesAndCaseInsensitiveNames) {
  auto body = Body({{"content-disposition: form-data; name=a", "1"}}, "simple boundary");
  auto quoted = ParseOk("multipart/form-data; boundary=\"simple boundary\"", body);
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0].name, "a");
  EXPECT_EQ(quoted[0].data, "1");
  auto plain =
      ParseOk("Multipart/Form-Data;Boundary=xyz", Body({{"Content-Disposition: form-data; name=\"b\"", "2"}}, "xyz"));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].data, "2");
}

TEST(ParseMultipart, Rfc5987FilenameWinsAndIsDecoded) {
  auto parts = ParseOk(
      kContentType, Body({{"Content-Disposition: form-data; name=\"file\"; filename=\"fallback.xlsx\"; "
                           "filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx",
                           "x"},
                          {"Content-Disposition: form-data; name=\"f2\"; filename*=iso-8859-1'en'caf%E9+1.csv", "y"}}));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].filename, "花名册.xlsx");
  EXPECT_EQ(parts[1].filename, "café+1.csv");  // '+' is not a space here
}

TEST(ParseMultipart, FilenameKeepsOnlyTheBaseName) {
  auto parts = ParseOk(
      kContentType, Body({{"Content-Disposition: form-data; name=\"f\"; filename=\"C:\\Users\\li\\花名册.xlsx\"", "x"},
                          {"Content-Disposition: form-data; name=\"g\"; filename=\"../../etc/passwd\"", "y"},
                          {"Content-Disposition: form-data; name=\"h\"; filename=\"a \\\"q\\\";b.csv\"", "z"}}));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].filename, "花名册.xlsx");
  EXPECT_EQ(parts[1].filename, "passwd");
  EXPECT_EQ(parts[2].filename, "a \"q\";b.csv");  // an escaped quote and a ';' inside quotes
}

TEST(ParseMultipart, DataMayContainDashesNulAndBoundaryLookAlikes) {
  std::string data = std::string("a\r\n--\r\n--", 9) + kBoundary.substr(0, 10) + std::string("\0\r\n", 3) + "\r\n--" +
                     kBoundary + "X trailing\r\n--";
  auto parts = ParseOk(kContentType, Body({{"Content-Disposition: form-data; name=\"f\"; filename=\"b.bin\"", data}}));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, data);
}

TEST(ParseMultipart, PreambleEpilogueTransportPaddingAndEmptyData) {
  std::string body = "This is a preamble.\r\n--" + kBoundary + " \t\r\n" +
                     "Content-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--" + kBoundary + "\r\n" +
                     "Content-Disposition: form-data; name=\"last\"\r\n\r\nv\r\n--" + kBoundary + "--epilogue ignored";
  auto parts = ParseOk(kContentType, body);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "empty");
  EXPECT_EQ(parts[0].data, "");
  EXPECT_EQ(parts[1].data, "v");
}

TEST(ParseMultipart, BodyWithOnlyTheCloseDelimiterHasNoParts) {
  EXPECT_TRUE(ParseOk(kContentType, "--" + kBoundary + "--").empty());
}

TEST(ParseMultipart, MissingBoundaryFails) {
  ExpectDetail(ParseError("multipart/form-data", "x"), "no boundary");
  ExpectDetail(ParseError("multipart/form-data; charset=utf-8", "x"), "no boundary");
  ExpectDetail(ParseError("multipart/form-data; boundary=", "x"), "boundary is invalid");
  ExpectDetail(ParseError("multipart/form-data; boundary=\"abc", "x"), "not multipart/form-data");
}

TEST(ParseMultipart, NotMultipartFails) {
  ExpectDetail(ParseError("application/json", "{}"), "not multipart/form-data: application/json");
  ExpectDetail(ParseError("", ""), "not multipart/form-data");
}

TEST(ParseMultipart, BoundaryOfSeventyCharactersWorksAndSeventyOneFails) {
  std::string b70(70, 'b'), b71(71, 'b');
  auto parts =
      ParseOk("multipart/form-data; boundary=" + b70, Body({{"Content-Disposition: form-data; name=\"a\"", "1"}}, b70));
  EXPECT_EQ(parts.size(), 1u);
  ExpectDetail(ParseError("multipart/form-data; boundary=" + b71,
                          Body({{"Content-Disposition: form-data; name=\"a\"", "1"}}, b71)),
               "boundary is invalid");
  ExpectDetail(ParseError("multipart/form-data; boundary=\"a\\\"b\"", "x"), "boundary is invalid");
  ExpectDetail(ParseError("multipart/form-data; boundary=\"ends with space \"", "x"), "boundary is invalid");
}

TEST(ParseMultipart, MissingClosingBoundaryFails) {
  std::string body = Body({{"Content-Disposition: form-data; name=\"a\"", "1"}});
  std::string truncated = body.substr(0, body.size() - 4);  // "--boundary" without the closing "--\r\n"
  ExpectDetail(ParseError(kContentType, truncated), "part 1: no closing boundary");
  ExpectDetail(ParseError(kContentType, body.substr(0, body.size() / 2)), "part 1");
}

TEST(ParseMultipart, MissingOpeningBoundaryFails) {
  ExpectDetail(ParseError(kContentType, "no boundary here at all"), "opening boundary is missing");
  ExpectDetail(ParseError(kContentType, ""), "opening boundary is missing");
  ExpectDetail(ParseError(kContentType, "--" + kBoundary + "X\r\n"), "opening boundary is missing");
}

TEST(ParseMultipart, PartWithoutContentDispositionFails) {
  ExpectDetail(ParseError(kContentType, Body({{"Content-Disposition: form-data; name=\"a\"", "1"},
                                              {"Content-Type: text/plain", "2"}})),
               "part 2: no Content-Disposition");
  ExpectDetail(ParseError(kContentType, "--" + kBoundary + "\r\n\r\ndata\r\n--" + kBoundary + "--"),
               "part 1: no Content-Disposition");
}

TEST(ParseMultipart, DispositionMustBeFormDataWithAName) {
  ExpectDetail(ParseError(kContentType, Body({{"Content-Disposition: attachment; name=\"a\"", "1"}})), "not form-data");
  ExpectDetail(ParseError(kContentType, Body({{"Content-Disposition: form-data; filename=\"a.csv\"", "1"}})),
               "no name");
  ExpectDetail(ParseError(kContentType, Body({{"Content-Disposition: form-data; name=\"a", "1"}})),
               "unterminated quote");
  ExpectDetail(ParseError(kContentType, Body({{"no colon in this line", "1"}})), "malformed header line");
}

TEST(ParseMultipart, InvalidRfc5987FilenameFails) {
  for (const char* value : {"UTF-8''%E8%8A", "UTF-8''%zz", "UTF-8''%E", "no-quotes", "GBK''%C2%A5", "UTF-8'only-one"})
    ExpectDetail(
        ParseError(kContentType,
                   Body({{std::string("Content-Disposition: form-data; name=\"f\"; filename*=") + value, "1"}})),
        "filename*");
}

TEST(ParseMultipart, HeaderBlockOfEightKiBIsReadAndOneByteMoreFails) {
  const std::string disposition = "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: ";
  std::string at_limit = disposition + std::string(8192 - disposition.size(), 'p');
  ASSERT_EQ(at_limit.size(), 8192u);
  auto parts = ParseOk(kContentType, Body({{at_limit, "1"}}));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].data, "1");
  ExpectDetail(ParseError(kContentType, Body({{at_limit + "p", "1"}})), "part 1: the header block is over 8 KiB");
}

TEST(ParseMultipart, HeadersWithoutBlankLineFail) {
  std::string body = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n--" + kBoundary +
                     "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--" + kBoundary + "--";
  ExpectDetail(ParseError(kContentType, body), "part 1: the header block does not end with an empty line");
  ExpectDetail(ParseError(kContentType, "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\""),
               "does not end with an empty line");
}

TEST(ParseMultipart, FoldedHeaderLinesContinueTheValue) {
  auto parts = ParseOk(kContentType, Body({{"Content-Disposition: form-data;\r\n name=\"folded\"", "1"}}));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].name, "folded");
}

TEST(ParseMultipart, TruncatedAndMutatedBodiesNeverCrash) {
  std::string body = Body({{"Content-Disposition: form-data; name=\"estateId\"", "42"},
                           {"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%E8%8A%B1.xlsx\r\n"
                            "Content-Type: application/octet-stream",
                            std::string("PK\0\r\n--\r\n", 9)}});
  for (std::size_t length = 0; length < body.size(); ++length) {
    auto parts = ParseMultipart(kContentType, body.substr(0, length));
    if (!parts) {
      EXPECT_EQ(parts.error().reason, "http.bad_multipart");
    }
  }
  std::mt19937 random(11);
  const std::string alphabet = "\r\n-\";=%";
  for (int round = 0; round < 2000; ++round) {
    std::string mutated = body;
    for (int k = 0; k < 3; ++k) mutated[random() % mutated.size()] = alphabet[random() % alphabet.size()];
    auto parts = ParseMultipart(kContentType, mutated);
    if (!parts) {
      EXPECT_EQ(parts.error().reason, "http.bad_multipart");
    }
  }
}

}  // namespace
}  // namespace huanxin::http
