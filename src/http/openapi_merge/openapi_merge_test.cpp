#include "http/openapi_merge/openapi_merge.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace huanxin::http::openapi {
namespace {

namespace json = boost::json;

const char* kBase = R"({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
  "components": {"schemas": {"Error": {"type": "object"}}}})";

std::string Errors(const MergeResult& r) {
  std::string s;
  for (const auto& e : r.errors) s += e + "\n";
  return s;
}

bool HasError(const MergeResult& r, const std::string& needle) {
  return Errors(r).find(needle) != std::string::npos;
}

TEST(OpenApiMerge, MergesContextsInNameOrderWithTheBaseFirst) {
  auto r = Merge({
      {"b.json", R"({"tags": [{"name": "b"}], "paths": {"/b": {"get": {"responses": {}}}}})"},
      {"a.json", R"({"tags": [{"name": "a"}], "paths": {"/a": {"post": {"responses": {}}, "get": {"responses": {}}}},
                     "components": {"schemas": {"A": {"$ref": "#/components/schemas/Error"}}}})"},
      {kBaseName, kBase},
  });
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const auto& doc = r.document.as_object();
  EXPECT_EQ(doc.begin()->key(), "openapi");
  EXPECT_EQ(json::serialize(doc.at("tags")), R"([{"name":"a"},{"name":"b"}])");
  // Methods in OpenAPI order whatever the file's order.
  EXPECT_EQ(doc.at("paths").at("/a").as_object().begin()->key(), "get");
  EXPECT_EQ(json::serialize(doc.at("components").at("schemas")),
            R"({"A":{"$ref":"#/components/schemas/Error"},"Error":{"type":"object"}})");
}

TEST(OpenApiMerge, OnePathMaySpanFilesButNotOneMethod) {
  auto split = Merge({{kBaseName, kBase},
                      {"a.json", R"({"paths": {"/x": {"get": {"responses": {}}}}})"},
                      {"b.json", R"({"paths": {"/x": {"put": {"responses": {}}}}})"}});
  ASSERT_TRUE(split.errors.empty()) << Errors(split);
  EXPECT_EQ(split.document.at("paths").at("/x").as_object().size(), 2u);

  auto twice = Merge({{kBaseName, kBase},
                      {"a.json", R"({"paths": {"/x": {"get": {"responses": {}}}}})"},
                      {"b.json", R"({"paths": {"/x": {"get": {"responses": {"200": {}}}}}})"}});
  EXPECT_TRUE(HasError(twice, "b.json: GET /x is also defined in a.json")) << Errors(twice);
  EXPECT_TRUE(twice.document.is_null());
}

TEST(OpenApiMerge, SameComponentTwiceOnlyWithTheSameContent) {
  auto same = Merge({{kBaseName, kBase}, {"a.json", R"({"components": {"schemas": {"Error": {"type": "object"}}}})"}});
  EXPECT_TRUE(same.errors.empty()) << Errors(same);
  auto differs =
      Merge({{kBaseName, kBase}, {"a.json", R"({"components": {"schemas": {"Error": {"type": "string"}}}})"}});
  EXPECT_TRUE(HasError(differs, "a.json: component schemas/Error is also defined, with different content, in _base.json"))
      << Errors(differs);
}

TEST(OpenApiMerge, RefusesBadJsonAndUnknownKeys) {
  auto bad = Merge({{kBaseName, kBase}, {"a.json", "{\n  \"paths\": {,}\n}"}});
  EXPECT_TRUE(HasError(bad, "a.json: not valid JSON at line 2")) << Errors(bad);
  auto trailing = Merge({{kBaseName, kBase}, {"a.json", "{} {}"}});
  EXPECT_TRUE(HasError(trailing, "a.json: not valid JSON")) << Errors(trailing);
  auto array = Merge({{kBaseName, kBase}, {"a.json", "[]"}});
  EXPECT_TRUE(HasError(array, "a.json: the top level is not a JSON object")) << Errors(array);
  auto unknown = Merge({{kBaseName, kBase}, {"a.json", R"({"info": {}, "path": {}})"}});
  EXPECT_TRUE(HasError(unknown, "a.json: unknown top-level key \"info\"")) << Errors(unknown);
  EXPECT_TRUE(HasError(unknown, "a.json: unknown top-level key \"path\"")) << Errors(unknown);
  auto section = Merge({{kBaseName, kBase}, {"a.json", R"({"components": {"schema": {}}})"}});
  EXPECT_TRUE(HasError(section, "unknown components section \"schema\"")) << Errors(section);
  auto no_base = Merge({{"a.json", "{}"}});
  EXPECT_TRUE(HasError(no_base, "_base.json: missing")) << Errors(no_base);
}

TEST(OpenApiMerge, RefusesAKeyRepeatedInOneObject) {
  auto r = Merge({{kBaseName, kBase},
                  {"a.json", R"({"paths": {"/x": {"get": {"responses": {}, "x": [1, {"a": 1, "a": 2}]}}}})"}});
  EXPECT_TRUE(HasError(r, "a.json: repeated #/paths/~1x/get/x/1: key \"a\"")) << Errors(r);
}

TEST(OpenApiMerge, RefusesARefThatLeadsNowhere) {
  auto r = Merge({{kBaseName, kBase},
                  {"a.json", R"({"paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/components/responses/Gone"}}}}}})"}});
  EXPECT_TRUE(HasError(r, "a.json: $ref \"#/components/responses/Gone\" does not resolve")) << Errors(r);
}

TEST(OpenApiMerge, TagDefinedTwiceMustAgree) {
  auto r = Merge({{kBaseName, kBase},
                  {"a.json", R"({"tags": [{"name": "t", "description": "one"}]})"},
                  {"b.json", R"({"tags": [{"name": "t", "description": "two"}]})"}});
  EXPECT_TRUE(HasError(r, "b.json: tag \"t\" is also defined, differently, in a.json")) << Errors(r);
}

TEST(OpenApiMerge, PrettyPrintsLikePythonJsonDumpsIndent2) {
  auto v = json::parse(R"({"a": [1, 85.37, 3.0, 12850.5, -2, "焕新\n\"x\""], "b": {}, "c": [], "d": null})");
  EXPECT_EQ(PrettyPrint(v),
            "{\n  \"a\": [\n    1,\n    85.37,\n    3.0,\n    12850.5,\n    -2,\n    \"焕新\\n\\\"x\\\"\"\n  ],\n"
            "  \"b\": {},\n  \"c\": [],\n  \"d\": null\n}\n");
}

}  // namespace
}  // namespace huanxin::http::openapi
