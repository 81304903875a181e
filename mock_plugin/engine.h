#pragma once
// The behaviour engine: what the mock answers to one call, decided before and
// apart from any transport. The JSON-RPC handler and exec mode both ask it,
// then write its decision in their own form. Pure.

#include "contract/method.h"
#include "contract/reply.h"
#include "mock_plugin/config.h"
#include "mock_plugin/fault.h"

#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace smapi::mock {

// Why the call arguments were refused. Each transport words this its own way
// (rpclib's marshal errors, the generated Python bindings' exceptions).
struct ArgumentProblem {
  enum class Kind {
    not_an_object,   // the arguments are not a JSON object
    missing_dbg,     // no "dbg" member
    dbg_not_string,  // "dbg" is there but not a string
  };
  Kind kind = Kind::missing_dbg;
  // not_an_object: the arguments; dbg_not_string: the dbg value; else null.
  boost::json::value actual;
};

// The engine's answer to one call.
struct Decision {
  enum class Kind { result, unimplemented, error, bad_arguments };
  Kind kind = Kind::unimplemented;
  contract::Method method = contract::Method::query;
  // Kind::result and Kind::error: the answer, shared with the config it came
  // from rather than copied (a result can be large, and this runs per call).
  // It stays valid and unchanged while the Decision lives, even when the
  // engine's config is replaced meanwhile.
  std::shared_ptr<const Answer> answer;
  // Whether answer is part of the engine's current config (not the answer
  // hook's): only then may a transport keep what it encoded from it
  // (Engine::memo).
  bool configured = false;
  ArgumentProblem problem;  // Kind::bad_arguments
  Fault fault;              // how to misbehave while answering
  // A call the in-memory storage answers, with `fault` on top: a storage
  // method's that no rule answered (answer_storage_call, storage_call.h;
  // until then kind is unimplemented), or Plugin.ls's whose answer is
  // from_storage (answer_plugin_call; until then the result is [], what an
  // empty storage has attached).
  bool to_storage = false;

  // Kind::result: the result value; null otherwise.
  const boost::json::value& result() const;
  // Kind::error: code and params as configured; empty otherwise.
  const contract::PluginError& error() const;
};

// Lets embedding code (the GoogleMock adaptor) answer a call itself, by the
// method's wire name: "Plugin.query", "SR.attach", "Volume.create", ... (every
// method the server answers). Called after the arguments were accepted (an
// object with a string "dbg"); nullopt leaves the call to the config's rules
// and, for a storage method, the in-memory storage.
using CallHook =
    std::function<std::optional<Answer>(std::string_view wire_name, const boost::json::value& args)>;

// The Plugin-only form of CallHook, which came first: asked for Plugin.query,
// ls and diagnostics only.
using AnswerHook =
    std::function<std::optional<Answer>(contract::Method method, const boost::json::value& args)>;

// A CallHook asking `hook` for the Plugin methods and leaving every other
// call alone; empty when `hook` is.
CallHook plugin_call_hook(AnswerHook hook);

// What the engine remembers between calls: for each method and each of its
// rules, how many calls the rule applied to (which drives "times" and the
// sequence position), and how many draws the probability generator made.
// Exec mode saves it between processes (exec_mode.h).
struct EngineState {
  std::array<std::vector<std::uint64_t>, contract::kAllMethods.size()> applied;
  // The same for the storage methods with rules, by wire name.
  std::map<std::string, std::vector<std::uint64_t>, std::less<>> storage_applied;
  std::uint64_t draws = 0;
  friend bool operator==(const EngineState&, const EngineState&) = default;
};

// The state as JSON: {"applied": {"Plugin.query": [n, ...], ..., "SR.attach":
// [n, ...]}, "draws": n}; storage methods appear when they have rules.
boost::json::value to_json(const EngineState& state);
// Reads what to_json wrote; nullopt for anything else.
std::optional<EngineState> engine_state_from_json(const boost::json::value& value);

// The stateful engine the transports share: the config plus the state that
// sequences, call counts and seeded random faults need. Not thread-safe; the
// server calls it from its one thread, exec mode from its one process.
class Engine {
 public:
  explicit Engine(MockConfig config);

  // The decision for one call; advances sequences and the random generator.
  // The method's rules are tried in order (config.h); the first that
  // applies gives the answer and the fault. Refused arguments always get
  // Kind::bad_arguments, with the applying rule's fault. The call hook,
  // when set, is asked after the arguments were accepted and its answer
  // wins over the rule's (the rule's fault still applies). A Plugin.ls
  // answer of from_storage (the default) sets to_storage.
  Decision decide(contract::Method method, const boost::json::value& args);

  // The same for a storage method (storage::Storage::knows(wire_name)): its
  // rules (MockConfig::storage_rules) are tried in order; a rule's answer
  // wins, and when no rule applies, the rule gives only faults or its
  // answer is from_storage, the decision has to_storage set. Refused arguments get Kind::bad_arguments.
  // The call hook is asked as for a Plugin method: its answer wins over the
  // rule's and the storage's (the rule's fault still applies).
  Decision decide(std::string_view wire_name, const boost::json::value& args);

  // A new config; counters and the random generator start again.
  void replace(MockConfig config);
  // Counters and the random generator start again; the config stays.
  void reset();

  const MockConfig& config() const { return *config_; }

  // Room for text a transport derives from a configured answer (one with
  // Decision::configured set), e.g. its encoded reply: the answer does not
  // change while the config stays, so the text is encoded once and reused.
  // Empty until the transport fills it; forgotten by replace(). slot (below
  // kMemoSlots) is the transport's to choose. At most kMemoSlots texts per
  // answer of the config.
  static constexpr std::size_t kMemoSlots = 2;
  std::string& memo(const Answer& answer, std::size_t slot);
  // The hook asked for every accepted call; an empty one removes it.
  void set_call_hook(CallHook hook) { hook_ = std::move(hook); }
  // The same for Plugin calls only (plugin_call_hook).
  void set_answer_hook(AnswerHook hook) { hook_ = plugin_call_hook(std::move(hook)); }

  // The counters and generator position, to save.
  const EngineState& state() const { return state_; }
  // Continues from a saved state. A state that does not fit the config (a
  // different number of rules) is ignored: the engine starts again.
  void restore(const EngineState& state);

 private:
  // The next draw of the probability generator, in [0, 1).
  double draw();
  // The first rule of `rules` that applies to a call with `args`, counted in
  // `applied`; its step, or nullptr when none applies.
  const Step* apply_rules(const std::vector<Rule>& rules, std::vector<std::uint64_t>& applied,
                          const boost::json::value& args);
  void restart();

  // Immutable once built, shared with the Decisions that point into it.
  std::shared_ptr<const MockConfig> config_;
  std::unordered_map<const Answer*, std::array<std::string, kMemoSlots>> memo_;
  CallHook hook_;
  EngineState state_;
  std::mt19937_64 rng_;
};

// Checks the arguments the way xapi's rpclib server does (extra keys ignored,
// dbg required and a string), then answers from the config, as a fresh
// Engine would for its first call.
Decision decide(const MockConfig& config, contract::Method method, const boost::json::value& args);

}  // namespace smapi::mock
