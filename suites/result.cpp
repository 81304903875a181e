#include "suites/result.h"

namespace smapi::suites {

std::string_view to_string(Level level) { return level == Level::must ? "MUST" : "SHOULD"; }

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::warn: return "warn";
    case Outcome::skip: return "skip";
    case Outcome::error: return "error";
  }
  return "error";
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::conformant: return "conformant";
    case Verdict::non_conformant: return "non-conformant";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

Verdict verdict_of(const std::vector<RequirementResult>& results) {
  bool must_error = false;
  for (const auto& result : results) {
    if (result.requirement->level != Level::must) continue;
    if (result.outcome == Outcome::fail) return Verdict::non_conformant;
    if (result.outcome == Outcome::error) must_error = true;
  }
  return must_error ? Verdict::inconclusive : Verdict::conformant;
}

int exit_status(Verdict verdict) {
  switch (verdict) {
    case Verdict::conformant: return 0;
    case Verdict::non_conformant: return 1;
    case Verdict::inconclusive: return 2;
  }
  return 2;
}

}  // namespace smapi::suites
