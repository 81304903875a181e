#include "mock_plugin/exec_state.h"

#include "contract/json_text.h"
#include "mock_plugin/exec_state_file.h"

#include <functional>
#include <stdexcept>

namespace smapi::mock {
namespace {

namespace json = boost::json;

constexpr std::string_view kStorageKey = "storage";
constexpr std::string_view kClockOriginKey = "clock_origin_ms";
constexpr std::string_view kEnginesKey = "engines";

}  // namespace

std::variant<json::object, std::string> parse_exec_state(const std::optional<std::string>& text) {
  if (!text) return json::object{};
  contract::JsonLimits limits;
  limits.max_bytes = kMaxExecStateBytes;
  // The storage nests SR -> volume -> keys/values and datapath -> domain.
  limits.max_depth = 32;
  contract::JsonParse parsed = contract::parse_one_json_value(*text, limits);
  if (!parsed.value) return "not a state file smapi-mock wrote: " + parsed.error;
  if (!parsed.value->is_object()) {
    return "not a state file smapi-mock wrote: a JSON " + std::string(contract::json_type_name(*parsed.value)) +
           ", not an object";
  }
  return std::move(parsed.value->as_object());
}

std::string render_exec_state(const json::object& doc) { return contract::to_compact_json(doc) + "\n"; }

std::string config_fingerprint(const MockConfig& config) {
  return std::to_string(std::hash<std::string>{}(contract::to_compact_json(to_json(config))));
}

std::optional<EngineState> saved_engine_state(const json::object& doc, PluginKind kind,
                                              const std::string& fingerprint) {
  const json::value* engines = doc.if_contains(kEnginesKey);
  const json::object* by_kind = engines ? engines->if_object() : nullptr;
  const json::value* entry = by_kind ? by_kind->if_contains(to_string(kind)) : nullptr;
  const json::object* saved = entry ? entry->if_object() : nullptr;
  const json::value* config = saved ? saved->if_contains("config") : nullptr;
  const json::value* state = saved ? saved->if_contains("state") : nullptr;
  if (config == nullptr || state == nullptr || *config != json::value(fingerprint)) return std::nullopt;
  return engine_state_from_json(*state);
}

void save_engine_state(json::object& doc, PluginKind kind, const std::string& fingerprint,
                       const EngineState& state) {
  json::value& engines = doc[kEnginesKey];
  if (!engines.is_object()) engines = json::object{};
  engines.as_object()[to_string(kind)] = json::object{{"config", fingerprint}, {"state", to_json(state)}};
}

void restore_engine(const json::object& doc, Engine& engine) {
  if (auto saved = saved_engine_state(doc, engine.config().kind, config_fingerprint(engine.config()))) {
    engine.restore(*saved);
  }
}

void save_engine(json::object& doc, const Engine& engine) {
  save_engine_state(doc, engine.config().kind, config_fingerprint(engine.config()), engine.state());
}

std::string load_storage(const json::object& doc, storage::Storage& storage) {
  const json::value* saved = doc.if_contains(kStorageKey);
  if (saved == nullptr) {
    storage.reset();
    return {};
  }
  try {
    storage.load(*saved);
  } catch (const std::invalid_argument& e) {
    return e.what();  // names the JSON path within the storage
  }
  return {};
}

void save_storage(json::object& doc, const storage::Storage& storage) { doc[kStorageKey] = storage.to_json(); }

std::int64_t clock_origin(json::object& doc, std::int64_t now_ms) {
  if (const json::value* saved = doc.if_contains(kClockOriginKey); saved && saved->is_int64()) {
    return saved->get_int64();
  }
  doc[kClockOriginKey] = now_ms;
  return now_ms;
}

}  // namespace smapi::mock
