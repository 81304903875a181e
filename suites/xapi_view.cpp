#include "suites/xapi_view.h"

#include "contract/json_text.h"
#include "contract/names.h"
#include "contract/plugin_values.h"
#include "suites/detail/check_support.h"
#include "suites/detail/ocaml_stdlib.h"
#include "suites/xapi_features.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace smapi::suites {
namespace {

// The API versions xapi-storage-script registers a datapath plugin with
// (main.ml supported_api_versions), and the current one.
constexpr std::string_view kCurrentApiVersion = "5.0";
constexpr std::string_view kDeprecatedApiVersion = "3.0";
// A Volume plugin of this type is never registered (xapi_sm.ml
// create_from_query_result skips it).
constexpr std::string_view kReservedDriver = "storage_access";

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What xapi would report for a Plugin.query call that gave no query_result
// it can use; empty when the call answered with a result.
std::string call_problem(const CallObservation& call) {
  switch (call.delivery) {
    case Delivery::answered: break;
    case Delivery::timed_out:
      return "Plugin.query did not answer within the harness timeout (xapi puts no timeout on a "
             "script: it would hang)";
    case Delivery::missing: return "SCRIPT_MISSING: the plugin has no Plugin.Query file";
    case Delivery::output_limit:
      return "Plugin.query's answer exceeded the harness output limit";
    default: {
      std::string problem = "Plugin.query could not be called: " + std::string(to_string(call.delivery));
      if (!call.delivery_detail.empty()) problem += ": " + call.delivery_detail;
      return problem;
    }
  }
  switch (call.reply.kind) {
    case contract::Reply::Kind::result: return {};
    case contract::Reply::Kind::malformed: return call.reply.problem;
    case contract::Reply::Kind::error:
      return "Plugin.query failed with " + contract::json_excerpt(call.reply.error.raw, 200);
  }
  return {};
}

// The query_result of a call as xapi unmarshals it, or why there is none.
// The one place the view decodes a query_result.
struct ReadQuery {
  std::optional<contract::QueryResult> query;
  std::string problem;
};

ReadQuery read_query(const CallObservation* call) {
  if (!call) return {std::nullopt, "Plugin.query was not called"};
  if (auto problem = call_problem(*call); !problem.empty()) return {std::nullopt, std::move(problem)};
  auto decoded = contract::decode_query_result(call->reply.result, contract::View::xapi);
  if (!decoded.value)
    return {std::nullopt, "SCRIPT_FAILED \"Unexpected exception\" unmarshalling query_result: " +
                              detail::describe(decoded.findings)};
  return {std::move(*decoded.value), {}};
}

// The query_result fields the view shows as they are.
void copy_fields(XapiView& view, const contract::QueryResult& query) {
  view.name = query.name;
  view.description = query.description;
  view.vendor = query.vendor;
  view.copyright = query.copyright;
  view.version = query.version;
  view.required_api_version = query.required_api_version;
}

// Whether the plugin directory holds the script, found as main.ml Script.path
// finds it (case-insensitively).
bool has_script(const std::vector<std::string>& files, std::string_view script) {
  return std::any_of(files.begin(), files.end(),
                     [&](const std::string& file) { return contract::equals_ignoring_case(file, script); });
}

// Steps 1-5 of the header: the SM record's features.
void fill_sm_features(XapiView& view, const std::vector<std::string>& declared, const RunSubject& subject) {
  // 1. The rename, on the whole text.
  std::vector<std::string> texts;
  for (const auto& text : declared) {
    if (text == "VDI_DESTROY") {
      texts.emplace_back("VDI_DELETE");
      const std::string rename = "VDI_DESTROY -> VDI_DELETE";
      if (std::find(view.renamed.begin(), view.renamed.end(), rename) == view.renamed.end())
        view.renamed.push_back(rename);
    } else {
      texts.push_back(text);
    }
  }
  // 2. Scripts present: main.ml conses each onto an accumulator, so they
  //    follow the declared features in reverse table order.
  view.scripts_known = subject.transport == Transport::exec;
  std::vector<std::string> from_scripts;
  for (const auto& [script, capability] : kScriptCapabilities)
    if (has_script(subject.method_files, script)) {
      from_scripts.emplace_back(capability);
      view.added.push_back({std::string(capability), "script " + std::string(script)});
    }
  texts.insert(texts.end(), from_scripts.rbegin(), from_scripts.rend());
  // 3. Always.
  for (const auto capability : kAlwaysCapabilities) {
    texts.emplace_back(capability);
    view.added.push_back({std::string(capability), "every Volume plugin"});
  }
  // 4. Clone on boot, in front.
  if (std::find(texts.begin(), texts.end(), kCloneFeature) != texts.end()) {
    texts.insert(texts.begin(), std::string(kResetOnBootFeature));
    view.added.push_back({std::string(kResetOnBootFeature), std::string(kCloneFeature)});
  }
  // 5. xapi reads them, sorts and collapses.
  std::vector<std::pair<std::string, std::int64_t>> read;
  for (const auto& text : texts) {
    const auto feature = xapi_read_feature(text);
    switch (feature.read) {
      case XapiFeature::Read::unknown_name: view.dropped.push_back(text); continue;
      case XapiFeature::Read::bad_version: view.clamped.push_back({text, "bad version, defaulting to 1"}); break;
      case XapiFeature::Read::version_below_1:
        view.clamped.push_back({text, "version below 1, raised to 1"});
        break;
      case XapiFeature::Read::kept: break;
    }
    read.emplace_back(feature.name, feature.version);
  }
  view.features = detail::ocaml_sort_uniq(read, [](const auto& a, const auto& b) { return a.first.compare(b.first); });
  for (const auto& feature : view.features) view.capabilities.push_back(feature.first);
}

// Whether xapi registers a Volume plugin with this API version; "" if so, else why not.
std::string volume_api_problem(XapiView& view) {
  const auto& text = view.required_api_version;
  if (text == kCurrentApiVersion) return {};
  if (text == kDeprecatedApiVersion) {
    view.api_version_deprecated = true;
    view.api_version_note =
        "deprecated: xen-api ocaml/xapi/storage_access.ml on_xapi_start unregisters an SM record below "
        "\"5.0\" at every xapi start (is_available); it is made again while the plugin runs";
    return {};
  }
  const auto version = xapi_version_of_string(text);
  if (!version)
    return "required_api_version \"" + text +
           "\" is not a version xapi reads (xen-api ocaml/xapi/xapi_sm.ml version_of_string: int_of_string "
           "of each '.' part raises)";
  if (xapi_version_below_2(*version))
    return "required_api_version \"" + text +
           "\" is below 2.0: xen-api ocaml/xapi/xapi_sm.ml register_plugin does not register it (is_v1)";
  view.api_version_note = "not an API version of the IDL (\"5.0\"); xapi accepts it";
  return {};
}

void fill_volume(XapiView& view, const Observations& observations) {
  auto read = read_query(observations.first(contract::Method::query));
  if (!read.query) {
    view.problem = std::move(read.problem);
    view.summary = "xapi would not register the plugin: " + view.problem;
    return;
  }
  const auto& query = *read.query;
  view.sr_type = lower(query.plugin);
  copy_fields(view, query);
  view.configuration = query.configuration;
  view.required_cluster_stack = query.required_cluster_stack;
  fill_sm_features(view, query.features, observations.subject);
  view.problem = volume_api_problem(view);
  if (view.problem.empty() && view.sr_type == kReservedDriver)
    view.problem = "SR type \"storage_access\" is reserved: xen-api ocaml/xapi/xapi_sm.ml "
                   "create_from_query_result skips it";
  view.available = view.problem.empty();
  if (!view.available) {
    view.summary = "xapi would not register the plugin: " + view.problem;
    return;
  }
  view.summary = "SR type \"" + view.sr_type + "\", " + std::to_string(view.capabilities.size()) +
                 (view.capabilities.size() == 1 ? " capability" : " capabilities");
  if (!view.scripts_known) view.summary += " (without those of method scripts: unknown over HTTP)";
}

// The Plugin.query call xapi-storage-script's registration makes (dbg
// "register") when the run made one, else the plain call; `how` says which.
// A register call whose result the run cut (compact_call) cannot be decoded:
// the plain call stands in when its answer is the same, or, said so, when not.
const CallObservation* registration_call(const Observations& observations, std::string& how) {
  const auto* plain = observations.first(contract::Method::query);
  how = "judged from the plain Plugin.query call (the run made none with dbg \"register\", the call "
        "xapi-storage-script makes)";
  for (const auto& call : observations.calls) {
    if (call.method != contract::Method::query || call.probe != Probe::dbg_variant ||
        call.request.find("\"register\"") == std::string::npos)
      continue;
    const bool cut_result = detail::answer_cut(call) && call.delivery == Delivery::answered &&
                            call.reply.kind == contract::Reply::Kind::result;
    if (!cut_result || !plain) {
      how = "judged from the Plugin.query call with dbg \"register\", the call xapi-storage-script makes "
            "(main.ml Datapath_plugins.register)";
      return &call;
    }
    how = detail::answer_digest(call) == detail::answer_digest(*plain)
              ? "judged from the plain Plugin.query call, whose answer is the same as that of the call with dbg "
                "\"register\" (too large for the run to keep whole)"
              : "judged from the plain Plugin.query call: the call with dbg \"register\" answered otherwise, and "
                "too large for the run to keep whole";
    return plain;
  }
  return plain;
}

void fill_datapath(XapiView& view, const Observations& observations) {
  view.registration_applies = true;
  std::string how;
  auto read = read_query(registration_call(observations, how));
  if (read.query) {
    copy_fields(view, *read.query);
    const auto& api = view.required_api_version;
    if (api == kDeprecatedApiVersion) {
      view.api_version_deprecated = true;
      view.api_version_note = "deprecated: xapi-storage-script logs \"Using deprecated SMAPIv3 API version\"";
    } else if (api != kCurrentApiVersion) {
      read.problem = "required_api_version \"" + api +
                     "\" is neither \"5.0\" nor \"3.0\" (xen-api ocaml/xapi-storage-script/main.ml "
                     "check_plugin_version_compatible: No_storage_plugin_for_sr)";
    }
  }
  view.problem = std::move(read.problem);
  view.available = view.problem.empty();
  view.registration_succeeds = view.available;
  view.registration_detail = std::move(how);
  const auto& subject = observations.subject;
  const std::string scheme =
      subject.transport == Transport::exec && !subject.plugin_dir_name.empty()
          ? "for URI scheme " + subject.plugin_dir_name
          : "served over HTTP (xapi-storage-script registers a datapath plugin by its directory, whose name is "
            "the URI scheme; an HTTP target has no directory)";
  view.summary = "datapath plugin " + scheme + ", " +
                 (view.available ? std::string("registered") : "not registered: " + view.problem);
}

}  // namespace

XapiView xapi_view_of(const Observations& observations) {
  XapiView view;
  if (observations.subject.kind == PluginKind::datapath)
    fill_datapath(view, observations);
  else
    fill_volume(view, observations);
  return view;
}

}  // namespace smapi::suites
