#pragma once
// What xapi would make of the plugin, computed the way xapi computes it.
//
// Volume plugin: the SM record xapi writes (xen-api ocaml/xapi/xapi_sm.ml
// create_from_query_result) from what xapi-storage-script's Query.query
// returns (ocaml/xapi-storage-script/main.ml QueryImpl.query_impl), in this
// order:
//  1. the plugin's features, "VDI_DESTROY" (exactly) renamed "VDI_DELETE";
//  2. then a capability for each executable method script in the plugin
//     directory (kScriptCapabilities), in reverse table order;
//  3. then the five capabilities every Volume plugin gets (kAlwaysCapabilities);
//  4. "VDI_RESET_ON_BOOT/2" put in front when "VDI_CLONE" is among them;
//  5. xapi reads each text (smint.ml string_int64_of_string_opt: unknown names
//     dropped, a bad or < 1 version kept at 1), sorts by name and keeps one of
//     each name (smint.ml parse_string_int64: List.sort_uniq, which decides
//     whose version survives). SM.capabilities are the names, SM.features the
//     names with versions; SM.type is the plugin name lower-cased.
// Datapath plugin: whether xapi-storage-script registers it for the URI scheme
// its directory names (main.ml Datapath_plugins.register: Plugin.query with
// dbg "register", then check_plugin_version_compatible).
// Computed from the observations; reports show it beside the verdict.

#include "suites/observation.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace smapi::suites {

// A feature xapi keeps at version 1 although the plugin wrote otherwise.
struct ClampedFeature {
  std::string text;    // as the plugin wrote it, e.g. "SR_STATS/0"
  std::string reason;  // "bad version, defaulting to 1" | "version below 1, raised to 1"
};

// A capability xapi-storage-script adds to what the plugin declares.
struct AddedCapability {
  std::string capability;  // e.g. "SR_ATTACH", "VDI_RESET_ON_BOOT/2"
  std::string because;     // e.g. "script SR.attach", "every Volume plugin", "VDI_CLONE"
};

struct XapiView {
  // False when xapi would not register the plugin (no query_result it can
  // unmarshal, an API version it refuses); `problem` then says why, in xapi's
  // terms (e.g. SCRIPT_FAILED "bad json on stdout").
  bool available = false;
  std::string problem;

  // One line that every report shows: "SR type \"zfs-vol\", 19 capabilities",
  // "datapath plugin for URI scheme tapdisk, registered", ...
  std::string summary;

  // Volume plugins only (empty for a datapath plugin).
  std::string sr_type;  // query_result.plugin, lower-cased, as SM.type
  std::string name, description, vendor, copyright, version;
  std::string required_api_version;
  bool api_version_deprecated = false;  // "3.0"
  std::string api_version_note;         // what xapi does with this version beyond registering it

  // SM.capabilities: sorted by name, one of each.
  std::vector<std::string> capabilities;
  // SM.features: name -> version, in the same order.
  std::vector<std::pair<std::string, std::int64_t>> features;
  // Renames xapi applies, e.g. "VDI_DESTROY -> VDI_DELETE".
  std::vector<std::string> renamed;
  // Feature texts xapi drops with a warning: names it does not know.
  std::vector<std::string> dropped;
  // Feature texts xapi keeps at version 1 (not dropped).
  std::vector<ClampedFeature> clamped;
  // What xapi-storage-script adds beyond the declared features, in the order
  // of kScriptCapabilities, then kAlwaysCapabilities, then VDI_RESET_ON_BOOT/2.
  std::vector<AddedCapability> added;
  // Whether the plugin's method scripts are known (an exec target). False for
  // an HTTP target: the capabilities scripts would add are unknown and left out.
  bool scripts_known = false;
  // SM.configuration: device_config key -> description.
  std::vector<std::pair<std::string, std::string>> configuration;
  std::vector<std::string> required_cluster_stack;

  // Datapath plugins only: whether xapi-storage-script registers it, and why
  // not, and which observed call that is judged from.
  bool registration_applies = false;
  bool registration_succeeds = false;
  std::string registration_detail;
};

// xapi's view of the observed plugin: its Plugin.query answer read the way
// xapi reads it (always the lenient xapi view, whatever --profile says), with
// the plugin directory's method scripts (RunSubject::method_files). For a
// datapath plugin the Plugin.query call with dbg "register" is used when the
// observations hold one, else the plain call. Pure.
XapiView xapi_view_of(const Observations& observations);

}  // namespace smapi::suites
