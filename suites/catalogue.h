#pragma once
// The catalogue: every requirement the harness judges, with its stable ID.

#include "suites/result.h"

#include <span>
#include <string_view>

namespace smapi::suites {

// All requirements, in the order reports list them.
std::span<const Requirement> catalogue();

// The requirement with this ID; throws std::out_of_range for an unknown ID
// (a programming error: check code names only catalogue IDs).
const Requirement& requirement(std::string_view id);

}  // namespace smapi::suites
