#include "mock_plugin/recording.h"

#include "contract/names.h"
#include "mock_plugin/no_script.h"
#include "mock_plugin/plugin_dir.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

namespace smapi::mock {
namespace {

namespace json = boost::json;

json::object args_with(std::initializer_list<std::pair<std::string_view, json::value>> members) {
  json::object args;
  args["dbg"] = kRecordDbg;
  for (const auto& [name, value] : members) args[name] = value;
  return args;
}

// The answer object of config.h for one reply.
json::object answer_of(const contract::Reply& reply, contract::ErrorForm form) {
  json::object answer;
  if (reply.kind == contract::Reply::Kind::result) {
    answer["result"] = reply.result;
  } else if (contract::unimplemented_method(reply.error, form)) {
    answer["unimplemented"] = true;
  } else {
    json::array params;
    for (const std::string& param : reply.error.params) params.emplace_back(param);
    answer["error"] = json::object{{"code", reply.error.code}, {"params", std::move(params)}};
  }
  return answer;
}

std::string describe_unusable(const RecordedCall& recorded) {
  return recorded.call.method + ": no usable answer to record (" + recorded.reply->problem + ")";
}

// `methods` (config method names) in config.h's order, each once.
json::array in_config_order(const std::set<std::string, std::less<>>& methods) {
  json::array ordered;
  for (std::string_view method : config_methods())
    if (methods.contains(method)) ordered.emplace_back(method);
  return ordered;
}

// Over HTTP, the answer serve gives a method the config says has no script
// (no_script.h): recorded back as no script, so a plugin-dir of the
// recording lacks it too. An exec script that answers so exists.
bool answers_script_missing(const RecordedCall& recorded, contract::ErrorForm form) {
  if (form != contract::ErrorForm::rpclib || !recorded.reply) return false;
  const contract::Reply& reply = *recorded.reply;
  return reply.kind == contract::Reply::Kind::error && reply.error.code == kScriptMissingCode &&
         reply.error.params.size() == 2 && reply.error.params[1] == kScriptMissingHint &&
         contract::equals_ignoring_case(reply.error.params[0], recorded.call.method);
}

// The methods every call of which found no script.
std::set<std::string, std::less<>> without_script(const std::vector<RecordedCall>& calls,
                                                   contract::ErrorForm form) {
  std::set<std::string, std::less<>> missing;
  std::set<std::string, std::less<>> found;
  for (const RecordedCall& recorded : calls) {
    const bool none = !recorded.reply || answers_script_missing(recorded, form);
    (none ? missing : found).insert(recorded.call.method);
  }
  for (const std::string& method : found) missing.erase(method);
  return missing;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

bool is_recordable(std::string_view wire_name) {
  return std::find(kRecordableMethods.begin(), kRecordableMethods.end(), wire_name) != kRecordableMethods.end();
}

std::vector<PlannedCall> plugin_calls() {
  return {{"Plugin.query", args_with({})}, {"Plugin.ls", args_with({})}, {"Plugin.diagnostics", args_with({})}};
}

std::vector<PlannedCall> sr_calls(const json::value* plugin_ls_result, const std::vector<std::string>& extra_srs,
                                  const std::vector<std::string>& probe_uris, std::vector<std::string>& skipped) {
  std::vector<std::string> srs;
  std::set<std::string> seen;
  auto add = [&](const std::string& sr) {
    if (!seen.insert(sr).second) return;
    if (srs.size() == kMaxRecordedSrs) {
      skipped.push_back("SR " + sr + " not recorded: at most " + std::to_string(kMaxRecordedSrs) + " SRs are");
      return;
    }
    srs.push_back(sr);
  };
  if (plugin_ls_result != nullptr) {
    if (const auto* listed = plugin_ls_result->if_array()) {
      for (const json::value& sr : *listed)
        if (const auto* name = sr.if_string()) add(std::string(*name));
    }
  }
  for (const std::string& sr : extra_srs) add(sr);

  std::vector<PlannedCall> calls;
  for (const std::string& sr : srs) {
    calls.push_back({"SR.stat", args_with({{"sr", json::value(sr)}})});
    calls.push_back({"SR.ls", args_with({{"sr", json::value(sr)}})});
  }
  std::set<std::string> seen_uris;
  for (const std::string& uri : probe_uris) {
    if (!seen_uris.insert(uri).second) continue;
    if (seen_uris.size() > kMaxProbeUris) {
      skipped.push_back("probe of " + uri + " not made: at most " + std::to_string(kMaxProbeUris) + " URIs are");
      continue;
    }
    calls.push_back({"SR.probe", args_with({{"configuration", json::object{{"uri", uri}}}})});
  }
  return calls;
}

std::vector<std::string> scripts_lacking(PluginKind kind, const std::vector<std::string>& files) {
  std::vector<std::string> lacking;
  for (std::string_view script : plugin_scripts(kind)) {
    const bool found = std::any_of(files.begin(), files.end(),
                                   [&](const std::string& file) { return contract::equals_ignoring_case(file, script); });
    if (!found) lacking.emplace_back(config_method_named(script));
  }
  return lacking;
}

ConfigFromRecording config_from_recording(PluginKind kind, const std::vector<RecordedCall>& calls,
                                          contract::ErrorForm form, const std::vector<std::string>& lacking) {
  ConfigFromRecording out;
  json::object methods;
  std::set<std::string, std::less<>> no_script(lacking.begin(), lacking.end());
  if (!lacking.empty())
    out.notes.push_back("the plugin has no script for " + joined(lacking) +
                        "; the config says so (no_script), and a plugin-dir of it lacks them too");
  const std::set<std::string, std::less<>> missing = without_script(calls, form);
  for (const RecordedCall& recorded : calls) {
    const std::string& method = recorded.call.method;
    if (missing.contains(method)) {
      if (no_script.insert(method).second)
        out.notes.push_back(method + ": the plugin has no script for it; the config says so (no_script)");
      continue;
    }
    no_script.erase(method);  // it answered: the script appeared after the directory was listed
    if (!recorded.reply) continue;  // another call of the method found a script after all
    if (recorded.reply->kind == contract::Reply::Kind::malformed) {
      out.problems.push_back({describe_unusable(recorded)});
      continue;
    }
    json::object answer = answer_of(*recorded.reply, form);
    if (method.starts_with("Plugin.")) {
      methods[method] = std::move(answer);
      continue;
    }
    // SR calls: one rule per object asked about, matching the argument that names it.
    json::object match;
    for (const auto& member : recorded.call.args)
      if (member.key() != "dbg") match[member.key()] = member.value();
    answer["match"] = std::move(match);
    json::value& rules = methods[method];
    if (!rules.is_array()) rules = json::array();
    rules.as_array().push_back(std::move(answer));
  }
  if (!out.problems.empty()) return out;
  out.config["kind"] = to_string(kind);
  if (!no_script.empty()) out.config["no_script"] = in_config_order(no_script);
  out.config["methods"] = std::move(methods);
  return out;
}

}  // namespace smapi::mock
