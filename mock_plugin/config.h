#pragma once
// What smapi-mock answers, as read from a JSON config:
//
//   {"kind": "volume" | "datapath",
//    "methods": {"Plugin.query": ANSWER, "Plugin.ls": ANSWER,
//                "Plugin.diagnostics": ANSWER}}
//
// ANSWER is exactly one of
//   {"result": <any JSON>}
//   {"unimplemented": true}
//   {"error": {"code": "SR_BACKEND_FAILURE", "params": ["..."]}}
//
// Every key is optional. Method keys are wire names matched
// case-insensitively ("plugin.QUERY" is Plugin.query). What is absent comes
// from the built-in default for the kind (default_config). Results are not
// checked against the IDL: the mock can be told to answer anything. Duplicate
// JSON keys keep the last value (Boost.JSON's behaviour).

#include "contract/method.h"
#include "contract/reply.h"

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// Largest config file load_config_file reads. Real configs are a few KiB.
inline constexpr std::size_t kMaxConfigFileBytes = 1024 * 1024;

// The kind of plugin the mock pretends to be; it picks the built-in defaults
// and is recorded in a plugin directory's config.
enum class PluginKind { volume, datapath };

// "volume" / "datapath".
std::string_view to_string(PluginKind kind);
// The kind a word names, exactly as to_string spells it; nullopt otherwise.
std::optional<PluginKind> plugin_kind_from_string(std::string_view word);

// What the mock answers for one method.
struct Answer {
  enum class Kind { result, unimplemented, error };
  Kind kind = Kind::unimplemented;
  boost::json::value result;    // Kind::result: sent as given
  contract::PluginError error;  // Kind::error: code and params (raw unused)

  static Answer make_result(boost::json::value value);
  static Answer make_unimplemented();
  static Answer make_error(std::string code, std::vector<std::string> params);

  // Same kind and same payload (error.raw is ignored).
  friend bool operator==(const Answer& a, const Answer& b);
};

// A fully resolved config: one answer for every method.
struct MockConfig {
  PluginKind kind = PluginKind::volume;
  std::array<Answer, contract::kAllMethods.size()> answers;

  const Answer& answer(contract::Method method) const;
  Answer& answer(contract::Method method);

  friend bool operator==(const MockConfig&, const MockConfig&) = default;
};

// The built-in behaviour of a conformant plugin of the given kind.
MockConfig default_config(PluginKind kind = PluginKind::volume);

// The default Plugin.query result for a kind, as JSON.
boost::json::value default_query_result(PluginKind kind);

// A config, or a one-line reason it could not be read.
struct ConfigLoad {
  std::optional<MockConfig> config;
  // Set when config is not, always starting "config: ", e.g.
  // "config: $.methods.Plugin.ls: expected one of result, unimplemented, error",
  // "config: unknown key $.methodz".
  std::string error;
};

// Parses config text. kind_override, when set, replaces the text's "kind"
// (the command line wins) before defaults are filled in.
ConfigLoad parse_config(std::string_view text,
                        std::optional<PluginKind> kind_override = std::nullopt);

// Reads and parses a config file of at most kMaxConfigFileBytes. Errors name
// the path: "config: cannot read /x.json: No such file or directory".
ConfigLoad load_config_file(const std::string& path,
                            std::optional<PluginKind> kind_override = std::nullopt);

// The config as JSON, every method written out; parse_config reads it back
// to an equal config.
boost::json::value to_json(const MockConfig& config);

}  // namespace smapi::mock
