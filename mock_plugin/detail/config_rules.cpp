#include "mock_plugin/detail/config_rules.h"

#include "mock_plugin/detail/config_json.h"

#include <boost/json/string.hpp>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

namespace smapi::mock::detail {
namespace {

namespace json = boost::json;

// Reads an integer in [lo, hi] or says what was expected.
std::optional<std::uint64_t> bounded_uint(const json::value& v, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t n = 0;
  if (v.is_uint64()) n = v.get_uint64();
  else if (v.is_int64() && v.get_int64() >= 0) n = static_cast<std::uint64_t>(v.get_int64());
  else return std::nullopt;
  if (n < lo || n > hi) return std::nullopt;
  return n;
}

std::string expected_uint(const std::string& path, std::uint64_t lo, std::uint64_t hi,
                          const json::value& v) {
  const std::string what = lo == 0 ? "a non-negative integer" : "an integer >= " + std::to_string(lo);
  return path + ": expected " + what + " <= " + std::to_string(hi) + got(v);
}

// Signal names exec mode can raise, as written in configs.
struct SignalName {
  std::string_view name;
  int number;
};
constexpr SignalName kSignalNames[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"ABRT", SIGABRT}, {"FPE", SIGFPE},   {"KILL", SIGKILL}, {"SEGV", SIGSEGV},
    {"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM}, {"USR1", SIGUSR1},
    {"USR2", SIGUSR2}, {"BUS", SIGBUS},   {"TRAP", SIGTRAP}, {"XCPU", SIGXCPU},
};
// The highest signal number a config may name.
constexpr int kMaxSignalNumber = 64;

std::optional<int> signal_from(const json::value& v) {
  if (auto n = bounded_uint(v, 1, kMaxSignalNumber)) return static_cast<int>(*n);
  if (!v.is_string()) return std::nullopt;
  std::string_view name = v.get_string();
  if (name.substr(0, 3) == "SIG") name.remove_prefix(3);
  for (const auto& s : kSignalNames)
    if (s.name == name) return s.number;
  return std::nullopt;
}

std::string expect_true(const json::value& v, const std::string& path, bool& out) {
  if (!v.is_bool() || !v.get_bool()) return path + ": expected true" + got(v);
  out = true;
  return {};
}

std::string expect_name(const json::value& v, const std::string& path, std::string& out) {
  if (!v.is_string() || v.get_string().empty()) return path + ": expected a member name (a non-empty string)" + got(v);
  out = std::string(v.get_string());
  return {};
}

constexpr std::string_view kBodyNames[] = {"garbage", "truncated", "wrong_id", "both_members",
                                           "trailing_garbage", "empty"};
constexpr Fault::Body kBodies[] = {Fault::Body::garbage,      Fault::Body::truncated,
                                   Fault::Body::wrong_id,     Fault::Body::both_members,
                                   Fault::Body::trailing_garbage, Fault::Body::empty};

constexpr std::string_view kStepKeys =
    "result, unimplemented, error, from_storage, delay_ms, hang, close, reset, http_status, body, remove_field, "
    "retype_field, rename_field, set_field, invalid_utf8, error_value, exit_code, stderr, no_output, signal, leave_child, restart";

// Reads one STEP member into `step`. Returns nullopt when the key is not a
// step key, else an error text or "".
std::optional<std::string> parse_step_member(std::string_view key, const json::value& v,
                                             const std::string& path, Step& step,
                                             std::string& answer_key) {
  Fault& f = step.fault;
  if (is_answer_key(key)) {
    if (!answer_key.empty())
      return path + ": only one of " + std::string(kAnswerKinds) + " (already has " + answer_key + ")";
    answer_key = std::string(key);
    Answer a;
    if (std::string e = parse_answer_member(key, v, path, a); !e.empty()) return e;
    step.answer = std::move(a);
    return std::string();
  }
  if (key == "delay_ms") {
    auto n = bounded_uint(v, 0, kMaxDelayMs);
    if (!n) return expected_uint(path, 0, kMaxDelayMs, v);
    f.delay = std::chrono::milliseconds(*n);
    return std::string();
  }
  if (key == "hang" || key == "close" || key == "reset") {
    bool yes = false;
    if (std::string e = expect_true(v, path, yes); !e.empty()) return e;
    if (f.connection != Fault::Connection::answer)
      return path + ": at most one of hang, close, reset";
    f.connection = key == "hang" ? Fault::Connection::hang
                   : key == "close" ? Fault::Connection::close
                                    : Fault::Connection::reset;
    return std::string();
  }
  if (key == "http_status") {
    auto n = bounded_uint(v, 100, 599);
    if (!n) return path + ": expected an HTTP status 100..599" + got(v);
    f.http_status = static_cast<int>(*n);
    return std::string();
  }
  if (key == "body") {
    if (v.is_string()) {
      for (std::size_t i = 0; i < std::size(kBodyNames); ++i) {
        if (v.get_string() == kBodyNames[i]) {
          f.body = kBodies[i];
          return std::string();
        }
      }
    }
    return path + ": expected one of garbage, truncated, wrong_id, both_members, trailing_garbage, empty" + got(v);
  }
  if (key == "remove_field") {
    std::string name;
    if (std::string e = expect_name(v, path, name); !e.empty()) return e;
    f.remove_field = std::move(name);
    return std::string();
  }
  if (key == "retype_field") {
    std::string name;
    if (std::string e = expect_name(v, path, name); !e.empty()) return e;
    f.retype_field = std::move(name);
    return std::string();
  }
  if (key == "rename_field") {
    const json::object* o = v.if_object();
    if (o == nullptr) return path + ": expected an object {\"from\": NAME, \"to\": NAME}" + got(v);
    std::string from, to;
    for (const auto& [k, m] : *o) {
      const std::string mpath = member_path(path, k);
      if (k == "from") {
        if (std::string e = expect_name(m, mpath, from); !e.empty()) return e;
      } else if (k == "to") {
        if (std::string e = expect_name(m, mpath, to); !e.empty()) return e;
      } else {
        return "unknown key " + mpath + " (expected from, to)";
      }
    }
    if (from.empty()) return member_path(path, "from") + ": missing (expected a member name)";
    if (to.empty()) return member_path(path, "to") + ": missing (expected a member name)";
    f.rename_field_from = std::move(from);
    f.rename_field_to = std::move(to);
    return std::string();
  }
  if (key == "set_field") {
    const json::object* o = v.if_object();
    if (o == nullptr || o->empty()) return path + ": expected an object {NAME: VALUE, ...}" + got(v);
    for (const auto& [name, value] : *o) f.set_fields.emplace_back(std::string(name), value);
    return std::string();
  }
  if (key == "exit_code") {
    auto n = bounded_uint(v, 0, 255);
    if (!n) return expected_uint(path, 0, 255, v);
    f.exit_code = static_cast<int>(*n);
    return std::string();
  }
  if (key == "stderr") {
    if (!v.is_string()) return path + ": expected a string" + got(v);
    if (v.get_string().size() > kMaxStderrBytes)
      return path + ": longer than kMaxStderrBytes (" + std::to_string(kMaxStderrBytes) + " bytes)";
    f.stderr_text = std::string(v.get_string());
    return std::string();
  }
  if (key == "no_output") return expect_true(v, path, f.no_output);
  if (key == "invalid_utf8") return expect_true(v, path, f.invalid_utf8);
  if (key == "error_value") {
    if (!v.is_array()) return path + ": expected an array (the error member sent instead)" + got(v);
    f.error_value = v.get_array();
    return std::string();
  }
  if (key == "leave_child") return expect_true(v, path, f.leave_child);
  if (key == "restart") return expect_true(v, path, f.restart);
  if (key == "signal") {
    auto sig = signal_from(v);
    if (!sig)
      return path + ": expected a signal name (KILL, SIGTERM, ...) or a number 1.." +
             std::to_string(kMaxSignalNumber) + got(v);
    f.signal = *sig;
    return std::string();
  }
  return std::nullopt;
}

std::string parse_step(const json::value& v, const std::string& path, Step& step) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return path + ": expected an object (a step)" + got(v);
  std::string answer_key;
  for (const auto& [key, value] : *obj) {
    const std::string mpath = member_path(path, key);
    auto e = parse_step_member(key, value, mpath, step, answer_key);
    if (!e) return "unknown key " + mpath + " (expected " + std::string(kStepKeys) + ")";
    if (!e->empty()) return *e;
  }
  return {};
}

std::string parse_match(const json::value& v, const std::string& path, Match& match) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return path + ": expected an object of argument conditions" + got(v);
  if (obj->size() > kMaxMatchMembers)
    return path + ": more than kMaxMatchMembers (" + std::to_string(kMaxMatchMembers) + ") conditions";
  for (const auto& [key, value] : *obj) {
    if (key == "arguments") {
      if (value == "refused") match.refused = true;
      else if (value == "accepted") match.refused = false;
      else return member_path(path, key) + ": expected refused or accepted" + got(value);
      continue;
    }
    if (key == "dbg_prefix") {
      if (!value.is_string()) return member_path(path, key) + ": expected a string" + got(value);
      match.dbg_prefix = std::string(value.get_string());
      continue;
    }
    match.equals.emplace_back(std::string(key), value);
  }
  return {};
}

std::string parse_rule(const json::value& v, const std::string& path, Rule& rule) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return path + ": expected an object (a rule)" + got(v);
  Step direct;
  std::string answer_key;
  bool has_direct = false;
  const json::value* then = nullptr;
  for (const auto& [key, value] : *obj) {
    const std::string mpath = member_path(path, key);
    if (key == "match") {
      if (std::string e = parse_match(value, mpath, rule.match); !e.empty()) return e;
    } else if (key == "times") {
      auto n = bounded_uint(value, 1, kMaxTimes);
      if (!n) return expected_uint(mpath, 1, kMaxTimes, value);
      rule.times = *n;
    } else if (key == "probability") {
      const bool number = value.is_double() || value.is_int64() || value.is_uint64();
      const double p = number ? value.to_number<double>() : -1.0;
      if (!number || !(p >= 0.0 && p <= 1.0))
        return mpath + ": expected a number from 0 to 1" + got(value);
      rule.probability = p;
    } else if (key == "sequence") {
      const json::array* steps = value.if_array();
      if (steps == nullptr || steps->empty())
        return mpath + ": expected a non-empty array of steps" + got(value);
      if (steps->size() > kMaxSequenceSteps)
        return mpath + ": more than kMaxSequenceSteps (" + std::to_string(kMaxSequenceSteps) + ") steps";
      rule.is_sequence = true;
      for (std::size_t i = 0; i < steps->size(); ++i) {
        Step step;
        if (std::string e = parse_step((*steps)[i], mpath + "[" + std::to_string(i) + "]", step);
            !e.empty())
          return e;
        rule.steps.push_back(std::move(step));
      }
    } else if (key == "then") {
      then = &value;
      if (value == "cycle") rule.then = Rule::Then::cycle;
      else if (value == "repeat_last") rule.then = Rule::Then::repeat_last;
      else return mpath + ": expected cycle or repeat_last" + got(value);
    } else {
      auto e = parse_step_member(key, value, mpath, direct, answer_key);
      if (!e)
        return "unknown key " + mpath + " (expected match, times, probability, sequence, then, " +
               std::string(kStepKeys) + ")";
      if (!e->empty()) return *e;
      has_direct = true;
    }
  }
  if (rule.is_sequence && has_direct)
    return path + ": a rule has either \"sequence\" or step members (answer, faults), not both";
  if (then != nullptr && !rule.is_sequence) return member_path(path, "then") + ": only with \"sequence\"";
  if (!rule.is_sequence) rule.steps.push_back(std::move(direct));
  return {};
}

std::string_view body_name(Fault::Body body) {
  for (std::size_t i = 0; i < std::size(kBodies); ++i)
    if (kBodies[i] == body) return kBodyNames[i];
  return "intact";
}

// The step's members, added to `out` (a rule or a sequence step).
void add_step_members(const Step& step, json::object& out) {
  if (step.answer) {
    for (auto& [k, v] : answer_json(*step.answer)) out[k] = v;
  }
  const Fault& f = step.fault;
  if (f.delay.count() > 0) out["delay_ms"] = f.delay.count();
  switch (f.connection) {
    case Fault::Connection::answer: break;
    case Fault::Connection::hang: out["hang"] = true; break;
    case Fault::Connection::close: out["close"] = true; break;
    case Fault::Connection::reset: out["reset"] = true; break;
  }
  if (f.http_status) out["http_status"] = *f.http_status;
  if (f.body != Fault::Body::intact) out["body"] = body_name(f.body);
  if (f.remove_field) out["remove_field"] = *f.remove_field;
  if (f.retype_field) out["retype_field"] = *f.retype_field;
  if (f.rename_field_from)
    out["rename_field"] = json::object{{"from", *f.rename_field_from}, {"to", f.rename_field_to}};
  if (!f.set_fields.empty()) {
    json::object set;
    for (const auto& [name, value] : f.set_fields) set[name] = value;
    out["set_field"] = std::move(set);
  }
  if (f.invalid_utf8) out["invalid_utf8"] = true;
  if (f.error_value) out["error_value"] = *f.error_value;
  if (f.exit_code) out["exit_code"] = *f.exit_code;
  if (!f.stderr_text.empty()) out["stderr"] = f.stderr_text;
  if (f.no_output) out["no_output"] = true;
  if (f.signal) out["signal"] = *f.signal;
  if (f.leave_child) out["leave_child"] = true;
  if (f.restart) out["restart"] = true;
}

}  // namespace

std::string parse_rules(const json::array& rules, const std::string& path, std::vector<Rule>& out) {
  if (rules.size() > kMaxRulesPerMethod)
    return path + ": more than kMaxRulesPerMethod (" + std::to_string(kMaxRulesPerMethod) + ") rules";
  out.clear();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    Rule rule;
    if (std::string e = parse_rule(rules[i], path + "[" + std::to_string(i) + "]", rule); !e.empty())
      return e;
    out.push_back(std::move(rule));
  }
  return {};
}

json::object rule_json(const Rule& rule) {
  json::object out;
  if (!rule.match.equals.empty() || rule.match.dbg_prefix || rule.match.refused) {
    json::object match;
    for (const auto& [name, value] : rule.match.equals) match[name] = value;
    if (rule.match.dbg_prefix) match["dbg_prefix"] = *rule.match.dbg_prefix;
    if (rule.match.refused) match["arguments"] = *rule.match.refused ? "refused" : "accepted";
    out["match"] = std::move(match);
  }
  if (rule.times) out["times"] = *rule.times;
  if (rule.probability) out["probability"] = *rule.probability;
  if (rule.is_sequence) {
    json::array steps;
    for (const Step& step : rule.steps) {
      json::object s;
      add_step_members(step, s);
      steps.emplace_back(std::move(s));
    }
    out["sequence"] = std::move(steps);
    out["then"] = rule.then == Rule::Then::cycle ? "cycle" : "repeat_last";
  } else if (!rule.steps.empty()) {
    add_step_members(rule.steps.front(), out);
  }
  return out;
}

}  // namespace smapi::mock::detail
