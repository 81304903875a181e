#pragma once
// `smapi-conform list` and `smapi-conform explain ID`: the requirement
// catalogue rendered as a text table, JSON or Markdown (docs/requirements.md
// is the Markdown form), and everything about one requirement. The render
// functions are pure; the commands add argument parsing and exit statuses.

#include "suites/catalogue.h"
#include "suites/result.h"

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

enum class ListFormat { text, json, markdown };

// The catalogue in a format. json: an array in catalogue order, one object
// per requirement {"id","area","level","statement","source","applies":
// {"transports":[..],"kinds":[..],"feature":""},"proof","profile_note",
// "consequence","citation","quote","since","api_versions":[..]}. markdown
// ends with a changelog of `changes` (none when empty).
std::string render_list(std::span<const suites::Requirement> requirements, ListFormat format,
                        std::span<const suites::CatalogueChange> changes = {});

// Everything about one requirement: statement, level, what happens in xapi
// when it fails, the public source it rests on with a quote, the catalogue
// version it exists since, the API versions and plugins it applies to, how
// --profile changes its outcome, and what proves it can fail.
std::string render_explain(const suites::Requirement& requirement);

// Where a requirement applies, in words: "every transport; Volume and
// Datapath plugins", "exec plugins only; Volume plugins only; plugins that
// declare SR_STATS".
std::string applies_in_words(const suites::Applicability& applies);

// How many near IDs `explain` suggests for an unknown one.
inline constexpr std::size_t kSuggestedIds = 3;

// The catalogue IDs closest to `id` (case-insensitive edit distance, nearest
// first), at most `count`.
std::vector<std::string_view> closest_ids(std::string_view id,
                                          std::span<const suites::Requirement> requirements,
                                          std::size_t count = kSuggestedIds);

// `list [--format text|json|markdown]` (list_table()): prints the list, or
// --help, to out; returns the exit status (0), or throws UsageError for bad
// arguments.
int list_command(const std::vector<std::string>& args, std::ostream& out);

// `explain ID` (explain_table()): prints to out (or --help) and returns 0;
// an unknown ID prints the closest IDs to err and returns 2. Throws
// UsageError for bad arguments.
int explain_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace smapi::harness
