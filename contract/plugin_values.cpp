#include "contract/plugin_values.h"

#include "contract/detail/json_path.h"
#include "contract/names.h"
#include "contract/json_text.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kRoot = "$";
constexpr std::string_view kAbsent = "absent";
constexpr std::string_view kString = "string";
constexpr std::string_view kStrings = "array of strings";
constexpr std::string_view kStringMap = "object of strings";
constexpr std::string_view kObject = "object";

void add(std::vector<Finding>& findings, FindingKind kind, std::string path,
         std::string_view expected, std::string actual) {
  findings.push_back(Finding{kind, std::move(path), std::string(expected), std::move(actual)});
}

void wrong_type(std::vector<Finding>& findings, std::string path, std::string_view expected,
                const json::value& actual) {
  add(findings, FindingKind::wrong_type, std::move(path), expected, json_excerpt(actual));
}

// Reads the keys of a record the way the view says. `lookup` finds the value
// for an IDL key (or reports it missing); `finish` reports keys nobody asked for.
class RecordReader {
 public:
  RecordReader(const json::object& object, View view, bool case_insensitive_in_xapi,
               std::vector<Finding>& findings)
      : object_(object),
        view_(view),
        case_insensitive_(view == View::xapi && case_insensitive_in_xapi),
        findings_(findings) {}

  // The value for IDL key `key`, or null after recording why there is none.
  const json::value* lookup(std::string_view key, std::string_view expected) {
    claimed_.emplace_back(key);
    // rpclib's unmarshal of a struct lower-cases every key and reads the
    // first match in document order (rpcmarshal.ml, case Struct).
    if (case_insensitive_)
      for (const auto& member : object_)
        if (equals_ignoring_case(member.key(), key)) return &member.value();
    if (const json::value* exact = object_.if_contains(key)) return exact;
    const std::string path = detail::member_path(kRoot, key);
    for (const auto& member : object_) {
      if (!equals_ignoring_case(member.key(), key)) continue;
      if (view_ == View::strict) {
        add(findings_, FindingKind::key_spelling, detail::member_path(kRoot, member.key()), key,
            std::string(member.key()));
        misspelled_.emplace_back(member.key());
      }
      break;
    }
    add(findings_, FindingKind::missing_key, path, expected, std::string(kAbsent));
    return nullptr;
  }

  // In the strict view, every key that is not an IDL key (and was not
  // already reported as a misspelling) is an unknown_key finding.
  void finish() {
    if (view_ != View::strict) return;
    for (const auto& member : object_) {
      const std::string_view k = member.key();
      if (contains(claimed_, k) || contains(misspelled_, k)) continue;
      add(findings_, FindingKind::unknown_key, detail::member_path(kRoot, k), "",
          json_excerpt(member.value()));
    }
  }

 private:
  static bool contains(const std::vector<std::string>& keys, std::string_view key) {
    for (const auto& k : keys)
      if (k == key) return true;
    return false;
  }

  const json::object& object_;
  View view_;
  bool case_insensitive_;
  std::vector<Finding>& findings_;
  std::vector<std::string> claimed_;
  std::vector<std::string> misspelled_;
};

std::optional<std::string> read_string(const json::value* value, const std::string& path,
                                       std::vector<Finding>& findings) {
  if (value == nullptr) return std::nullopt;
  if (const json::string* s = value->if_string()) return std::string(*s);
  wrong_type(findings, path, kString, *value);
  return std::nullopt;
}

// An array of strings; one finding per bad element.
std::optional<std::vector<std::string>> read_strings(const json::value* value,
                                                     const std::string& path,
                                                     std::vector<Finding>& findings) {
  if (value == nullptr) return std::nullopt;
  const json::array* arr = value->if_array();
  if (arr == nullptr) {
    wrong_type(findings, path, kStrings, *value);
    return std::nullopt;
  }
  std::vector<std::string> out;
  out.reserve(arr->size());
  bool ok = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if (const json::string* s = (*arr)[i].if_string()) {
      out.emplace_back(*s);
    } else {
      wrong_type(findings, detail::index_path(path, i), kString, (*arr)[i]);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

// An object whose values are strings; one finding per bad value.
std::optional<std::vector<std::pair<std::string, std::string>>> read_string_map(
    const json::value* value, const std::string& path, std::vector<Finding>& findings) {
  if (value == nullptr) return std::nullopt;
  const json::object* obj = value->if_object();
  if (obj == nullptr) {
    wrong_type(findings, path, kStringMap, *value);
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(obj->size());
  bool ok = true;
  for (const auto& member : *obj) {
    if (const json::string* s = member.value().if_string()) {
      out.emplace_back(std::string(member.key()), std::string(*s));
    } else {
      wrong_type(findings, detail::member_path(path, member.key()), kString, member.value());
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

template <class T>
Decoded<T> finish(std::optional<T> value, std::vector<Finding> findings) {
  Decoded<T> decoded;
  // Both views reject on any finding: the xapi view records nothing it would accept.
  if (findings.empty() && value.has_value()) decoded.value = std::move(value);
  decoded.findings = std::move(findings);
  return decoded;
}

}  // namespace

std::string_view to_string(View view) {
  switch (view) {
    case View::xapi: return "xapi";
    case View::strict: return "strict";
  }
  return "unknown";
}

Decoded<QueryResult> decode_query_result(const json::value& json, View view) {
  std::vector<Finding> findings;
  const json::object* obj = json.if_object();
  if (obj == nullptr) {
    wrong_type(findings, std::string(kRoot), kObject, json);
    return finish<QueryResult>(std::nullopt, std::move(findings));
  }
  RecordReader reader(*obj, view, /*case_insensitive_in_xapi=*/true, findings);
  auto field_path = [](std::string_view key) { return detail::member_path(kRoot, key); };
  auto str = [&](std::string_view key) {
    return read_string(reader.lookup(key, kString), field_path(key), findings);
  };

  auto plugin = str("plugin");
  auto name = str("name");
  auto description = str("description");
  auto vendor = str("vendor");
  auto copyright = str("copyright");
  auto version = str("version");
  auto required_api_version = str("required_api_version");
  auto features = read_strings(reader.lookup("features", kStrings), field_path("features"), findings);
  auto configuration = read_string_map(reader.lookup("configuration", kStringMap),
                                       field_path("configuration"), findings);
  auto required_cluster_stack =
      read_strings(reader.lookup("required_cluster_stack", kStrings),
                   field_path("required_cluster_stack"), findings);
  reader.finish();

  if (!findings.empty()) return finish<QueryResult>(std::nullopt, std::move(findings));
  QueryResult q;
  q.plugin = std::move(*plugin);
  q.name = std::move(*name);
  q.description = std::move(*description);
  q.vendor = std::move(*vendor);
  q.copyright = std::move(*copyright);
  q.version = std::move(*version);
  q.required_api_version = std::move(*required_api_version);
  q.features = std::move(*features);
  q.configuration = std::move(*configuration);
  q.required_cluster_stack = std::move(*required_cluster_stack);
  return finish<QueryResult>(std::move(q), std::move(findings));
}

Decoded<std::vector<std::string>> decode_srs(const json::value& json, View /*view*/) {
  // A list has no keys, so both views read it the same way.
  std::vector<Finding> findings;
  auto srs = read_strings(&json, std::string(kRoot), findings);
  return finish(std::move(srs), std::move(findings));
}

Decoded<std::string> decode_diagnostics(const json::value& json, View /*view*/) {
  std::vector<Finding> findings;
  auto text = read_string(&json, std::string(kRoot), findings);
  return finish(std::move(text), std::move(findings));
}

Decoded<CallArguments> decode_call_arguments(const json::value& json, View view) {
  std::vector<Finding> findings;
  const json::object* obj = json.if_object();
  if (obj == nullptr) {
    wrong_type(findings, std::string(kRoot), kObject, json);
    return finish<CallArguments>(std::nullopt, std::move(findings));
  }
  // rpclib's server and the generated Python dispatcher look "dbg" up by its
  // exact name, so argument keys are case-sensitive in both views.
  RecordReader reader(*obj, view, /*case_insensitive_in_xapi=*/false, findings);
  auto dbg = read_string(reader.lookup("dbg", kString), detail::member_path(kRoot, "dbg"), findings);
  reader.finish();
  if (!dbg) return finish<CallArguments>(std::nullopt, std::move(findings));
  return finish(std::optional<CallArguments>(CallArguments{std::move(*dbg)}), std::move(findings));
}

json::value to_json(const QueryResult& query) {
  auto strings = [](const std::vector<std::string>& items) {
    json::array arr;
    arr.reserve(items.size());
    for (const auto& s : items) arr.emplace_back(s);
    return arr;
  };
  json::object configuration;
  for (const auto& [key, description] : query.configuration) configuration[key] = description;

  json::object obj;
  obj["plugin"] = query.plugin;
  obj["name"] = query.name;
  obj["description"] = query.description;
  obj["vendor"] = query.vendor;
  obj["copyright"] = query.copyright;
  obj["version"] = query.version;
  obj["required_api_version"] = query.required_api_version;
  obj["features"] = strings(query.features);
  obj["configuration"] = std::move(configuration);
  obj["required_cluster_stack"] = strings(query.required_cluster_stack);
  return obj;
}

json::object to_json(const CallArguments& args) {
  json::object obj;
  obj["dbg"] = args.dbg;
  return obj;
}

}  // namespace smapi::contract
