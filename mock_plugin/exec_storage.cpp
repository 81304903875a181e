#include "mock_plugin/exec_storage.h"

#include "contract/exec_codec.h"
#include "contract/names.h"
#include "mock_plugin/exec_errors.h"
#include "mock_plugin/exec_state.h"
#include "mock_plugin/storage_call.h"

#include <memory>

namespace smapi::mock {
namespace {

namespace json = boost::json;

ExecOutput failure(std::vector<std::string> params) {
  return ExecOutput{exec_failure_text(std::move(params)), contract::kExecErrorExitStatus, {}};
}

std::string_view basename_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<std::string_view> exec_storage_method_for(std::string_view argv0) {
  const std::string_view name = basename_of(argv0);
  for (std::string_view method : storage::Storage::methods()) {
    if (contract::equals_ignoring_case(name, method)) return method;
  }
  return std::nullopt;
}

ExecOutput state_failure(const std::string& why) {
  ExecOutput out = failure({"MockStateError", why});
  out.diagnostic = why;
  return out;
}

ExecOutput answer_storage_exec(Engine& engine, storage::Storage& storage, std::string_view wire_name,
                               std::string_view stdin_text, storage::SimulatedTime now) {
  auto args = parse_exec_stdin(stdin_text);
  if (auto* refused = std::get_if<ExecOutput>(&args)) return std::move(*refused);
  Decision d = answer_storage_call(engine, storage, wire_name, std::get<json::value>(args), now);
  if (d.kind == Decision::Kind::error && d.error().code != kExecErrorCode) {
    // An IDL error (the storage's, or a rule's such as vanishing-volume's
    // Volume_does_not_exist) travels as the bindings print that exception.
    const contract::PluginError& e = d.error();
    d.answer = std::make_shared<const Answer>(
        Answer::make_error(std::string(kExecErrorCode), storage_error_params({e.code, e.params})));
  }
  ExecOutput out = encode_exec_decision(d, wire_name);
  apply_exec_faults(out, d.fault);
  return out;
}

ExecOutput answer_storage_with_state(const std::filesystem::path& state_file, Engine& engine,
                                     std::string_view wire_name, std::string_view stdin_text, std::int64_t now_ms,
                                     const StateFileLimits& limits, const StateWriteHook& hook) {
  const std::string file = resolve_state_file(state_file).string();
  ExecOutput out;
  std::string problem;
  const StateUpdate update = [&](const std::optional<std::string>& current) -> std::optional<std::string> {
    auto parsed = parse_exec_state(current);
    if (auto* why = std::get_if<std::string>(&parsed)) {
      problem = file + ": " + *why + "; delete it to start again";
      return std::nullopt;
    }
    json::object& doc = std::get<json::object>(parsed);
    storage::Storage storage;
    if (std::string why = load_storage(doc, storage); !why.empty()) {
      problem = file + ": " + why + "; delete it to start again";
      return std::nullopt;
    }
    restore_engine(doc, engine);
    const std::int64_t origin = clock_origin(doc, now_ms);
    out = answer_storage_exec(engine, storage, wire_name, stdin_text, storage::SimulatedTime(now_ms - origin));
    save_storage(doc, storage);
    if (engine.config().has_rules()) save_engine(doc, engine);
    return render_exec_state(doc);
  };
  if (std::string why = update_state_file(state_file, limits, update, hook); !why.empty()) problem = why;
  // An answer whose state was not saved would be a lie: the call fails.
  if (!problem.empty()) return state_failure(problem);
  return out;
}

}  // namespace smapi::mock
