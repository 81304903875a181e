#pragma once
// What xapi knows about query_result features (CONTRACT.md 1).

#include "suites/observation.h"

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace smapi::suites
