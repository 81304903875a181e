#pragma once
// What xapi would make of the plugin (CONTRACT.md 1 and 3): the SR type it
// registers, the SM record it writes (capabilities after the VDI_DESTROY
// rename, the features map with versions, the names it drops) and, for a
// datapath plugin, whether registration would succeed. Computed from the
// observations; reports show it beside the verdict.

#include "suites/observation.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace smapi::suites {

struct XapiView {
  // False when Plugin.query gave no result xapi could unmarshal; `problem`
  // then says what xapi would report (e.g. SCRIPT_FAILED "bad json on stdout").
  bool available = false;
  std::string problem;

  std::string sr_type;  // query_result.plugin, lower-cased, as SR.type
  std::string name, description, vendor, copyright, version;
  std::string required_api_version;
  bool api_version_deprecated = false;  // "3.0"

  // SM.capabilities: the known feature names, renamed, without versions.
  std::vector<std::string> capabilities;
  // SM.features: name -> version (1 when the plugin gave none).
  std::vector<std::pair<std::string, std::int64_t>> features;
  // Renames xapi applies, e.g. "VDI_DESTROY -> VDI_DELETE".
  std::vector<std::string> renamed;
  // Feature texts xapi drops with a warning (unknown names, bad syntax).
  std::vector<std::string> dropped;
  // SM.configuration: device_config key -> description.
  std::vector<std::pair<std::string, std::string>> configuration;
  std::vector<std::string> required_cluster_stack;

  // Datapath plugins only: whether xapi's registration call
  // (Plugin.query with dbg "register") would succeed, and why not.
  bool registration_applies = false;
  bool registration_succeeds = false;
  std::string registration_detail;
};

// xapi's view of the observed plugin: its first Plugin.query answer read the
// way xapi reads it (always the lenient xapi view, whatever --profile says).
// Registration is judged from that observed call: xapi's own registration
// call differs only in its dbg ("register"). Pure.
XapiView xapi_view_of(const Observations& observations);

}  // namespace smapi::suites
