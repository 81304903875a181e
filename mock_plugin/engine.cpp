#include "mock_plugin/engine.h"

#include "contract/plugin_values.h"
#include "mock_plugin/storage/storage.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace smapi::mock {
namespace {

namespace json = boost::json;

// Classifies arguments the contract decoder refused.
ArgumentProblem classify(const json::value& args) {
  ArgumentProblem problem;
  const json::object* obj = args.if_object();
  if (obj == nullptr) {
    problem.kind = ArgumentProblem::Kind::not_an_object;
    problem.actual = args;
    return problem;
  }
  const json::value* dbg = obj->if_contains("dbg");
  if (dbg == nullptr || dbg->is_string()) {
    // Either absent, or the decoder wanted something we cannot see (e.g. a
    // case-variant key it did not accept): report it as missing.
    problem.kind = ArgumentProblem::Kind::missing_dbg;
    return problem;
  }
  problem.kind = ArgumentProblem::Kind::dbg_not_string;
  problem.actual = *dbg;
  return problem;
}

// Points the decision at the answer (shared, not copied). from_storage is
// for the decide()s to resolve: a method the storage cannot answer gets
// Unimplemented.
void fill_answer(Decision& d, std::shared_ptr<const Answer> answer) {
  switch (answer->kind) {
    case Answer::Kind::result: d.kind = Decision::Kind::result; break;
    case Answer::Kind::from_storage:
    case Answer::Kind::unimplemented: d.kind = Decision::Kind::unimplemented; return;
    case Answer::Kind::error: d.kind = Decision::Kind::error; break;
  }
  d.answer = std::move(answer);
}

bool is_from_storage(const Answer& answer) { return answer.kind == Answer::Kind::from_storage; }

// Plugin.ls left to the storage: until answer_plugin_call (storage_call.h)
// puts in the SRs the storage has attached, the answer of an empty storage.
void leave_ls_to_storage(Decision& d) {
  static const auto kNoSrs = std::make_shared<const Answer>(Answer::make_result(json::array()));
  d.kind = Decision::Kind::result;
  d.answer = kNoSrs;
  d.to_storage = true;
}

// Whether xapi takes the arguments (contract::decode_call_arguments, xapi
// view). An object with a string "dbg" always is, since that view ignores
// other keys: that, the usual call, is answered without running the decoder
// and building its findings; anything else gets the decoder's verdict.
bool accepted(const json::value& args) {
  if (const json::object* obj = args.if_object()) {
    if (const json::value* dbg = obj->if_contains("dbg"); dbg != nullptr && dbg->is_string()) return true;
  }
  return contract::decode_call_arguments(args, contract::View::xapi).accepted();
}

// The number of bits of a generator output a draw uses (a double's mantissa).
constexpr int kDrawBits = 53;

}  // namespace

const json::value& Decision::result() const {
  static const json::value kNull;
  return kind == Kind::result && answer ? answer->result : kNull;
}

const contract::PluginError& Decision::error() const {
  static const contract::PluginError kNone;
  return kind == Kind::error && answer ? answer->error : kNone;
}

CallHook plugin_call_hook(AnswerHook hook) {
  if (!hook) return {};
  return [hook = std::move(hook)](std::string_view wire_name, const json::value& args) -> std::optional<Answer> {
    for (contract::Method m : contract::kAllMethods) {
      if (wire_name == contract::wire_name(m)) return hook(m, args);
    }
    return std::nullopt;
  };
}

Decision decide(const MockConfig& config, contract::Method method, const json::value& args) {
  Engine engine(config);
  return engine.decide(method, args);
}

Engine::Engine(MockConfig config) : config_(std::make_shared<const MockConfig>(std::move(config))) {
  restart();
}

void Engine::restart() {
  for (contract::Method m : contract::kAllMethods) {
    const auto i = static_cast<std::size_t>(m);
    state_.applied[i].assign(config_->rules_for(m).size(), 0);
  }
  state_.storage_applied.clear();
  for (const auto& [name, rules] : config_->storage_rules) {
    state_.storage_applied[name].assign(rules.size(), 0);
  }
  state_.draws = 0;
  rng_.seed(config_->seed);
}

double Engine::draw() {
  ++state_.draws;
  return static_cast<double>(rng_() >> (64 - kDrawBits)) * (1.0 / static_cast<double>(1ULL << kDrawBits));
}

const Step* Engine::apply_rules(const std::vector<Rule>& rules, std::vector<std::uint64_t>& applied,
                                const json::value& args) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = rules[i];
    if (!rule.match.matches(args)) continue;
    if (rule.times && applied[i] >= *rule.times) continue;
    if (rule.probability && !(draw() < *rule.probability)) continue;
    const Step& step = rule.step_for(applied[i]);
    ++applied[i];
    return &step;
  }
  return nullptr;
}

Decision Engine::decide(std::string_view wire_name, const json::value& args) {
  Decision d;
  const Step* step = nullptr;
  if (auto rules = config_->storage_rules.find(wire_name); rules != config_->storage_rules.end()) {
    auto& applied = state_.storage_applied[rules->first];
    applied.resize(rules->second.size());
    step = apply_rules(rules->second, applied, args);
  }
  if (step != nullptr) d.fault = step->fault;
  if (!accepted(args)) {
    d.kind = Decision::Kind::bad_arguments;
    d.problem = classify(args);
    return d;
  }
  // The hook's answer, else the rule's; none, or from_storage: the storage's.
  std::optional<Answer> hooked = hook_ ? hook_(wire_name, args) : std::nullopt;
  if (hooked && !is_from_storage(*hooked)) {
    fill_answer(d, std::make_shared<const Answer>(std::move(*hooked)));
  } else if (!hooked && step != nullptr && step->answer && !is_from_storage(*step->answer)) {
    fill_answer(d, std::shared_ptr<const Answer>(config_, &*step->answer));
    d.configured = true;
  } else {
    d.to_storage = true;
  }
  return d;
}

Decision Engine::decide(contract::Method method, const json::value& args) {
  Decision d;
  d.method = method;
  const Answer* answer = &config_->answer(method);
  if (const Step* step = apply_rules(config_->rules_for(method),
                                     state_.applied[static_cast<std::size_t>(method)], args)) {
    if (step->answer) answer = &*step->answer;
    d.fault = step->fault;
  }

  if (!accepted(args)) {
    d.kind = Decision::Kind::bad_arguments;
    d.problem = classify(args);
    return d;
  }
  std::shared_ptr<const Answer> chosen;
  if (hook_) {
    if (std::optional<Answer> hooked = hook_(contract::wire_name(method), args)) {
      chosen = std::make_shared<const Answer>(std::move(*hooked));
    }
  }
  if (!chosen) {
    // Shares ownership of the whole config, pointing at the answer in it.
    chosen = std::shared_ptr<const Answer>(config_, answer);
    d.configured = true;
  }
  if (method == contract::Method::ls && is_from_storage(*chosen)) {
    d.configured = false;
    leave_ls_to_storage(d);
    return d;
  }
  fill_answer(d, std::move(chosen));
  return d;
}

void Engine::replace(MockConfig config) {
  config_ = std::make_shared<const MockConfig>(std::move(config));
  memo_.clear();
  restart();
}

std::string& Engine::memo(const Answer& answer, std::size_t slot) { return memo_[&answer].at(slot); }

void Engine::reset() { restart(); }

void Engine::restore(const EngineState& state) {
  for (contract::Method m : contract::kAllMethods) {
    const auto i = static_cast<std::size_t>(m);
    if (state.applied[i].size() != config_->rules_for(m).size()) return restart();
  }
  for (const auto& [name, rules] : config_->storage_rules) {
    const auto it = state.storage_applied.find(name);
    if (it == state.storage_applied.end() || it->second.size() != rules.size()) return restart();
  }
  restart();
  state_.applied = state.applied;
  for (auto& [name, counts] : state_.storage_applied) counts = state.storage_applied.find(name)->second;
  state_.draws = state.draws;
  rng_.discard(state.draws);
}

json::value to_json(const EngineState& state) {
  json::object applied;
  for (contract::Method m : contract::kAllMethods) {
    json::array counts;
    for (std::uint64_t n : state.applied[static_cast<std::size_t>(m)]) counts.emplace_back(n);
    applied[contract::wire_name(m)] = std::move(counts);
  }
  for (const auto& [name, counts] : state.storage_applied) {
    applied[name] = json::array(counts.begin(), counts.end());
  }
  return json::object{{"applied", std::move(applied)}, {"draws", state.draws}};
}

std::optional<EngineState> engine_state_from_json(const json::value& value) {
  const json::object* root = value.if_object();
  if (root == nullptr) return std::nullopt;
  const json::value* applied = root->if_contains("applied");
  const json::value* draws = root->if_contains("draws");
  if (applied == nullptr || !applied->is_object() || draws == nullptr) return std::nullopt;
  EngineState state;
  if (draws->is_uint64()) state.draws = draws->get_uint64();
  else if (draws->is_int64() && draws->get_int64() >= 0) state.draws = static_cast<std::uint64_t>(draws->get_int64());
  else return std::nullopt;
  auto read_counts = [](const json::value& counts, std::vector<std::uint64_t>& out) {
    if (!counts.is_array()) return false;
    for (const json::value& n : counts.get_array()) {
      if (n.is_uint64()) out.push_back(n.get_uint64());
      else if (n.is_int64() && n.get_int64() >= 0) out.push_back(static_cast<std::uint64_t>(n.get_int64()));
      else return false;
    }
    return true;
  };
  for (contract::Method m : contract::kAllMethods) {
    const json::value* counts = applied->get_object().if_contains(contract::wire_name(m));
    if (counts == nullptr || !read_counts(*counts, state.applied[static_cast<std::size_t>(m)])) return std::nullopt;
  }
  for (const auto& [name, counts] : applied->get_object()) {
    if (!storage::Storage::knows(name)) continue;
    if (!read_counts(counts, state.storage_applied[std::string(name)])) return std::nullopt;
  }
  return state;
}

}  // namespace smapi::mock
