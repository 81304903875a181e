#pragma once
// What xapi knows about query_result features and versions: the names it
// knows (xen-api ocaml/xapi/smint.ml Feature.string_to_capability_table), how
// it reads one feature text (smint.ml Feature.string_int64_of_string_opt), the
// capabilities xapi-storage-script adds (ocaml/xapi-storage-script/main.ml
// QueryImpl.query_impl) and how xapi reads a version (ocaml/xapi/xapi_sm.ml
// version_of_string).

#include "suites/observation.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites {

// A feature split into its name and optional version: "VDI_MIRROR/2".
struct Feature {
  std::string name;
  std::optional<long long> version;
};

// Parses NAME or NAME/N (NAME: letters, digits, underscore; N: a positive
// integer). nullopt when the text has neither form.
std::optional<Feature> parse_feature(std::string_view text);

// The name xapi stores: VDI_DESTROY becomes VDI_DELETE, others unchanged.
std::string_view xapi_feature_name(std::string_view name);

// Whether xapi knows the (renamed) feature name. Datapath plugins also know
// the datapath names seen in the field (NONPERSISTENT, VDI_NONPERSISTENT).
bool xapi_knows_feature(std::string_view name, PluginKind kind);

// One feature text as xapi reads it into the SM record
// (smint.ml Feature.string_int64_of_string_opt): split on '/', the first part
// must be a known name, exactly (case-sensitive, no rename here); the second
// part, if any, is read with Int64.of_string and raised to at least 1; a
// version that does not read is kept at 1 ("bad version, defaulting to 1");
// parts after a second '/' are ignored. xapi never rejects a plugin for it.
struct XapiFeature {
  enum class Read {
    kept,             // NAME, or NAME/N with N >= 1
    bad_version,      // NAME/x, x not an OCaml integer: version 1
    version_below_1,  // NAME/N with N < 1: version 1
    unknown_name,     // dropped with a warning
  };
  Read read = Read::kept;
  std::string name;          // the text before the first '/'
  std::int64_t version = 1;  // as stored; 1 for unknown_name
};
XapiFeature xapi_read_feature(std::string_view text);

// A capability xapi-storage-script adds when the plugin directory holds an
// executable method script (main.ml QueryImpl.query_impl; the script is found
// as main.ml Script.path finds it: its name matched case-insensitively).
struct ScriptCapability {
  std::string_view script;      // e.g. "SR.attach"
  std::string_view capability;  // e.g. "SR_ATTACH"
};
// In main.ml's order.
inline constexpr std::array<ScriptCapability, 13> kScriptCapabilities{{
    {"SR.attach", "SR_ATTACH"},
    {"SR.create", "SR_CREATE"},
    {"SR.destroy", "SR_DELETE"},
    {"SR.detach", "SR_DETACH"},
    {"SR.ls", "SR_SCAN"},
    {"SR.stat", "SR_UPDATE"},
    {"SR.probe", "SR_PROBE"},
    {"Volume.create", "VDI_CREATE"},
    {"Volume.clone", "VDI_CLONE"},
    {"Volume.snapshot", "VDI_SNAPSHOT"},
    {"Volume.resize", "VDI_RESIZE"},
    {"Volume.destroy", "VDI_DELETE"},
    {"Volume.stat", "VDI_UPDATE"},
}};
// The capabilities QueryImpl.query_impl adds to every Volume plugin.
inline constexpr std::array<std::string_view, 5> kAlwaysCapabilities{
    "VDI_ATTACH", "VDI_DETACH", "VDI_ACTIVATE", "VDI_DEACTIVATE", "VDI_INTRODUCE"};
// Added when "VDI_CLONE" (exactly that text) is among the features so far.
inline constexpr std::string_view kCloneFeature = "VDI_CLONE";
inline constexpr std::string_view kResetOnBootFeature = "VDI_RESET_ON_BOOT/2";

// xapi_sm.ml version_of_string: each '.'-separated part read with OCaml's
// int_of_string; nullopt where that raises ("5.0a", "", "5.").
std::optional<std::vector<std::int64_t>> xapi_version_of_string(std::string_view text);

// xapi_sm.ml is_v1: version_of_string(text) < [2; 0] in OCaml's list order
// (so "2" is below "2.0"). False when the text does not read as a version.
bool xapi_version_below_2(const std::vector<std::int64_t>& version);

}  // namespace smapi::suites
