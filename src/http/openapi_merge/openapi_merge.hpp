// Merging the API description from one JSON file per context (src/http/openapi/*.json) into the
// one OpenAPI 3.0 document the server embeds and serves at GET /api/v1/openapi.json (issue #11).
//
// A build-time tool: the functions here are pure (text in, text out) so the merge rules can be
// tested without files; main.cpp reads and writes the files.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace huanxin::http::openapi {

// One source file: `name` is its file name (no folder), used to order the parts and in messages.
struct Part {
  std::string name;
  std::string text;
};

// The file that holds what is not a context's: openapi, info, servers, security schemes and the
// shared components. It must be present and is merged first.
inline constexpr const char* kBaseName = "_base.json";

struct MergeResult {
  boost::json::value document;      // null when errors is not empty
  std::vector<std::string> errors;  // every problem found, each "file: what", in a stable order
};

// Merges `parts` into one document. The parts are ordered by name with kBaseName first, whatever
// order they come in, so the result does not depend on how a directory listing was sorted.
//
// Rules (each broken rule is one entry in `errors`; nothing is merged then):
//  - every part is valid JSON, an object, without a key repeated inside one object;
//  - top-level keys: the base may hold openapi, info, servers, security, externalDocs, tags, paths,
//    components (openapi and info required); a context file only tags, paths, components;
//  - tags are concatenated in part order; one tag name defined twice must have the same content;
//  - a path may appear in several parts, but each (path, method) in one only; its other keys
//    (summary, description, servers, parameters) must agree where repeated;
//  - components sections are the OpenAPI 3.0 ones; a name may be defined in several parts only
//    with the same content;
//  - every local `$ref` ("#/...") of a part resolves in the merged document.
// Output order is deterministic: openapi, info, servers, security, externalDocs, tags, paths
// sorted by path (in a path, other keys first, then methods in OpenAPI order), components by
// section in OpenAPI order, names sorted; everything below keeps its source order.
MergeResult Merge(std::vector<Part> parts);

// `v` as JSON text indented by two spaces, one member per line, ending in a newline: the layout
// of Python's json.dumps(indent=2, ensure_ascii=False), so line numbers in linter messages mean
// something. Non-ASCII is written as UTF-8; doubles in their shortest round-trip form.
std::string PrettyPrint(const boost::json::value& v);

}  // namespace huanxin::http::openapi
