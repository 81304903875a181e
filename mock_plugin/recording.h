#pragma once
// `smapi-mock record`, the pure part: which calls a recording makes (only
// methods the IDL defines as reads), and the mock config that answers
// exactly as the recorded plugin did. The calls themselves are made by
// record_client.h; record_command.h ties both to the command line.

#include "contract/reply.h"
#include "mock_plugin/config.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// The methods a recording may call: each only reads (xen-api
// ocaml/xapi-storage/generator/lib/control.ml: Plugin.query, ls and
// diagnostics; SR.probe reads the backing storage named by a configuration;
// SR.stat and SR.ls read an attached SR). A recording never calls anything
// else, whatever it is asked.
inline constexpr std::array<std::string_view, 6> kRecordableMethods{
    "Plugin.query", "Plugin.ls", "Plugin.diagnostics", "SR.probe", "SR.stat", "SR.ls"};

// Whether `wire_name` is one of kRecordableMethods (exact spelling).
bool is_recordable(std::string_view wire_name);

// The dbg every recorded call carries, so the plugin's log shows who called.
inline constexpr std::string_view kRecordDbg = "smapi-mock record";

// At most this many SRs are recorded (those Plugin.ls lists and --sr ones),
// and this many probe URIs: a plugin listing thousands of SRs must not turn
// a recording into thousands of calls.
inline constexpr std::size_t kMaxRecordedSrs = 64;
inline constexpr std::size_t kMaxProbeUris = 16;

// One call to make: the method's wire name and its arguments (dbg included).
struct PlannedCall {
  std::string method;
  boost::json::object args;
};

// The Plugin.* calls, in the order a recording makes them (Plugin.ls first
// among what follows: its answer names the attached SRs).
std::vector<PlannedCall> plugin_calls();

// What to ask about SRs once Plugin.ls answered: SR.stat and SR.ls of every
// SR it listed (strings only) and of each `extra_srs`, without repeats, at
// most kMaxRecordedSrs; then SR.probe of each probe URI (configuration
// {"uri": URI}). `skipped` receives one line per SR left out by the limit.
std::vector<PlannedCall> sr_calls(const boost::json::value* plugin_ls_result,
                                  const std::vector<std::string>& extra_srs,
                                  const std::vector<std::string>& probe_uris,
                                  std::vector<std::string>& skipped);

// A call made and what came back; `reply` absent when the method has no
// script (exec) and so no answer to record.
struct RecordedCall {
  PlannedCall call;
  std::optional<contract::Reply> reply;
};

// The reason a recording cannot be turned into a config, naming the call:
// an answer that is neither a result nor a well-formed error (a timeout,
// garbage, a crash) cannot be reproduced by answers alone.
struct RecordingProblem {
  std::string message;  // "Plugin.ls: no usable answer (timed out after 30 s)"
};

// The scripts of a plugin directory of `kind` (plugin_scripts) that none of
// `files` names, in any case, as config method names ("Plugin.query" for
// Plugin.Query), in plugin_scripts' order: the methods xapi-storage-script
// finds no script for. `files` are the names of the directory's regular
// files, symbolic links followed (anything else is a missing script to xapi:
// xen-api ocaml/xapi-storage-script/lib.ml assert_is_executable).
std::vector<std::string> scripts_lacking(PluginKind kind, const std::vector<std::string>& files);

// The mock config (as JSON, in the format of config.h) that answers each
// recorded call as the plugin did: a Plugin.* method by its answer; SR.stat
// and SR.ls by a rule per SR matching {"sr": SR}; SR.probe by a rule per
// URI matching {"configuration": {"uri": URI}}. An Unimplemented error in
// the transport's own form (`form`) becomes {"unimplemented": true}; other
// errors keep their code and params. The methods of `lacking`
// (scripts_lacking) and those every call of which found no script go to
// "no_script", so a plugin directory made from the config lacks the same
// scripts. Over HTTP a method has no script when every call of it got the
// answer serve gives such a method (["SCRIPT_MISSING", METHOD, hint],
// no_script.h): recording a replay gives back its no_script.
// Results are kept as decoded values: the text's spacing and number
// spelling are the mock's own.
struct ConfigFromRecording {
  boost::json::object config;
  std::vector<RecordingProblem> problems;  // non-empty: no config
  std::vector<std::string> notes;          // methods without a script, ...
};
ConfigFromRecording config_from_recording(PluginKind kind, const std::vector<RecordedCall>& calls,
                                          contract::ErrorForm form, const std::vector<std::string>& lacking = {});

}  // namespace smapi::mock
