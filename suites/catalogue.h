#pragma once
// The catalogue: every requirement the harness judges, with its stable ID,
// its version (kCatalogueVersion, in suites/result.h) and its changelog.

#include "suites/result.h"

#include <span>
#include <string_view>

namespace smapi::suites {

// All requirements, in the order reports list them.
std::span<const Requirement> catalogue();

// The requirement with this ID; throws std::out_of_range for an unknown ID
// (a programming error: check code names only catalogue IDs).
const Requirement& requirement(std::string_view id);

// One change a catalogue version made: a row added or removed, a level or an
// applicability changed. docs/requirements.md lists them under "Changelog".
struct CatalogueChange {
  std::string_view version;   // "2.0.0"
  std::string_view id;        // the requirement it concerns
  std::string_view change;    // "MUST, was SHOULD", "new (SHOULD)", "removed"
  std::string_view reason;    // why, in one or two sentences
  std::string_view citation;  // the public source of the reason
};

// Every change since 1.0.0, oldest version first, in catalogue order within
// a version.
std::span<const CatalogueChange> catalogue_changes();

}  // namespace smapi::suites
