#pragma once
// A plugin that has no script for some methods, as a config says it
// ("no_script": [METHOD, ...], config.h) and as xapi sees it.
//
// xen-api ocaml/xapi-storage-script/main.ml (Script.path, fork_exec_rpc)
// looks a method's script up by name, in any case; when the plugin directory
// has no such file the call fails with
//   Backend_error ("SCRIPT_MISSING", [PATH; "Check whether the file exists and has correct permissions"])
// (its `missing` default, a no-op answer, is only for the old PVS plugin's
// Volume.set and Volume.unset). main.ml also derives an SR's capabilities
// from which SR.* scripts exist, so a plugin directory made from such a
// config leaves these scripts out (plugin_dir.h), and every other transport
// answers them with that error: the one xapi-storage-script makes of the
// exec error record {"code": "SCRIPT_MISSING", "params": [...]}.

#include "mock_plugin/config.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// The error code and hint of xapi-storage-script's SCRIPT_MISSING (main.ml).
inline constexpr std::string_view kScriptMissingCode = "SCRIPT_MISSING";
inline constexpr std::string_view kScriptMissingHint = "Check whether the file exists and has correct permissions";

// The answer for a method without a script: SCRIPT_MISSING with params
// [SCRIPT, kScriptMissingHint]. SCRIPT is the script's name (Plugin.Query,
// SR.stat) where xapi names its path: a transport other than exec has no
// directory.
Answer script_missing_answer(std::string_view wire_name);

// Every method a config names, spelled as config.h writes them, in its
// order: Plugin.query, Plugin.ls, Plugin.diagnostics, then the IDL's.
const std::vector<std::string_view>& config_methods();

// The config method a name stands for (case-insensitively), spelled as
// config.h writes it: "plugin.QUERY" -> "Plugin.query", "sr.STAT" ->
// "SR.stat"; "" when it names none.
std::string_view config_method_named(std::string_view name);

// Reads the config's "no_script" value into `config.no_script` (the
// methods in config.h's order, wire names) and gives each its
// script_missing_answer. `methods` is the config's "methods" object (or
// null): a method cannot both lack a script and be answered there, nor have
// rules from a scenario. Returns "" or an error naming the JSON path, e.g.
// "$.no_script[1]: unknown method \"SR.frob\" (...)".
std::string apply_no_script(const boost::json::value& list, const boost::json::object* methods,
                            MockConfig& config);

// Whether the config says the plugin has no script for `wire_name`.
bool has_no_script(const MockConfig& config, std::string_view wire_name);

}  // namespace smapi::mock
