#pragma once
// The result model: requirements, their outcomes, the verdict. Checks write
// it; report writers read it.

#include "suites/observation.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites {

enum class Level { must, should };
enum class Outcome { pass, fail, warn, skip, error };

std::string_view to_string(Level level);      // "MUST", "SHOULD"
std::string_view to_string(Outcome outcome);  // "pass", "fail", "warn", "skip", "error"

// One requirement of the catalogue. The ID is stable: reports, waivers and
// docs name requirements by it.
struct Requirement {
  std::string_view id;         // "QUERY-FIELD-TYPE"
  std::string_view area;       // "query", "ls", "diagnostics", "errors", "transport"
  Level level;
  std::string_view statement;  // one line
  std::string_view source;     // the seed or CONTRACT.md passage it rests on
};

struct RequirementResult {
  const Requirement* requirement = nullptr;
  Outcome outcome = Outcome::error;
  std::string message;  // why: names the field, expected and actual
  std::vector<std::size_t> evidence;  // indexes into Observations::calls
};

enum class Verdict {
  conformant,      // no MUST requirement failed, none in error
  non_conformant,  // at least one MUST requirement failed
  inconclusive,    // no MUST failed, but the harness could not judge one
};

std::string_view to_string(Verdict verdict);  // "conformant", ...

Verdict verdict_of(const std::vector<RequirementResult>& results);

// Process exit status for a verdict: 0 conformant, 1 non-conformant,
// 2 inconclusive (same as a harness or usage error).
int exit_status(Verdict verdict);

struct RunResult {
  std::string tool_version;
  std::string started_at;  // ISO 8601 UTC
  std::chrono::milliseconds duration{0};
  Observations observations;
  std::vector<RequirementResult> results;
  Verdict verdict = Verdict::inconclusive;
};

}  // namespace smapi::suites
