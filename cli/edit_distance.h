#pragma once
// The edit (Levenshtein) distance between two names, for "did you mean"
// suggestions: a mistyped flag (cli::parse) or requirement ID (explain).

#include <cstddef>
#include <string_view>

namespace smapi::cli {

// Insertions, deletions and substitutions that turn `a` into `b`. Costs
// a.size() x b.size() steps: callers bound the lengths they compare.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace smapi::cli
