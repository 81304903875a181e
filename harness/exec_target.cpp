#include "harness/exec_target.h"

#include "contract/names.h"
#include "contract/exec_codec.h"
#include "harness/answer_limits.h"
#include "harness/shell_quote.h"
#include "suites/xapi_features.h"

#include <unistd.h>

#include <algorithm>
#include <string>
#include <system_error>

namespace smapi::harness {
namespace {

using suites::Delivery;

std::string describe_limit(std::size_t bytes) { return std::to_string(bytes) + " bytes"; }

}  // namespace

ExecTarget::ExecTarget(std::filesystem::path directory, ProcessLimits limits)
    : directory_(std::move(directory)), limits_(limits) {}

std::optional<std::filesystem::path> ExecTarget::method_file(contract::Method method) const {
  const auto wanted = contract::script_name(method);
  std::error_code ec;
  const auto exact = directory_ / wanted;
  if (std::filesystem::exists(exact, ec)) return exact;
  for (const auto& entry : std::filesystem::directory_iterator(directory_, ec))
    if (contract::equals_ignoring_case(entry.path().filename().string(), wanted)) return entry.path();
  return std::nullopt;
}

suites::CallObservation ExecTarget::call_with_text(contract::Method method, std::string_view args_text) {
  suites::CallObservation call;
  call.method = method;
  call.label = std::string(contract::wire_name(method));
  call.request = std::string(args_text);

  const auto file = method_file(method);
  const auto shown = file ? *file : directory_ / contract::script_name(method);
  call.reproducer = "printf '%s' " + shell_quote(call.request) + " | " + shell_quote(shown.string()) + " --json";
  if (!file) {
    call.delivery = Delivery::missing;
    call.delivery_detail = "no file matching " + std::string(contract::script_name(method)) + " in " +
                           directory_.string();
    return call;
  }
  if (::access(file->c_str(), X_OK) != 0) {
    call.delivery = Delivery::not_executable;
    call.delivery_detail = file->string() + " is not executable";
    return call;
  }

  auto outcome = run_process({*file, {"--json"}, call.request}, limits_);
  call.elapsed = outcome.elapsed;
  call.reply_bytes = std::move(outcome.stdout_bytes);  // moved: a copy would double the peak
  call.reply_truncated = outcome.stdout_truncated;
  call.stderr_bytes = std::move(outcome.stderr_bytes);
  call.stderr_truncated = outcome.stderr_truncated;
  call.pipe_held_open = outcome.pipe_held_open;
  call.stdin_not_consumed = outcome.stdin_not_consumed;

  using End = ProcessOutcome::End;
  switch (outcome.end) {
    case End::exited:
    case End::signalled: {
      call.delivery = Delivery::answered;
      call.exit = outcome.end == End::exited
                      ? contract::ExecExit{contract::ExecExit::How::exited, outcome.exit_code}
                      : contract::ExecExit{contract::ExecExit::How::signalled, outcome.signal};
      call.reply = contract::decode_exec_reply(*call.exit, call.reply_bytes,
                                               answer_json_limits(limits_.max_stdout_bytes));
      refuse_over_memory_limit(call);
      break;
    }
    case End::timed_out:
      call.delivery = Delivery::timed_out;
      call.delivery_detail = "no exit within " + std::to_string(limits_.timeout.count()) +
                             " ms; the process group was killed";
      break;
    case End::output_limit:
      call.delivery = Delivery::output_limit;
      call.delivery_detail = "stdout passed " + describe_limit(limits_.max_stdout_bytes) +
                             "; the process group was killed";
      break;
    case End::spawn_failed:
      call.delivery = Delivery::spawn_failed;
      call.delivery_detail = outcome.error;
      break;
  }
  return call;
}

std::vector<std::string> list_method_files(const std::filesystem::path& directory) {
  const auto is_method_script = [](const std::string& name) {
    for (const auto method : contract::kAllMethods)
      if (contract::equals_ignoring_case(name, contract::script_name(method))) return true;
    return std::any_of(suites::kScriptCapabilities.begin(), suites::kScriptCapabilities.end(),
                       [&](const auto& entry) { return contract::equals_ignoring_case(name, entry.script); });
  };
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!is_method_script(name)) continue;
    std::error_code status_ec;
    if (!std::filesystem::is_regular_file(it->path(), status_ec)) continue;  // follows links
    if (::access(it->path().c_str(), X_OK) != 0) continue;
    files.push_back(std::move(name));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::filesystem::path> plugin_directories_below(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> found;
  std::vector<std::filesystem::path> level{directory};
  std::size_t entries = 0;
  for (int depth = 1; depth <= kPluginSearchDepth && !level.empty(); ++depth) {
    std::vector<std::filesystem::path> next;
    for (const auto& dir : level) {
      std::error_code ec;
      for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (++entries > kMaxPluginSearchEntries) break;
        std::error_code status_ec;
        if (!it->is_directory(status_ec)) continue;
        if (!list_method_files(it->path()).empty()) found.push_back(it->path());
        else next.push_back(it->path());
      }
    }
    level = std::move(next);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<suites::PluginKind> infer_plugin_kind(const std::filesystem::path& directory) {
  auto absolute = std::filesystem::absolute(directory).lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();
  const auto parent = absolute.parent_path().filename().string();
  if (parent == "volume") return suites::PluginKind::volume;
  if (parent == "datapath") return suites::PluginKind::datapath;
  if (absolute.filename().string().rfind("org.xen.xapi.storage.", 0) == 0) return suites::PluginKind::volume;
  return std::nullopt;
}

}  // namespace smapi::harness
