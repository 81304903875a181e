#pragma once
// The values of the Plugin interface (query_result, srs, diagnostics, the call
// arguments) and their decoding in two views. Pure: JSON in, values out.

#include "contract/finding.h"

#include <boost/json/value.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smapi::contract {

// How to read a value.
//  xapi:   what production xapi accepts: record keys match case-insensitively,
//          unknown keys are ignored; a missing key or wrong type rejects.
//  strict: the IDL exactly: exact key spelling, and unknown keys are findings
//          that reject.
enum class View { xapi, strict };

std::string_view to_string(View view);

// Properties of a plugin, as Plugin.query returns them.
struct QueryResult {
  std::string plugin;
  std::string name;
  std::string description;
  std::string vendor;
  std::string copyright;
  std::string version;
  std::string required_api_version;
  std::vector<std::string> features;
  // device_config key -> description, in the order the plugin sent them.
  std::vector<std::pair<std::string, std::string>> configuration;
  std::vector<std::string> required_cluster_stack;

  friend bool operator==(const QueryResult&, const QueryResult&) = default;
};

// The ten query_result keys in IDL order.
inline constexpr std::array<std::string_view, 10> kQueryResultKeys{
    "plugin",  "name",    "description",          "vendor",   "copyright",
    "version", "required_api_version", "features", "configuration",
    "required_cluster_stack"};

// The arguments every Plugin method takes.
struct CallArguments {
  std::string dbg;
};

// The decoders check keys and JSON types, and report every finding (paths
// like "$.features[2]"). They do not judge values (feature names, API
// versions): that is the suites' work. In both views a value is set exactly
// when there are no findings.
Decoded<QueryResult> decode_query_result(const boost::json::value& json, View view);
// Plugin.ls: the attached SRs, a list of strings.
Decoded<std::vector<std::string>> decode_srs(const boost::json::value& json, View view);
// Plugin.diagnostics: a string.
Decoded<std::string> decode_diagnostics(const boost::json::value& json, View view);
// The arguments object a plugin receives: {"dbg": "..."}. Unknown keys are
// ignored in the xapi view, as rpclib's server does. "dbg" is matched by its
// exact name in both views (rpclib and the Python bindings look it up so).
Decoded<CallArguments> decode_call_arguments(const boost::json::value& json, View view);

boost::json::value to_json(const QueryResult& query);
boost::json::object to_json(const CallArguments& args);

}  // namespace smapi::contract
