// hx-openapi-merge --out MERGED.json PART.json... — the build step that turns src/http/openapi/*.json
// into the one document the server embeds (see openapi_merge.hpp for the rules, and
// src/http/openapi/README.md). Exit 0 and MERGED.json written; or exit 1, every problem on stderr
// and MERGED.json removed, so the build stops and cannot embed a stale document.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "http/openapi_merge/openapi_merge.hpp"

namespace fs = std::filesystem;
using huanxin::http::openapi::Part;

int main(int argc, char** argv) {
  std::string out;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else {
      inputs.push_back(a);
    }
  }
  if (out.empty() || inputs.empty()) {
    std::cerr << "usage: hx-openapi-merge --out MERGED.json PART.json...\n";
    return 2;
  }
  std::vector<Part> parts;
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "openapi merge: error: cannot read " << path << "\n";
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    parts.push_back(Part{fs::path(path).filename().string(), text.str()});
  }
  auto result = huanxin::http::openapi::Merge(std::move(parts));
  if (!result.errors.empty()) {
    std::error_code ignored;
    fs::remove(out, ignored);
    for (const auto& e : result.errors) std::cerr << "openapi merge: error: " << e << "\n";
    std::cerr << "openapi merge: " << result.errors.size() << " error(s) in " << fs::path(inputs[0]).parent_path().string()
              << "; nothing written\n";
    return 1;
  }
  // Write beside, then rename: a reader never sees half a document.
  std::string tmp = out + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o << huanxin::http::openapi::PrettyPrint(result.document);
    if (!o.flush()) {
      std::cerr << "openapi merge: error: cannot write " << tmp << "\n";
      return 1;
    }
  }
  fs::rename(tmp, out);
  return 0;
}
