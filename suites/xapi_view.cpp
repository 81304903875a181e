#include "suites/xapi_view.h"

#include "contract/json_text.h"
#include "contract/plugin_values.h"
#include "suites/detail/check_support.h"
#include "suites/xapi_features.h"

#include <algorithm>
#include <cctype>

namespace smapi::suites {
namespace {

// The API versions xapi registers a plugin with (CONTRACT.md 1).
constexpr std::string_view kCurrentApiVersion = "5.0";
constexpr std::string_view kDeprecatedApiVersion = "3.0";

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

void fill_features(XapiView& view, const std::vector<std::string>& features, PluginKind kind) {
  for (const auto& text : features) {
    const auto feature = parse_feature(text);
    if (!feature) {
      view.dropped.push_back(text);
      continue;
    }
    const std::string name(xapi_feature_name(feature->name));
    if (!xapi_knows_feature(feature->name, kind)) {
      view.dropped.push_back(text);
      continue;
    }
    if (name != feature->name) {
      const auto rename = feature->name + " -> " + name;
      if (std::find(view.renamed.begin(), view.renamed.end(), rename) == view.renamed.end())
        view.renamed.push_back(rename);
    }
    if (std::find(view.capabilities.begin(), view.capabilities.end(), name) != view.capabilities.end())
      continue;  // a repeated name: xapi keeps one
    view.capabilities.push_back(name);
    view.features.emplace_back(name, feature->version.value_or(1));
  }
}

}  // namespace

XapiView xapi_view_of(const Observations& observations) {
  XapiView view;
  const bool datapath = observations.subject.kind == PluginKind::datapath;
  view.registration_applies = datapath;
  const auto* call = observations.first(contract::Method::query);
  if (!call) {
    view.problem = "Plugin.query was not called";
  } else if (auto problem = call_problem(*call); !problem.empty()) {
    view.problem = std::move(problem);
  } else {
    const auto decoded = contract::decode_query_result(call->reply.result, contract::View::xapi);
    if (!decoded.value) {
      view.problem = "SCRIPT_FAILED \"Unexpected exception\" unmarshalling query_result: " +
                     detail::describe(decoded.findings);
    } else {
      const auto& query = *decoded.value;
      view.available = true;
      view.sr_type = lower(query.plugin);
      view.name = query.name;
      view.description = query.description;
      view.vendor = query.vendor;
      view.copyright = query.copyright;
      view.version = query.version;
      view.required_api_version = query.required_api_version;
      view.api_version_deprecated = query.required_api_version == kDeprecatedApiVersion;
      view.configuration = query.configuration;
      view.required_cluster_stack = query.required_cluster_stack;
      fill_features(view, query.features, observations.subject.kind);
      if (query.required_api_version != kCurrentApiVersion && !view.api_version_deprecated) {
        view.available = false;
        view.problem = "required_api_version \"" + query.required_api_version +
                       "\" is not one xapi accepts (\"5.0\", or the deprecated \"3.0\")";
      }
    }
  }
  if (datapath) {
    view.registration_succeeds = view.available;
    view.registration_detail =
        std::string("judged from the observed Plugin.query call (xapi's registration call is the same "
                    "with dbg \"register\"): ") +
        (view.available ? "it answered with a query_result xapi unmarshals" : view.problem);
  }
  return view;
}

}  // namespace smapi::suites
