#include "mock_plugin/config.h"

#include "contract/names.h"
#include "contract/json_text.h"
#include "mock_plugin/detail/config_json.h"
#include "mock_plugin/detail/config_rules.h"
#include "mock_plugin/no_script.h"
#include "mock_plugin/scenarios.h"
#include "mock_plugin/storage/storage.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;
using detail::got;
using detail::kAnswerKinds;
using detail::is_answer_key;
using detail::member_path;
using detail::parse_answer_member;

// Fills `out` from one ANSWER object; returns an error text or "".
std::string parse_answer(const json::value& v, const std::string& path, Answer& out) {
  const json::object* obj = v.if_object();
  if (obj == nullptr) return path + ": expected an answer object or an array of rules" + got(v);
  if (obj->size() != 1) {
    if (obj->empty()) return path + ": expected one of " + std::string(kAnswerKinds);
    return path + ": expected only one of " + std::string(kAnswerKinds) + ", got " +
           std::to_string(obj->size()) + " keys";
  }
  const auto& [key, payload] = *obj->begin();
  if (!is_answer_key(key)) return path + ": expected one of " + std::string(kAnswerKinds);
  return parse_answer_member(key, payload, member_path(path, key), out);
}

// The storage method a config key names (case-insensitively), as the IDL
// spells it; "" for none.
std::string_view storage_method_named(std::string_view key) {
  for (std::string_view m : storage::Storage::methods()) {
    if (contract::equals_ignoring_case(key, m)) return m;
  }
  return {};
}

// Reads a storage method's METHOD: an ANSWER becomes a rule of one step.
std::string parse_storage_method(const json::value& v, const std::string& path, std::vector<Rule>& out) {
  if (v.is_array()) return detail::parse_rules(v.get_array(), path, out);
  Rule rule;
  rule.steps.emplace_back();
  Answer answer;
  if (std::string e = parse_answer(v, path, answer); !e.empty()) return e;
  rule.steps.front().answer = std::move(answer);
  out.assign(1, std::move(rule));
  return {};
}

// The path of a from_storage answer the method's METHOD `v` (read into
// `answer` or `rules`) gives; "" when it gives none.
std::string from_storage_at(const json::value& v, const Answer& answer, const std::vector<Rule>& rules,
                            const std::string& path) {
  const auto is_storage = [](const std::optional<Answer>& a) { return a && a->kind == Answer::Kind::from_storage; };
  if (!v.is_array()) return answer.kind == Answer::Kind::from_storage ? member_path(path, "from_storage") : "";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string rpath = path + "[" + std::to_string(i) + "]";
    for (std::size_t j = 0; j < rules[i].steps.size(); ++j) {
      if (!is_storage(rules[i].steps[j].answer)) continue;
      const std::string spath = rules[i].is_sequence ? rpath + ".sequence[" + std::to_string(j) + "]" : rpath;
      return member_path(spath, "from_storage");
    }
  }
  return {};
}

std::string parse_methods(const json::value& v, MockConfig& config) {
  const std::string path = "$.methods";
  const json::object* obj = v.if_object();
  if (obj == nullptr) return path + ": expected an object" + got(v);
  std::array<std::string, contract::kAllMethods.size()> seen_as;
  std::map<std::string_view, std::string> storage_seen_as;
  for (const auto& [key, answer] : *obj) {
    const std::string mpath = member_path(path, key);
    std::optional<Method> method;
    for (Method m : contract::kAllMethods) {
      if (contract::equals_ignoring_case(key, contract::wire_name(m))) method = m;
    }
    if (!method) {
      const std::string_view wire = storage_method_named(key);
      if (wire.empty()) {
        return "unknown key " + mpath +
               " (expected Plugin.query, Plugin.ls, Plugin.diagnostics or a method of the IDL's SR, "
               "Volume, Datapath or Data interfaces, e.g. SR.create, Volume.snapshot, Datapath.attach)";
      }
      auto& seen = storage_seen_as[wire];
      if (!seen.empty()) return mpath + ": the same method as " + member_path(path, seen);
      seen = std::string(key);
      if (std::string e = parse_storage_method(answer, mpath, config.storage_rules[std::string(wire)]);
          !e.empty())
        return e;
      continue;
    }
    auto& seen = seen_as[static_cast<std::size_t>(*method)];
    if (!seen.empty()) return mpath + ": the same method as " + member_path(path, seen);
    seen = std::string(key);
    if (answer.is_array()) {
      if (std::string e = detail::parse_rules(answer.get_array(), mpath, config.rules_for(*method));
          !e.empty())
        return e;
    } else if (std::string e = parse_answer(answer, mpath, config.answer(*method)); !e.empty()) {
      return e;
    }
    if (*method != Method::ls) {
      if (std::string at = from_storage_at(answer, config.answer(*method), config.rules_for(*method), mpath);
          !at.empty())
        return at + ": from_storage answers only Plugin.ls and the SR, Volume, Datapath and Data methods";
    }
  }
  return {};
}

ConfigLoad fail(std::string message) { return ConfigLoad{std::nullopt, "config: " + message}; }

}  // namespace

std::string_view to_string(PluginKind kind) {
  switch (kind) {
    case PluginKind::volume: return "volume";
    case PluginKind::datapath: return "datapath";
  }
  return "volume";
}

std::optional<PluginKind> plugin_kind_from_string(std::string_view word) {
  if (word == "volume") return PluginKind::volume;
  if (word == "datapath") return PluginKind::datapath;
  return std::nullopt;
}

Answer Answer::make_result(boost::json::value value) {
  Answer a;
  a.kind = Kind::result;
  a.result = std::move(value);
  return a;
}

Answer Answer::make_unimplemented() {
  Answer a;
  a.kind = Kind::unimplemented;
  return a;
}

Answer Answer::make_error(std::string code, std::vector<std::string> params) {
  Answer a;
  a.kind = Kind::error;
  a.error.code = std::move(code);
  a.error.params = std::move(params);
  return a;
}

Answer Answer::make_from_storage() {
  Answer a;
  a.kind = Kind::from_storage;
  return a;
}

bool operator==(const Answer& a, const Answer& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Answer::Kind::result: return a.result == b.result;
    case Answer::Kind::unimplemented:
    case Answer::Kind::from_storage: return true;
    case Answer::Kind::error: return a.error.code == b.error.code && a.error.params == b.error.params;
  }
  return false;
}

bool Match::matches(const boost::json::value& args) const {
  if (refused) {
    const json::object* o = args.if_object();
    const json::value* dbg = o != nullptr ? o->if_contains("dbg") : nullptr;
    const bool accepted = dbg != nullptr && dbg->is_string();
    if (*refused == accepted) return false;
  }
  if (equals.empty() && !dbg_prefix) return true;
  const json::object* obj = args.if_object();
  if (obj == nullptr) return false;
  for (const auto& [name, value] : equals) {
    const json::value* actual = obj->if_contains(name);
    if (actual == nullptr || *actual != value) return false;
  }
  if (dbg_prefix) {
    const json::value* dbg = obj->if_contains("dbg");
    if (dbg == nullptr || !dbg->is_string()) return false;
    if (std::string_view(dbg->get_string()).substr(0, dbg_prefix->size()) != *dbg_prefix) return false;
  }
  return true;
}

const Step& Rule::step_for(std::uint64_t applied_before) const {
  const std::uint64_t n = steps.size();
  if (then == Then::cycle) return steps[static_cast<std::size_t>(applied_before % n)];
  return steps[static_cast<std::size_t>(std::min(applied_before, n - 1))];
}

const std::vector<Rule>& MockConfig::storage_rules_for(std::string_view wire_name) const {
  static const std::vector<Rule> kNone;
  const auto it = storage_rules.find(wire_name);
  return it == storage_rules.end() ? kNone : it->second;
}

const std::vector<Rule>& MockConfig::rules_for(contract::Method method) const {
  return rules[static_cast<std::size_t>(method)];
}

std::vector<Rule>& MockConfig::rules_for(contract::Method method) {
  return rules[static_cast<std::size_t>(method)];
}

bool MockConfig::has_rules() const {
  for (const auto& r : rules)
    if (!r.empty()) return true;
  for (const auto& [name, r] : storage_rules)
    if (!r.empty()) return true;
  return false;
}

const Answer& MockConfig::answer(contract::Method method) const {
  return answers[static_cast<std::size_t>(method)];
}

Answer& MockConfig::answer(contract::Method method) {
  return answers[static_cast<std::size_t>(method)];
}

bool MockConfig::answers_from_storage(contract::Method method) const {
  if (answer(method).kind == Answer::Kind::from_storage) return true;
  for (const Rule& rule : rules_for(method))
    for (const Step& step : rule.steps)
      if (step.answer && step.answer->kind == Answer::Kind::from_storage) return true;
  return false;
}

boost::json::value default_query_result(PluginKind kind) {
  json::object q;
  q["plugin"] = "mock";
  if (kind == PluginKind::volume) {
    q["name"] = "smapi-mock reference plugin";
    q["description"] = "A fake Volume plugin that answers the Plugin interface from a config";
  } else {
    q["name"] = "smapi-mock reference datapath plugin";
    q["description"] = "A fake Datapath plugin that answers the Plugin interface from a config";
  }
  q["vendor"] = "smapi-conformance";
  q["copyright"] = "(C) 2026 smapi-conformance";
  q["version"] = "0.1.0";
  q["required_api_version"] = "5.0";
  json::array features;
  json::object configuration;
  if (kind == PluginKind::volume) {
    for (const char* f : {"SR_ATTACH", "SR_DETACH", "SR_CREATE", "SR_PROBE", "VDI_CREATE",
                          "VDI_DELETE", "VDI_ATTACH", "VDI_DETACH", "VDI_ACTIVATE",
                          "VDI_DEACTIVATE", "VDI_CLONE", "VDI_SNAPSHOT", "VDI_RESIZE"}) {
      features.emplace_back(f);
    }
    configuration["path"] = "Directory in which the SR keeps its volumes";
  } else {
    // What field datapath plugins declare (FIELD-TRANSCRIPTS.md, tapdisk).
    features.emplace_back("NONPERSISTENT");
    features.emplace_back("VDI_NONPERSISTENT");
  }
  q["features"] = std::move(features);
  q["configuration"] = std::move(configuration);
  q["required_cluster_stack"] = json::array();
  return q;
}

MockConfig default_config(PluginKind kind) {
  MockConfig c;
  c.kind = kind;
  c.answer(Method::query) = Answer::make_result(default_query_result(kind));
  // The IDL's Plugin.ls lists the attached SRs: the storage's.
  c.answer(Method::ls) = Answer::make_from_storage();
  c.answer(Method::diagnostics) =
      Answer::make_result(json::string("smapi-mock: no diagnostic data to report"));
  return c;
}

ConfigLoad parse_config(std::string_view text, std::optional<PluginKind> kind_override) {
  contract::JsonParse parsed = contract::parse_one_json_value(text);
  if (!parsed.value) return fail(parsed.error);
  const json::object* root = parsed.value->if_object();
  if (root == nullptr) return fail("$: expected an object" + got(*parsed.value));

  PluginKind kind = PluginKind::volume;
  std::uint64_t seed = kDefaultSeed;
  if (const json::value* sv = root->if_contains("seed")) {
    if (sv->is_uint64()) seed = sv->get_uint64();
    else if (sv->is_int64() && sv->get_int64() >= 0) seed = static_cast<std::uint64_t>(sv->get_int64());
    else return fail("$.seed: expected an unsigned 64-bit integer" + got(*sv));
  }
  if (const json::value* k = root->if_contains("kind")) {
    std::optional<PluginKind> named;
    if (k->is_string()) named = plugin_kind_from_string(k->get_string());
    if (!named) return fail("$.kind: expected one of volume, datapath" + got(*k));
    kind = *named;
  }
  if (kind_override) kind = *kind_override;

  MockConfig config = default_config(kind);
  config.seed = seed;
  for (const auto& [key, value] : *root) {
    if (key == "kind" || key == "seed" || key == "scenarios" || key == "no_script") continue;
    if (key == "methods") {
      if (std::string e = parse_methods(value, config); !e.empty()) return fail(std::move(e));
      continue;
    }
    return fail("unknown key " + member_path("$", key) + " (expected kind, seed, scenarios, no_script, methods)");
  }
  // After the methods: a scenario's rules come after the config's own.
  if (const json::value* names = root->if_contains("scenarios")) {
    const json::array* list = names->if_array();
    if (list == nullptr) return fail("$.scenarios: expected an array of scenario names" + got(*names));
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string ipath = "$.scenarios[" + std::to_string(i) + "]";
      const json::value& name = (*list)[i];
      if (!name.is_string()) return fail(ipath + ": expected a scenario name" + got(name));
      if (std::string e = apply_scenario(config, name.get_string()); !e.empty()) return fail(ipath + ": " + e);
    }
  }
  // Last: a method without a script must be answered by nothing else.
  if (const json::value* list = root->if_contains("no_script")) {
    const json::value* methods = root->if_contains("methods");
    if (std::string e = apply_no_script(*list, methods != nullptr ? methods->if_object() : nullptr, config);
        !e.empty())
      return fail(std::move(e));
  }
  return ConfigLoad{std::move(config), {}};
}

ConfigLoad load_config_file(const std::string& path, std::optional<PluginKind> kind_override) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot read " + path + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    return fail("cannot read " + path + ": " + std::strerror(EISDIR));
  }
  std::string text;
  char buf[16 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot read " + path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > kMaxConfigFileBytes) {
      return fail(path + " is larger than " + std::to_string(kMaxConfigFileBytes) + " bytes");
    }
  }
  ConfigLoad load = parse_config(text, kind_override);
  if (!load.config) load.error = "config: " + path + ": " + load.error.substr(8);
  return load;
}

boost::json::value to_json(const MockConfig& config) {
  json::object methods;
  for (Method m : contract::kAllMethods) {
    if (has_no_script(config, contract::wire_name(m))) continue;
    const auto& rules = config.rules_for(m);
    if (rules.empty()) {
      methods[contract::wire_name(m)] = detail::answer_json(config.answer(m));
      continue;
    }
    json::array list;
    for (const Rule& rule : rules) list.emplace_back(detail::rule_json(rule));
    methods[contract::wire_name(m)] = std::move(list);
  }
  for (const auto& [name, rules] : config.storage_rules) {
    if (rules.empty() || has_no_script(config, name)) continue;
    json::array list;
    for (const Rule& rule : rules) list.emplace_back(detail::rule_json(rule));
    methods[name] = std::move(list);
  }
  json::object root{{"kind", to_string(config.kind)}};
  if (config.seed != kDefaultSeed) root["seed"] = config.seed;
  if (!config.no_script.empty()) root["no_script"] = json::array(config.no_script.begin(), config.no_script.end());
  root["methods"] = std::move(methods);
  return root;
}

}  // namespace smapi::mock
