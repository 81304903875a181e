#include "mock_plugin/exec_storage.h"

#include "contract/exec_codec.h"
#include "contract/json_text.h"
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
  if (stdin_text.size() > kMaxExecStdinBytes) {
    return failure(bad_stdin_params("more than " + std::to_string(kMaxExecStdinBytes) + " bytes"));
  }
  if (stdin_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return failure(bad_stdin_params("empty stdin"));
  contract::JsonParse parsed = contract::parse_one_json_value(stdin_text);
  if (!parsed.value) return failure(bad_stdin_params(parsed.error));

  Decision d = engine.decide(wire_name, *parsed.value);
  if (d.to_storage) {
    // decide() accepted the arguments: an object with a string dbg.
    d.to_storage = false;
    storage::StorageReply reply = storage.call(wire_name, parsed.value->get_object(), now);
    if (reply.error) {
      d.kind = Decision::Kind::error;
      d.answer = std::make_shared<const Answer>(
          Answer::make_error(std::move(reply.error->code), std::move(reply.error->params)));
    } else {
      d.kind = Decision::Kind::result;
      d.answer = std::make_shared<const Answer>(Answer::make_result(std::move(reply.result)));
    }
  }
  if (d.kind == Decision::Kind::error && d.error().code != kExecErrorCode) {
    // An IDL error (the storage's, or a rule's such as vanishing-volume's
    // Volume_does_not_exist) travels as the bindings print that exception.
    const contract::PluginError& e = d.error();
    d.answer = std::make_shared<const Answer>(
        Answer::make_error(std::string(kExecErrorCode), storage_error_params({e.code, e.params})));
  }
  if (d.fault.restart && d.kind != Decision::Kind::bad_arguments) forget_attached_srs(storage);
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
    const PluginKind kind = engine.config().kind;
    const std::string fingerprint = config_fingerprint(engine.config());
    if (auto saved = saved_engine_state(doc, kind, fingerprint)) engine.restore(*saved);
    const std::int64_t origin = clock_origin(doc, now_ms);
    out = answer_storage_exec(engine, storage, wire_name, stdin_text, storage::SimulatedTime(now_ms - origin));
    save_storage(doc, storage);
    if (engine.config().has_rules()) save_engine_state(doc, kind, fingerprint, engine.state());
    return render_exec_state(doc);
  };
  if (std::string why = update_state_file(state_file, limits, update, hook); !why.empty()) problem = why;
  // An answer whose state was not saved would be a lie: the call fails.
  if (!problem.empty()) return state_failure(problem);
  return out;
}

}  // namespace smapi::mock
