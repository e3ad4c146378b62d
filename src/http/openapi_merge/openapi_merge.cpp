#include "http/openapi_merge/openapi_merge.hpp"

#include <algorithm>
#include <array>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <charconv>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace huanxin::http::openapi {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 8> kBaseKeys = {"openapi", "info",     "servers", "security",
                                                       "externalDocs", "tags", "paths", "components"};
constexpr std::array<std::string_view, 3> kContextKeys = {"tags", "paths", "components"};
// OpenAPI 3.0.3 §4.7.9, in the specification's order.
constexpr std::array<std::string_view, 8> kMethods = {"get",     "put",  "post",  "delete",
                                                      "options", "head", "patch", "trace"};
constexpr std::array<std::string_view, 4> kPathItemKeys = {"summary", "description", "servers", "parameters"};
// OpenAPI 3.0.3 §4.7.7, in the specification's order.
constexpr std::array<std::string_view, 9> kSections = {"schemas", "responses",       "parameters",
                                                       "examples", "requestBodies",  "headers",
                                                       "securitySchemes", "links",   "callbacks"};

template <std::size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

template <std::size_t N>
std::string Join(const std::array<std::string_view, N>& set) {
  std::string out;
  for (auto s : set) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// RFC 6901: "~" → "~0", "/" → "~1".
std::string EscapePointer(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

// A second pass over the text that only looks for a key repeated inside one object: Boost.JSON's
// parser keeps one of the two silently, and in a hand-edited file that is a lost example or schema.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  std::vector<std::string> duplicates;  // "<pointer of the object>: key \"k\""

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) {
    Value();
    frames_.push_back(Frame{true, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    frames_.pop_back();
    return true;
  }
  bool on_object_begin(json::error_code&) {
    Value();
    frames_.push_back(Frame{false, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    frames_.pop_back();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return Value(); }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    auto& f = frames_.back();
    if (!f.keys.insert(key_).second) duplicates.push_back(Pointer() + ": key \"" + key_ + "\"");
    f.key = std::move(key_);
    key_.clear();
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return Value(); }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return Value(); }
  bool on_double(double, json::string_view, json::error_code&) { return Value(); }
  bool on_bool(bool, json::error_code&) { return Value(); }
  bool on_null(json::error_code&) { return Value(); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct Frame {
    bool array;
    std::size_t next;   // index the next element of an array gets
    std::string key;    // the key of the member being read in an object
    std::set<std::string> keys;
  };
  // Called at the start of every value: advances the index of the enclosing array.
  bool Value() {
    if (!frames_.empty() && frames_.back().array) frames_.back().key = std::to_string(frames_.back().next++);
    return true;
  }
  // The pointer of the innermost open object (the one whose key is repeated).
  std::string Pointer() const {
    std::string p = "#";
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) p += "/" + EscapePointer(frames_[i].key);
    return p;
  }
  std::vector<Frame> frames_;
  std::string key_;
};

// "line L, column C" of byte `offset` (columns count bytes, from 1).
std::string Position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Parses one part; on failure appends the reasons to `errors` and returns null.
json::value ParsePart(const Part& part, std::vector<std::string>& errors) {
  json::stream_parser p;
  json::error_code ec;
  // write, not write_some: text after the first value is an error (extra_data), not ignored.
  std::size_t n = p.write(part.text.data(), part.text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    errors.push_back(part.name + ": not valid JSON at " + Position(part.text, n) + ": " + ec.message());
    return nullptr;
  }
  json::value v = p.release();
  json::basic_parser<DuplicateKeyFinder> dup{json::parse_options{}};
  dup.write_some(false, part.text.data(), part.text.size(), ec);
  for (const auto& d : dup.handler().duplicates) errors.push_back(part.name + ": repeated " + d);
  if (!v.is_object()) {
    errors.push_back(part.name + ": the top level is not a JSON object");
    return nullptr;
  }
  return v;
}

void CollectRefs(const json::value& v, std::set<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& [k, x] : *o) {
      if (k == "$ref" && x.is_string()) {
        out.insert(std::string(x.get_string()));
      } else {
        CollectRefs(x, out);
      }
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& x : *a) CollectRefs(x, out);
  }
}

// Resolves a local reference "#/a/b~1c" in `doc`; false when it leads nowhere.
bool Resolves(const json::value& doc, std::string_view ref) {
  if (ref.substr(0, 1) != "#") return true;  // not local: not this tool's business
  ref.remove_prefix(1);
  if (ref.empty()) return true;
  // RFC 6901 inside a URI fragment; percent-encoding does not occur in our names and is not decoded.
  std::string pointer(ref);
  json::error_code ec;
  return doc.find_pointer(pointer, ec) != nullptr;
}

class Merger {
 public:
  explicit Merger(std::vector<std::string>& errors) : errors_(errors) {}

  void Add(const std::string& name, const json::object& part, bool is_base) {
    for (const auto& [k, v] : part) {
      bool allowed = is_base ? OneOf(kBaseKeys, k) : OneOf(kContextKeys, k);
      if (!allowed) {
        errors_.push_back(name + ": unknown top-level key \"" + std::string(k) + "\" (allowed: " +
                          (is_base ? Join(kBaseKeys) : Join(kContextKeys)) + ")");
        continue;
      }
      if (k == "tags") {
        AddTags(name, v);
      } else if (k == "paths") {
        AddPaths(name, v);
      } else if (k == "components") {
        AddComponents(name, v);
      } else {
        head_[std::string(k)] = v;
      }
    }
    if (is_base) {
      for (const char* required : {"openapi", "info"}) {
        if (!part.contains(required)) errors_.push_back(name + ": the base file must define \"" + required + "\"");
      }
    }
  }

  json::value Document() const {
    json::object doc;
    for (const char* k : {"openapi", "info", "servers", "security", "externalDocs"}) {
      if (auto it = head_.find(k); it != head_.end()) doc[k] = it->second;
    }
    if (!tags_.empty()) doc["tags"] = tags_;
    json::object paths;
    for (const auto& [path, entries] : paths_) {
      json::object item;
      for (auto k : kPathItemKeys) {
        if (auto it = entries.find(std::string(k)); it != entries.end()) item[k] = it->second.value;
      }
      for (auto m : kMethods) {
        if (auto it = entries.find(std::string(m)); it != entries.end()) item[m] = it->second.value;
      }
      paths[path] = std::move(item);
    }
    doc["paths"] = std::move(paths);
    json::object components;
    for (auto s : kSections) {
      auto it = components_.find(std::string(s));
      if (it == components_.end()) continue;
      json::object section;
      for (const auto& [n, e] : it->second) section[n] = e.value;
      components[s] = std::move(section);
    }
    if (!components.empty()) doc["components"] = std::move(components);
    return doc;
  }

 private:
  struct Entry {
    std::string file;
    json::value value;
  };

  void AddTags(const std::string& name, const json::value& v) {
    if (!v.is_array()) {
      errors_.push_back(name + ": \"tags\" is not an array");
      return;
    }
    for (const auto& t : v.get_array()) {
      const auto* tag = t.if_object();
      const auto* tag_name = tag ? tag->if_contains("name") : nullptr;
      if (!tag_name || !tag_name->is_string()) {
        errors_.push_back(name + ": a tag is not an object with a string \"name\"");
        continue;
      }
      std::string n(tag_name->get_string());
      auto [it, fresh] = tag_files_.try_emplace(n, Entry{name, t});
      if (fresh) {
        tags_.push_back(t);
      } else if (it->second.value != t) {
        errors_.push_back(name + ": tag \"" + n + "\" is also defined, differently, in " + it->second.file);
      }
    }
  }

  void AddPaths(const std::string& name, const json::value& v) {
    if (!v.is_object()) {
      errors_.push_back(name + ": \"paths\" is not an object");
      return;
    }
    for (const auto& [path, item] : v.get_object()) {
      std::string p(path);
      if (p.empty() || p[0] != '/') errors_.push_back(name + ": path \"" + p + "\" does not start with \"/\"");
      if (!item.is_object()) {
        errors_.push_back(name + ": path " + p + " is not an object");
        continue;
      }
      auto& entries = paths_[p];
      for (const auto& [k, x] : item.get_object()) {
        std::string key(k);
        bool method = OneOf(kMethods, key);
        if (!method && !OneOf(kPathItemKeys, key)) {
          errors_.push_back(name + ": path " + p + " has unknown key \"" + key + "\" (allowed: " + Join(kMethods) +
                            ", " + Join(kPathItemKeys) + "; no $ref)");
          continue;
        }
        auto [it, fresh] = entries.try_emplace(key, Entry{name, x});
        if (fresh) continue;
        if (method) {
          errors_.push_back(name + ": " + Upper(key) + " " + p + " is also defined in " + it->second.file);
        } else if (it->second.value != x) {
          errors_.push_back(name + ": \"" + key + "\" of path " + p + " differs from the one in " + it->second.file);
        }
      }
    }
  }

  void AddComponents(const std::string& name, const json::value& v) {
    if (!v.is_object()) {
      errors_.push_back(name + ": \"components\" is not an object");
      return;
    }
    for (const auto& [s, section] : v.get_object()) {
      std::string sec(s);
      if (!OneOf(kSections, sec)) {
        errors_.push_back(name + ": unknown components section \"" + sec + "\" (allowed: " + Join(kSections) + ")");
        continue;
      }
      if (!section.is_object()) {
        errors_.push_back(name + ": components." + sec + " is not an object");
        continue;
      }
      auto& entries = components_[sec];
      for (const auto& [n, x] : section.get_object()) {
        auto [it, fresh] = entries.try_emplace(std::string(n), Entry{name, x});
        if (!fresh && it->second.value != x) {
          errors_.push_back(name + ": component " + sec + "/" + std::string(n) +
                            " is also defined, with different content, in " + it->second.file);
        }
      }
    }
  }

  std::vector<std::string>& errors_;
  std::map<std::string, json::value> head_;
  json::array tags_;
  std::map<std::string, Entry> tag_files_;
  std::map<std::string, std::map<std::string, Entry>> paths_;       // path → key → entry
  std::map<std::string, std::map<std::string, Entry>> components_;  // section → name → entry
};

void Print(const json::value& v, std::string& out, int depth) {
  auto newline = [&](int d) {
    out += '\n';
    out.append(static_cast<std::size_t>(2 * d), ' ');
  };
  switch (v.kind()) {
    case json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [k, x] : o) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        out += json::serialize(json::string_view(k));
        out += ": ";
        Print(x, out, depth + 1);
      }
      newline(depth);
      out += '}';
      return;
    }
    case json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& x : a) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        Print(x, out, depth + 1);
      }
      newline(depth);
      out += ']';
      return;
    }
    case json::kind::double_: {
      // Shortest text that reads back as the same double (Boost.JSON would write 8.537E1 for
      // 85.37); a whole number keeps ".0" so it still reads as written.
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
      std::string s(buf, ec == std::errc() ? end : buf);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      out += s;
      return;
    }
    case json::kind::string:
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::bool_:
    case json::kind::null:
      out += json::serialize(v);
      return;
  }
}

}  // namespace

MergeResult Merge(std::vector<Part> parts) {
  MergeResult result;
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
    bool a_base = a.name == kBaseName, b_base = b.name == kBaseName;
    if (a_base != b_base) return a_base;
    return a.name < b.name;
  });
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].name == parts[i - 1].name) result.errors.push_back(parts[i].name + ": given twice");
  }
  if (parts.empty() || parts.front().name != kBaseName) {
    result.errors.push_back(std::string(kBaseName) + ": missing (the base file is required)");
  }
  std::vector<json::value> parsed;
  for (const auto& p : parts) parsed.push_back(ParsePart(p, result.errors));
  if (!result.errors.empty()) return result;

  Merger merger(result.errors);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    merger.Add(parts[i].name, parsed[i].get_object(), parts[i].name == kBaseName);
  }
  if (!result.errors.empty()) return result;
  json::value doc = merger.Document();

  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::set<std::string> refs;
    CollectRefs(parsed[i], refs);
    for (const auto& r : refs) {
      if (!Resolves(doc, r)) {
        result.errors.push_back(parts[i].name + ": $ref \"" + r + "\" does not resolve in the merged document");
      }
    }
  }
  if (result.errors.empty()) result.document = std::move(doc);
  return result;
}

std::string PrettyPrint(const json::value& v) {
  std::string out;
  Print(v, out, 0);
  out += '\n';
  return out;
}

}  // namespace huanxin::http::openapi
