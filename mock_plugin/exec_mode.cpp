#include "mock_plugin/exec_mode.h"

#include "contract/exec_codec.h"
#include "contract/json_text.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/mutation.h"
#include "mock_plugin/plugin_dir.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;

// Longest Python repr quoted in a TypeError message.
constexpr std::size_t kMaxReprChars = 80;

void python_repr(const json::value& v, std::string& out) {
  if (out.size() > kMaxReprChars) return;
  switch (v.kind()) {
    case json::kind::null: out += "None"; return;
    case json::kind::bool_: out += v.get_bool() ? "True" : "False"; return;
    case json::kind::string: {
      out += '\'';
      for (char c : v.get_string()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += '\'';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        python_repr(e, out);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        python_repr(json::string(k), out);
        out += ": ";
        python_repr(e, out);
      }
      out += '}';
      return;
    }
    default: out += json::serialize(v); return;
  }
}

std::string repr(const json::value& v) {
  std::string out;
  python_repr(v, out);
  if (out.size() > kMaxReprChars) {
    out.resize(kMaxReprChars);
    out += "...";
  }
  return out;
}

ExecOutput failure(std::vector<std::string> params) {
  contract::PluginError e;
  e.code = std::string(kExecErrorCode);
  e.params = std::move(params);
  return ExecOutput{contract::encode_exec_error(e) + "\n", contract::kExecErrorExitStatus, {}};
}

ExecOutput bad_stdin(std::string_view why) {
  return failure({"UnmarshalException",
                  "UnmarshalException thing=stdin ty=json desc=" + std::string(why)});
}

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

// The config's fingerprint, recorded in the state file so that a changed
// config starts again.
std::string config_fingerprint(const MockConfig& config) {
  return std::to_string(std::hash<std::string>{}(contract::to_compact_json(to_json(config))));
}

// Reads the whole file from its start, at most `limit` + 1 bytes.
std::string read_fd(int fd, std::size_t limit) {
  std::string text;
  char buf[16 * 1024];
  off_t at = 0;
  while (text.size() <= limit) {
    ssize_t n = ::pread(fd, buf, sizeof buf, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
  return text;
}

// Answers one call with the engine state loaded from and saved back to the
// state file at `path`, under an exclusive flock. Returns "" or why the
// state file could not be used (the call is then answered without it).
std::string answer_with_state(const std::string& path, Engine& engine, contract::Method method,
                              std::string_view input, ExecOutput& out) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    out = answer_exec(engine, method, input);
    return "cannot open " + path + ": " + std::strerror(errno);
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }  // also releases the lock
  } closer{fd};
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    out = answer_exec(engine, method, input);
    return "cannot lock " + path + ": " + std::strerror(errno);
  }
  const std::string fingerprint = config_fingerprint(engine.config());
  const std::string text = read_fd(fd, kMaxExecStateBytes);
  if (text.size() <= kMaxExecStateBytes) {
    contract::JsonParse parsed = contract::parse_one_json_value(text);
    const json::object* saved = parsed.value ? parsed.value->if_object() : nullptr;
    const json::value* config = saved ? saved->if_contains("config") : nullptr;
    const json::value* state = saved ? saved->if_contains("state") : nullptr;
    if (config != nullptr && state != nullptr && *config == json::value(fingerprint)) {
      if (auto restored = engine_state_from_json(*state)) engine.restore(*restored);
    }
  }
  out = answer_exec(engine, method, input);
  const std::string next =
      contract::to_compact_json(json::object{{"config", fingerprint}, {"state", to_json(engine.state())}}) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, next.data(), next.size(), 0) != static_cast<ssize_t>(next.size())) {
    return "cannot write " + path + ": " + std::strerror(errno);
  }
  return {};
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

contract::PluginError backend_failure(std::vector<std::string> params) {
  contract::PluginError e;
  e.code = std::string(kExecErrorCode);
  e.params = std::move(params);
  return e;
}

// The decision as stdout text and exit status, before faults on the bytes.
ExecOutput encode_decision(const Decision& d, contract::Method method) {
  switch (d.kind) {
    case Decision::Kind::result:
      return ExecOutput{contract::to_compact_json(edit_result(d.result(), d.fault)), 0, {}};
    case Decision::Kind::unimplemented:
      return ExecOutput{
          error_text(backend_failure({"Unimplemented", std::string(contract::wire_name(method))}), d.fault),
          contract::kExecErrorExitStatus, {}};
    case Decision::Kind::error:
      return ExecOutput{error_text(d.error(), d.fault), contract::kExecErrorExitStatus, {}};
    case Decision::Kind::bad_arguments: {
      std::vector<std::string> params;
      switch (d.problem.kind) {
        case ArgumentProblem::Kind::missing_dbg:
          params = {"UnmarshalException", "UnmarshalException thing=argument missing ty=dbg desc="};
          break;
        case ArgumentProblem::Kind::dbg_not_string:
          params = {"TypeError", "TypeError expected=string actual=" + repr(d.problem.actual)};
          break;
        case ArgumentProblem::Kind::not_an_object:
          params = {"TypeError", "TypeError expected=dict actual=" + repr(d.problem.actual)};
          break;
      }
      return ExecOutput{error_text(backend_failure(std::move(params)), d.fault),
                        contract::kExecErrorExitStatus, {}};
    }
  }
  return ExecOutput{contract::encode_exec_error(backend_failure({"Internal_error", "unreachable"})),
                    contract::kExecErrorExitStatus, {}};
}

}  // namespace

ExecOutput answer_exec(Engine& engine, contract::Method method, std::string_view stdin_text) {
  if (stdin_text.size() > kMaxExecStdinBytes) {
    return bad_stdin("more than " + std::to_string(kMaxExecStdinBytes) + " bytes");
  }
  if (stdin_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return bad_stdin("empty stdin");
  }
  contract::JsonParse parsed = contract::parse_one_json_value(stdin_text);
  if (!parsed.value) return bad_stdin(parsed.error);

  Decision d = engine.decide(method, *parsed.value);
  ExecOutput out = encode_decision(d, method);
  const Fault& f = d.fault;
  const bool silent = f.no_output || f.connection == Fault::Connection::close ||
                      f.connection == Fault::Connection::reset ||
                      f.connection == Fault::Connection::hang;
  if (silent) {
    out.stdout_text.clear();
  } else {
    out.stdout_text = mangle_body(std::move(out.stdout_text), f.body);
    if (!out.stdout_text.empty()) out.stdout_text += "\n";
  }
  if (f.exit_code) out.exit_status = *f.exit_code;
  out.fault = f;
  return out;
}

ExecOutput answer_exec(const MockConfig& config, contract::Method method,
                       std::string_view stdin_text) {
  Engine engine(config);
  return answer_exec(engine, method, stdin_text);
}

int run_exec_mode(contract::Method method, int argc, char** argv) {
  const std::string_view argv0 = argc > 0 ? argv[0] : contract::script_name(method);
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

  Engine engine(std::move(config));
  ExecOutput out;
  if (engine.config().has_rules()) {
    std::string state_path = config_path.substr(0, config_path.size() - kExecConfigFileName.size());
    state_path += kExecStateFileName;
    if (std::string why = answer_with_state(state_path, engine, method, input, out); !why.empty()) {
      write_all(2, std::string(name) + ": " + why + "; rules restart with every call\n");
    }
  } else {
    out = answer_exec(engine, method, input);
  }

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

}  // namespace smapi::mock
