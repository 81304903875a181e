#pragma once
// Waivers (`run --waivers FILE`): known failures a team accepts for a while.
//
//   {"waivers": [{"id": "QUERY-KEYS-EXACT", "reason": "vendor fix pending",
//                 "ticket": "XAPI-123", "expires": "2027-01-31"}]}
//
// Every field is required and is a non-empty string; expires is a calendar
// date YYYY-MM-DD (the waiver holds through that day, UTC). A waiver covering
// a failed (or warned) requirement marks the result waived and the failure
// no longer counts against the verdict; an expired waiver fails the run; a
// waiver whose requirement passed is reported as an unexpected pass. Parsing
// and applying are pure; only load_waivers reads a file.

#include "suites/result.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

// Largest waivers file read, in bytes.
inline constexpr std::size_t kMaxWaiversFileBytes = 1024 * 1024;
// Deepest JSON nesting accepted in a waivers file (the format needs 3).
inline constexpr std::size_t kMaxWaiversDepth = 8;

struct Waiver {
  std::string id;
  std::string reason;
  std::string ticket;
  std::chrono::year_month_day expires;
  std::string expires_text;  // as written, YYYY-MM-DD
};

// Parses a waivers document. `source` names it in messages (the file name).
// Throws UsageError naming the source and the JSON path of what is wrong
// ("waivers.json: $.waivers[1].expires: expected a date YYYY-MM-DD, got
// \"soon\""), including an ID that names no requirement of `requirements`
// and an ID waived twice.
std::vector<Waiver> parse_waivers(std::string_view text, std::string_view source,
                                  std::span<const suites::Requirement> requirements);

// Reads and parses a waivers file (at most kMaxWaiversFileBytes). Throws
// UsageError when it cannot be read or is not valid.
std::vector<Waiver> load_waivers(const std::filesystem::path& file,
                                 std::span<const suites::Requirement> requirements);

// Today's date in UTC.
std::chrono::year_month_day utc_today();

// Applies waivers to a judged run: sets RequirementResult::waiver on covered
// fail and warn results, and records an expired waiver (expires < today) or
// an unexpected pass in run.waiver_problems. An expired waiver covers
// nothing. Does not recompute the verdict (see suites::verdict_of(RunResult)).
void apply_waivers(suites::RunResult& run, const std::vector<Waiver>& waivers,
                   std::chrono::year_month_day today);

}  // namespace smapi::harness
