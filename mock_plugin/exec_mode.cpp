#include "mock_plugin/exec_mode.h"

#include "contract/exec_codec.h"
#include "contract/json_text.h"
#include "mock_plugin/engine.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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
  return ExecOutput{contract::encode_exec_error(e) + "\n", contract::kExecErrorExitStatus};
}

ExecOutput failure(const contract::PluginError& e) {
  return ExecOutput{contract::encode_exec_error(e) + "\n", contract::kExecErrorExitStatus};
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

}  // namespace

std::optional<contract::Method> exec_method_for(std::string_view argv0) {
  return contract::method_from_name(basename_of(argv0));
}

ExecOutput answer_exec(const MockConfig& config, contract::Method method,
                       std::string_view stdin_text) {
  if (stdin_text.size() > kMaxExecStdinBytes) {
    return bad_stdin("more than " + std::to_string(kMaxExecStdinBytes) + " bytes");
  }
  if (stdin_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return bad_stdin("empty stdin");
  }
  contract::JsonParse parsed = contract::parse_one_json_value(stdin_text);
  if (!parsed.value) return bad_stdin(parsed.error);

  Decision d = decide(config, method, *parsed.value);
  switch (d.kind) {
    case Decision::Kind::result:
      return ExecOutput{contract::to_compact_json(d.result) + "\n", 0};
    case Decision::Kind::unimplemented:
      return failure({"Unimplemented", std::string(contract::wire_name(method))});
    case Decision::Kind::error:
      return failure(d.error);
    case Decision::Kind::bad_arguments:
      switch (d.problem.kind) {
        case ArgumentProblem::Kind::missing_dbg:
          return failure({"UnmarshalException",
                          "UnmarshalException thing=argument missing ty=dbg desc="});
        case ArgumentProblem::Kind::dbg_not_string:
          return failure({"TypeError", "TypeError expected=string actual=" + repr(d.problem.actual)});
        case ArgumentProblem::Kind::not_an_object:
          return failure({"TypeError", "TypeError expected=dict actual=" + repr(d.problem.actual)});
      }
  }
  return failure({"Internal_error", "unreachable"});
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
  std::string config_path = slash == std::string_view::npos
                                ? std::string(".")
                                : std::string(argv0.substr(0, slash == 0 ? 1 : slash));
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

  ExecOutput out = answer_exec(config, method, input);
  write_all(1, out.stdout_text);
  return out.exit_status;
}

}  // namespace smapi::mock
