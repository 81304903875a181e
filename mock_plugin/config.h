#pragma once
// What smapi-mock answers, as read from a JSON config. This comment is the
// reference for the format.
//
//   {"kind": "volume" | "datapath",
//    "seed": N,
//    "scenarios": ["sr-full", ...],
//    "no_script": ["Plugin.ls", "SR.stat", ...],
//    "methods": {"Plugin.query": METHOD, "Plugin.ls": METHOD,
//                "Plugin.diagnostics": METHOD, "SR.create": METHOD, ...}}
//
// Every key is optional. Method keys are wire names matched
// case-insensitively ("plugin.QUERY" is Plugin.query): the three Plugin
// methods, and every method of the IDL's SR, Volume, Datapath and Data
// interfaces ("SR.create", "Volume.snapshot", "Datapath.attach", ...; the list
// is storage::Storage::methods()). A Plugin method's absent answer comes from
// the built-in default for the kind (default_config): for Plugin.ls that is
// {"from_storage": true}, the SRs the in-memory storage has attached; a
// storage method that no rule answers is answered by the in-memory storage
// (storage/storage.h), statefully, with the applying rule's faults on top.
// Results are not checked against the IDL: the mock can be told to answer
// anything. Duplicate JSON keys keep the last value (Boost.JSON's behaviour).
//
// "scenarios" names presets (scenarios.h: sr-full, slow-attach,
// vanishing-volume, restart-forgets-srs); each adds its rules after the
// config's own rules for the same methods. to_json writes the rules out,
// not the names.
//
// "no_script" names methods the plugin has no script for (method names as
// in "methods", each once; none of them may be in "methods" or get rules
// from a scenario). `smapi-mock plugin-dir` leaves their scripts out, and
// every other transport answers them with the error xapi-storage-script
// makes of a missing script, ["SCRIPT_MISSING", SCRIPT, "Check whether the
// file exists and has correct permissions"] (no_script.h).
//
// METHOD is an ANSWER (config v1, still valid) or an array of RULEs (v2).
// ANSWER is exactly one of
//   {"result": <any JSON>}
//   {"unimplemented": true}
//   {"error": {"code": "SR_BACKEND_FAILURE", "params": ["..."]}}
//   {"from_storage": true}   Plugin.ls and the storage methods only: the
//                            in-memory storage answers. For Plugin.ls that is
//                            the SRs attached now, each once, in byte order
//                            (xen-api ocaml/xapi-storage/generator/lib/plugin.ml,
//                            ls: "a list of attached SRs"); it is Plugin.ls's
//                            default, so GET /_mock/config and a plugin
//                            directory's .smapi-mock.json show it. For a
//                            storage method it is what no answer does.
//
// RULEs are tried in order for every call of the method; the first that
// applies decides the call; when none applies the call gets the kind's
// default answer, well-behaved. A RULE is an object of
//   "match": {NAME: VALUE, ..., "dbg_prefix": "ci-"}   optional; every member
//            must hold: the call argument NAME equals VALUE (JSON equality),
//            and "dbg_prefix" asks for a string dbg starting with the text
//            ("dbg_prefix": "" is every call whose arguments are accepted),
//            and "arguments": "refused" | "accepted" asks for calls whose
//            arguments the mock refuses (not an object, no string dbg) or not.
//   "times": N          optional; the rule applies to its first N matching
//                       calls, then falls through to the next rules.
//   "probability": P    optional, 0 <= P <= 1; the rule applies to a matching
//                       call when the next draw of the config's generator is
//                       below P (see "seed").
//   then either the STEP members directly (the rule always does the same),
//   or "sequence": [STEP, ...] with "then": "repeat_last" (default) |
//   "cycle": the n-th call the rule applies to takes the n-th step; after
//   the last step it stays there (repeat_last) or starts over (cycle).
// A STEP is an object of an optional answer (the ANSWER members "result",
// "unimplemented", "error" or "from_storage"; absent = the kind's default
// answer) and optional faults (Fault in fault.h):
//   "delay_ms": N            wait N ms (at most kMaxDelayMs) before answering
//   "hang": true             never answer (HTTP: keep the connection; exec: sleep)
//   "close": true            close the connection without a reply (exec: exit, no output)
//   "reset": true            reset the connection (exec: exit, no output)
//   "http_status": N         HTTP status 100..599 instead of 200
//   "body": "garbage" | "truncated" | "wrong_id" | "both_members" |
//           "trailing_garbage" | "empty"      mangle the reply (mutation.h)
//   "remove_field": NAME     drop a member of an object result (exec: or error object)
//   "retype_field": NAME     give that member a value of the wrong JSON type
//   "rename_field": {"from": NAME, "to": NAME}
//   "set_field": {NAME: VALUE, ...}   set members of an object result
//   "invalid_utf8": true     a 0xFF byte after a string result (or each string member)
//   "error_value": [...]     HTTP: the error member / ErrorDescription sent for an
//                            error answer instead of [code, params...]
//   "exit_code": N           exec: exit status 0..255 instead of 0 / 1
//   "stderr": TEXT           exec: written to stderr (at most kMaxStderrBytes)
//   "no_output": true        exec: nothing on stdout
//   "signal": "SIGKILL" | "KILL" | N   exec: kill itself after answering
//   "restart": true          storage methods: after answering, forget which SRs
//                            are attached (a plugin that restarted)
//   "leave_child": true      exec: leave a child holding stdout open for
//                            kLeaveChildSeconds (exec_mode.h)
// At most one of hang, close, reset. Calls whose arguments are refused (no
// string dbg) still go through the rules: they always get the marshal error,
// but a rule's faults apply to them.
//
// "seed" (an unsigned 64-bit integer, default kDefaultSeed) seeds the
// generator behind "probability": std::mt19937_64; a draw is its next output's
// top 53 bits as a fraction in [0, 1). The same seed and the same calls give
// the same faults. Counters, sequence positions and the generator start again
// when the engine is reset or given a new config; exec mode keeps them
// across processes in a state file next to the config (exec_mode.h).
//
// Every bad config gets a one-line error naming the JSON path, e.g.
// "config: $.methods.Plugin.query[1].delay_ms: expected a non-negative integer <= 600000".

#include "contract/method.h"
#include "contract/reply.h"
#include "mock_plugin/fault.h"

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smapi::mock {

// Largest config file load_config_file reads. Real configs are a few KiB;
// the DIAG-SIZE mutant's plugin directory holds a config of over 1 MiB.
inline constexpr std::size_t kMaxConfigFileBytes = 4 * 1024 * 1024;
// Bounds of the v2 config's rules (see the format above).
inline constexpr std::size_t kMaxRulesPerMethod = 64;
inline constexpr std::size_t kMaxSequenceSteps = 256;
inline constexpr std::uint64_t kMaxDelayMs = 600'000;
inline constexpr std::uint64_t kMaxTimes = 1'000'000'000;
inline constexpr std::size_t kMaxStderrBytes = 64 * 1024;
inline constexpr std::size_t kMaxMatchMembers = 16;
// The seed of the probability generator when the config gives none.
inline constexpr std::uint64_t kDefaultSeed = 1;

// The kind of plugin the mock pretends to be; it picks the built-in defaults
// and is recorded in a plugin directory's config.
enum class PluginKind { volume, datapath };

// "volume" / "datapath".
std::string_view to_string(PluginKind kind);
// The kind a word names, exactly as to_string spells it; nullopt otherwise.
std::optional<PluginKind> plugin_kind_from_string(std::string_view word);

// What the mock answers for one method.
struct Answer {
  // from_storage: the in-memory storage answers ({"from_storage": true} above);
  // for Plugin.query and Plugin.diagnostics, which it cannot answer, that is
  // Unimplemented.
  enum class Kind { result, unimplemented, error, from_storage };
  Kind kind = Kind::unimplemented;
  boost::json::value result;    // Kind::result: sent as given
  contract::PluginError error;  // Kind::error: code and params (raw unused)

  static Answer make_result(boost::json::value value);
  static Answer make_unimplemented();
  static Answer make_error(std::string code, std::vector<std::string> params);
  static Answer make_from_storage();

  // Same kind and same payload (error.raw is ignored).
  friend bool operator==(const Answer& a, const Answer& b);
};

// Conditions on a call's arguments; an empty Match matches every call.
struct Match {
  // Each argument name must be present and equal (JSON equality) to the value.
  std::vector<std::pair<std::string, boost::json::value>> equals;
  // dbg must be a string starting with this text.
  std::optional<std::string> dbg_prefix;
  // Whether the arguments must be refused (true: not an object, or no string
  // dbg; the mock answers them with a marshal error) or accepted (false).
  std::optional<bool> refused;

  // Whether the call arguments satisfy every condition.
  bool matches(const boost::json::value& args) const;
  friend bool operator==(const Match&, const Match&) = default;
};

// One thing a rule does to a call: an answer (nullopt: the default answer
// of the method) and the faults to misbehave with.
struct Step {
  std::optional<Answer> answer;
  Fault fault;
  friend bool operator==(const Step&, const Step&) = default;
};

// One rule of a method (see the format above). A rule without "sequence"
// has exactly one step.
struct Rule {
  enum class Then { repeat_last, cycle };
  Match match;
  std::optional<std::uint64_t> times;
  std::optional<double> probability;
  std::vector<Step> steps;
  bool is_sequence = false;  // written back as "sequence" even with one step
  Then then = Then::repeat_last;

  // The step for the n-th call (from 0) the rule applies to.
  const Step& step_for(std::uint64_t applied_before) const;
  friend bool operator==(const Rule&, const Rule&) = default;
};

// A fully resolved config: one answer for every method, and for a method
// configured with rules, those rules (its answer is then the kind's default,
// what a rule without an answer and a call no rule takes get).
struct MockConfig {
  PluginKind kind = PluginKind::volume;
  std::array<Answer, contract::kAllMethods.size()> answers;
  std::array<std::vector<Rule>, contract::kAllMethods.size()> rules;
  std::uint64_t seed = kDefaultSeed;
  // The rules of storage methods (SR.*, Volume.*, Datapath.*, Data.*), by
  // wire name as the IDL spells it; an ANSWER configured for one is a rule
  // of one step. A method absent here is answered by the storage.
  std::map<std::string, std::vector<Rule>, std::less<>> storage_rules;
  // The methods the plugin has no script for ("no_script", no_script.h), by
  // wire name, in config.h's order. Each answers script_missing_answer (an
  // answer for a Plugin method, a rule of one step for a storage method);
  // to_json writes the list, not those answers.
  std::vector<std::string> no_script;

  // The rules of a storage method; empty when it has none.
  const std::vector<Rule>& storage_rules_for(std::string_view wire_name) const;

  const std::vector<Rule>& rules_for(contract::Method method) const;
  std::vector<Rule>& rules_for(contract::Method method);
  // Whether any rule is configured (exec mode keeps state only then).
  bool has_rules() const;

  const Answer& answer(contract::Method method) const;
  Answer& answer(contract::Method method);

  // Whether a call of the Plugin method may be answered by the storage: its
  // answer, or a step of one of its rules, is from_storage (Plugin.ls's
  // default). Exec mode then reads the storage from the state file.
  bool answers_from_storage(contract::Method method) const;

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
