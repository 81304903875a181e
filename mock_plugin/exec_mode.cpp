#include "mock_plugin/exec_mode.h"

#include "contract/exec_codec.h"
#include "contract/json_text.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/exec_errors.h"
#include "mock_plugin/exec_state.h"
#include "mock_plugin/exec_state_file.h"
#include "mock_plugin/exec_storage.h"
#include "mock_plugin/mutation.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/storage_call.h"

#include <boost/json/object.hpp>

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <variant>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;

ExecOutput failure(std::vector<std::string> params) {
  return ExecOutput{exec_failure_text(std::move(params)), contract::kExecErrorExitStatus, {}};
}

ExecOutput bad_stdin(std::string_view why) { return failure(bad_stdin_params(why)); }

std::string usage(std::string_view name) {
  return "usage: " + std::string(name) + " [-h] -j\n";
}

std::string_view basename_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nobody is listening; nothing better to do
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The storage a state file's text holds, into `storage`; "" or why the text
// is no state file, naming the file.
std::string load_saved_storage(const std::filesystem::path& path, const std::optional<std::string>& text,
                               storage::Storage& storage) {
  auto parsed = parse_exec_state(text);
  std::string why;
  if (auto* bad = std::get_if<std::string>(&parsed)) why = *bad;
  else why = load_storage(std::get<json::object>(parsed), storage);
  if (why.empty()) return {};
  return resolve_state_file(path).string() + ": " + why + "; delete it to start again";
}

// Answers a Plugin call the storage may answer (Plugin.ls's default) for a
// config without rules: nothing is saved, so the state file is only read,
// without the lock (exec_state_file.h read_state_file). No file yet is an
// empty storage; a file that cannot be read or is no state file fails the
// call, as it fails a storage call.
ExecOutput answer_from_saved_storage(const std::filesystem::path& path, Engine& engine, contract::Method method,
                                     std::string_view input) {
  std::string error;
  const std::optional<std::string> text = read_state_file(path, StateFileLimits{}, error);
  if (!error.empty()) return state_failure(error);
  storage::Storage storage;
  if (std::string why = load_saved_storage(path, text, storage); !why.empty()) return state_failure(why);
  return answer_exec(engine, storage, method, input);
}

// Answers one call with the engine state loaded from and saved back to the
// state file under its lock, and, when the storage may answer it, the
// storage read from there too. When the file cannot be used the call is
// answered without it (a storage only read); when it is not a state file
// the answer is that error. Either way out.diagnostic says why.
void answer_with_state(const std::filesystem::path& path, Engine& engine, contract::Method method,
                       std::string_view input, ExecOutput& out) {
  const bool reads_storage = engine.config().answers_from_storage(method);
  bool answered = false;
  std::string corrupt;
  const StateUpdate update = [&](const std::optional<std::string>& current) -> std::optional<std::string> {
    auto parsed = parse_exec_state(current);
    if (auto* why = std::get_if<std::string>(&parsed)) {
      corrupt = resolve_state_file(path).string() + ": " + *why + "; delete it to start again";
      return std::nullopt;
    }
    json::object& doc = std::get<json::object>(parsed);
    storage::Storage storage;
    if (reads_storage) {
      if (std::string why = load_storage(doc, storage); !why.empty()) {
        corrupt = resolve_state_file(path).string() + ": " + why + "; delete it to start again";
        return std::nullopt;
      }
    }
    restore_engine(doc, engine);
    out = answer_exec(engine, storage, method, input);
    answered = true;
    save_engine(doc, engine);
    return render_exec_state(doc);
  };
  const std::string why = update_state_file(path, StateFileLimits{}, update);
  if (!corrupt.empty()) {
    out = state_failure(corrupt);
    return;
  }
  if (!answered) out = reads_storage ? answer_from_saved_storage(path, engine, method, input)
                                     : answer_exec(engine, method, input);
  if (!why.empty() && out.diagnostic.empty()) out.diagnostic = why + "; rules restart with every call";
}

void sleep_for(std::chrono::milliseconds duration) {
  timespec left{static_cast<time_t>(duration.count() / 1000),
                static_cast<long>((duration.count() % 1000) * 1'000'000)};
  while (::nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
}

// A child that keeps the inherited stdout and stderr open, then exits.
void leave_child() {
  const pid_t pid = ::fork();
  if (pid != 0) return;  // the parent (or fork failed: nothing is left behind)
  sleep_for(std::chrono::seconds(kLeaveChildSeconds));
  ::_exit(0);
}

}  // namespace

std::optional<contract::Method> exec_method_for(std::string_view argv0) {
  return contract::method_from_name(basename_of(argv0));
}

namespace {

// The stdout text of a failure, with the fault's field edits on the error object.
std::string error_text(const contract::PluginError& e, const Fault& fault) {
  std::string text = contract::encode_exec_error(e);
  if (!has_field_edits(fault)) return text;
  contract::JsonParse parsed = contract::parse_one_json_value(text);
  if (!parsed.value) return text;
  return contract::to_compact_json(edit_result(std::move(*parsed.value), fault));
}

}  // namespace

ExecOutput encode_exec_decision(const Decision& d, std::string_view wire_name) {
  switch (d.kind) {
    case Decision::Kind::result:
      return ExecOutput{contract::to_compact_json(edit_result(d.result(), d.fault)), 0, {}};
    case Decision::Kind::unimplemented:
      return ExecOutput{error_text(exec_failure({"Unimplemented", std::string(wire_name)}), d.fault),
                        contract::kExecErrorExitStatus, {}};
    case Decision::Kind::error:
      return ExecOutput{error_text(d.error(), d.fault), contract::kExecErrorExitStatus, {}};
    case Decision::Kind::bad_arguments:
      return ExecOutput{error_text(exec_failure(bad_arguments_params(d.problem)), d.fault),
                        contract::kExecErrorExitStatus, {}};
  }
  return failure({"Internal_error", "unreachable"});
}

void apply_exec_faults(ExecOutput& out, const Fault& f) {
  const bool silent = f.no_output || f.connection == Fault::Connection::close ||
                      f.connection == Fault::Connection::reset || f.connection == Fault::Connection::hang;
  if (silent) {
    out.stdout_text.clear();
  } else {
    out.stdout_text = mangle_body(std::move(out.stdout_text), f.body);
    if (!out.stdout_text.empty()) out.stdout_text += "\n";
  }
  if (f.exit_code) out.exit_status = *f.exit_code;
  out.fault = f;
}

std::variant<json::value, ExecOutput> parse_exec_stdin(std::string_view stdin_text) {
  if (stdin_text.size() > kMaxExecStdinBytes) {
    return bad_stdin("more than " + std::to_string(kMaxExecStdinBytes) + " bytes");
  }
  if (stdin_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return bad_stdin("empty stdin");
  contract::JsonParse parsed = contract::parse_one_json_value(stdin_text);
  if (!parsed.value) return bad_stdin(parsed.error);
  return std::move(*parsed.value);
}

namespace {

// answer_exec, with `storage` null for an empty one: the engine's own
// decision lists no SRs then.
ExecOutput answer_exec_from(Engine& engine, const storage::Storage* storage, contract::Method method,
                            std::string_view stdin_text) {
  auto args = parse_exec_stdin(stdin_text);
  if (auto* refused = std::get_if<ExecOutput>(&args)) return std::move(*refused);
  const json::value& call = std::get<json::value>(args);
  Decision d = storage != nullptr ? answer_plugin_call(engine, *storage, method, call) : engine.decide(method, call);
  ExecOutput out = encode_exec_decision(d, contract::wire_name(method));
  apply_exec_faults(out, d.fault);
  return out;
}

}  // namespace

ExecOutput answer_exec(Engine& engine, contract::Method method, std::string_view stdin_text) {
  return answer_exec_from(engine, nullptr, method, stdin_text);
}

ExecOutput answer_exec(Engine& engine, const storage::Storage& storage, contract::Method method,
                       std::string_view stdin_text) {
  return answer_exec_from(engine, &storage, method, stdin_text);
}

ExecOutput answer_exec(const MockConfig& config, contract::Method method,
                       std::string_view stdin_text) {
  Engine engine(config);
  return answer_exec(engine, method, stdin_text);
}

namespace {

// Runs one call of `script` (a Plugin method, or a storage method's wire name).
int run_exec(std::variant<contract::Method, std::string_view> script, int argc, char** argv) {
  const auto* plugin_method = std::get_if<contract::Method>(&script);
  const std::string_view argv0 = argc > 0 ? argv[0]
                                 : plugin_method ? contract::script_name(*plugin_method)
                                                 : std::get<std::string_view>(script);
  const std::string_view name = basename_of(argv0);

  bool json_flag = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--json" || arg == "-j") {
      json_flag = true;
    } else if (arg == "--help" || arg == "-h") {
      write_all(1, usage(name) + "Reads the arguments object {\"dbg\": \"...\"} from stdin.\n");
      return 0;
    } else {
      write_all(2, usage(name) + std::string(name) + ": error: unrecognized argument '" +
                       std::string(arg) + "'\n");
      return kExecUsageExitStatus;
    }
  }
  if (!json_flag) {
    write_all(2, usage(name) + std::string(name) +
                     ": error: the --json flag is required (arguments are read from stdin)\n");
    return kExecUsageExitStatus;
  }

  // The config next to the script, else the defaults.
  std::size_t slash = argv0.rfind('/');
  const std::string plugin_dir = slash == std::string_view::npos
                                     ? std::string(".")
                                     : std::string(argv0.substr(0, slash == 0 ? 1 : slash));
  std::string config_path = plugin_dir;
  if (config_path != "/") config_path += '/';
  config_path += kExecConfigFileName;
  MockConfig config = default_config();
  struct stat st {};
  if (::stat(config_path.c_str(), &st) == 0 || errno != ENOENT) {
    ConfigLoad load = load_config_file(config_path);
    if (!load.config) {
      write_all(2, std::string(name) + ": " + load.error + "\n");
      ExecOutput out = failure({"MockConfigError", load.error});
      write_all(1, out.stdout_text);
      return out.exit_status;
    }
    config = std::move(*load.config);
  }
  // Named after the directory, unless the config gives its own Plugin.query answer.
  config = named_after_directory(std::move(config), plugin_dir);

  // stdin, to its end or one byte past the cap.
  std::string input;
  char buf[16 * 1024];
  for (;;) {
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      ExecOutput out = bad_stdin(std::string("cannot read stdin: ") + std::strerror(errno));
      write_all(1, out.stdout_text);
      return out.exit_status;
    }
    if (n == 0) break;
    input.append(buf, static_cast<std::size_t>(n));
    if (input.size() > kMaxExecStdinBytes) break;
  }

  ExecOutput out;
  std::string state_path = config_path.substr(0, config_path.size() - kExecConfigFileName.size());
  state_path += kExecStateFileName;
  if (!plugin_method) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    Engine engine(std::move(config));
    out = answer_storage_with_state(state_path, engine, std::get<std::string_view>(script), input, now.count());
  } else {
    Engine engine(std::move(config));
    if (engine.config().has_rules()) {
      answer_with_state(state_path, engine, *plugin_method, input, out);
    } else if (engine.config().answers_from_storage(*plugin_method)) {
      out = answer_from_saved_storage(state_path, engine, *plugin_method, input);
    } else {
      out = answer_exec(engine, *plugin_method, input);
    }
  }

  if (!out.diagnostic.empty()) write_all(2, std::string(name) + ": " + out.diagnostic + "\n");
  const Fault& fault = out.fault;
  if (!fault.stderr_text.empty()) write_all(2, fault.stderr_text);
  if (fault.delay.count() > 0) sleep_for(fault.delay);
  if (fault.connection == Fault::Connection::hang) {
    for (;;) ::pause();  // until the caller kills us
  }
  write_all(1, out.stdout_text);
  if (fault.leave_child) leave_child();
  if (fault.signal) {
    std::signal(*fault.signal, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, *fault.signal);
    sigprocmask(SIG_UNBLOCK, &set, nullptr);
    std::raise(*fault.signal);
  }
  return out.exit_status;
}

}  // namespace

int run_exec_mode(contract::Method method, int argc, char** argv) { return run_exec(method, argc, argv); }

int run_exec_mode(std::string_view storage_method, int argc, char** argv) {
  return run_exec(storage_method, argc, argv);
}

}  // namespace smapi::mock
