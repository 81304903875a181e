#include "mock_plugin/plugin_dir.h"

#include "contract/names.h"
#include "contract/json_text.h"
#include "contract/method.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/storage/storage.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;

// The queue prefix of a volume plugin directory's name (xen-api
// ocaml/xapi/storage_access.ml get_smapiv2_drivers_from_switch).
constexpr std::string_view kVolumeQueuePrefix = "org.xen.xapi.storage.";

// The file name every smapi-mock binary has; links to it are ours to replace.
constexpr std::string_view kMockBinaryName = "smapi-mock";

std::string fail(const std::string& message) { return "plugin-dir: " + message; }

// A regular file holding exactly kNotExecutableMarker.
bool is_mock_marker_file(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(p, ec))) return false;
  if (fs::file_size(p, ec) != kNotExecutableMarker.size() || ec) return false;
  std::ifstream in(p, std::ios::binary);
  std::string text(kNotExecutableMarker.size(), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return in && text == kNotExecutableMarker;
}

bool is_mock_link(const fs::path& p, const fs::path& mock_binary) {
  std::error_code ec;
  if (is_mock_marker_file(p)) return true;
  if (!fs::is_symlink(fs::symlink_status(p, ec))) return false;
  fs::path target = fs::read_symlink(p, ec);
  if (ec) return false;
  return target == mock_binary || target.filename() == kMockBinaryName;
}

// Replaces `dest` atomically with what `make` creates at a temporary name.
template <class Make>
std::string replace_atomically(const fs::path& dest, Make make) {
  fs::path tmp = dest;
  tmp += ".smapi-mock-tmp";
  std::error_code ec;
  fs::remove(tmp, ec);
  if (std::string e = make(tmp); !e.empty()) return e;
  fs::rename(tmp, dest, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return fail("cannot create " + dest.string() + ": " + ec.message());
  }
  return {};
}

// Every script name any kind of plugin directory may hold.
const std::vector<std::string_view>& all_script_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> all = plugin_scripts(PluginKind::volume);
    for (std::string_view name : plugin_scripts(PluginKind::datapath)) {
      if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
    }
    return all;
  }();
  return names;
}

}  // namespace

std::vector<std::string_view> plugin_scripts(PluginKind kind) {
  std::vector<std::string_view> scripts;
  for (contract::Method m : contract::kAllMethods) scripts.push_back(contract::script_name(m));
  // xen-api ocaml/xapi-storage-script/main.ml calls SR.* and Volume.* in the
  // volume plugin's directory (bind ~volume_script_dir), Datapath.* in the
  // datapath plugin's (choose_datapath). Data.* is declared beside Datapath
  // in data.ml (xapi-storage-script calls none of it today).
  const std::vector<std::string_view> prefixes =
      kind == PluginKind::volume ? std::vector<std::string_view>{"SR.", "Volume."}
                                 : std::vector<std::string_view>{"Datapath.", "Data."};
  for (std::string_view method : storage::Storage::methods()) {
    for (std::string_view prefix : prefixes) {
      if (method.substr(0, prefix.size()) == prefix) scripts.push_back(method);
    }
  }
  return scripts;
}

std::string plugin_name_for_directory(const fs::path& dir, PluginKind kind) {
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  if (ec) absolute = dir;
  absolute = absolute.lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();  // a trailing '/'
  std::string name = absolute.filename().string();
  if (kind == PluginKind::volume && name.rfind(kVolumeQueuePrefix, 0) == 0) name.erase(0, kVolumeQueuePrefix.size());
  return name;
}

MockConfig named_after_directory(MockConfig config, const fs::path& dir) {
  Answer& query = config.answer(contract::Method::query);
  if (!(query == Answer::make_result(default_query_result(config.kind)))) return config;
  const std::string name = plugin_name_for_directory(dir, config.kind);
  if (name.empty()) return config;
  query.result.as_object()["plugin"] = name;
  return config;
}

fs::path running_executable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

std::string make_plugin_dir(const fs::path& outdir, const MockConfig& config,
                            const fs::path& mock_binary, DirLayout layout) {
  if (outdir.empty()) return fail("no output directory given");
  if (!mock_binary.is_absolute()) {
    return fail("the smapi-mock binary path must be absolute, got " + mock_binary.string());
  }
  std::error_code ec;
  fs::create_directories(outdir, ec);
  if (ec) return fail("cannot create " + outdir.string() + ": " + ec.message());
  if (!fs::is_directory(outdir, ec)) return fail(outdir.string() + " is not a directory");

  // Check everything before changing anything.
  const fs::path config_path = outdir / kExecConfigFileName;
  {
    auto st = fs::symlink_status(config_path, ec);
    if (fs::exists(st) && !fs::is_regular_file(st)) {
      return fail(config_path.string() + " exists and is not a regular file");
    }
  }
  std::vector<fs::path> stale;  // links of the other kind's scripts: removed
  std::vector<std::string_view> scripts = plugin_scripts(config.kind);
  // A method the plugin has no script for has no file, as xapi-storage-script
  // finds it (no_script.h); a link a previous run made for it is stale.
  std::erase_if(scripts, [&](std::string_view script) {
    return std::any_of(config.no_script.begin(), config.no_script.end(),
                       [&](const std::string& method) { return contract::equals_ignoring_case(method, script); });
  });
  for (fs::directory_iterator it(outdir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    for (std::string_view script : all_script_names()) {
      if (!contract::equals_ignoring_case(name, script)) continue;
      if (name != script) {
        return fail(entry.path().string() + " would clash with " + std::string(script) +
                    " (callers match script names case-insensitively)");
      }
      if (!is_mock_link(entry.path(), mock_binary)) {
        return fail(entry.path().string() + " exists and is not a smapi-mock link");
      }
      if (std::find(scripts.begin(), scripts.end(), script) == scripts.end()) stale.push_back(entry.path());
    }
  }
  if (ec) return fail("cannot list " + outdir.string() + ": " + ec.message());

  std::string text = contract::to_compact_json(to_json(named_after_directory(config, outdir))) + "\n";
  std::string e = replace_atomically(config_path, [&](const fs::path& tmp) -> std::string {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return fail("cannot write " + tmp.string());
    return {};
  });
  if (!e.empty()) return e;
  // A new config starts its rules and its storage again.
  fs::remove(outdir / kExecStateFileName, ec);
  for (const fs::path& p : stale) fs::remove(p, ec);

  for (std::string_view script : scripts) {
    const fs::path link = outdir / script;
    const bool diagnostics = script == contract::script_name(contract::Method::diagnostics);
    if (layout == DirLayout::diagnostics_not_executable && diagnostics) {
      e = replace_atomically(link, [&](const fs::path& tmp) -> std::string {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << kNotExecutableMarker;
        out.close();
        if (!out) return fail("cannot write " + tmp.string());
        std::error_code pec;
        fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                 fs::perms::others_read, pec);
        if (pec) return fail("cannot set the mode of " + tmp.string() + ": " + pec.message());
        return {};
      });
      if (!e.empty()) return e;
      continue;
    }
    e = replace_atomically(link, [&](const fs::path& tmp) -> std::string {
      std::error_code lec;
      fs::create_symlink(mock_binary, tmp, lec);
      if (lec) return fail("cannot create link " + tmp.string() + ": " + lec.message());
      return {};
    });
    if (!e.empty()) return e;
  }
  return {};
}

}  // namespace smapi::mock
