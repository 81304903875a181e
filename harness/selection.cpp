#include "harness/selection.h"

#include "cli/edit_distance.h"

#include <algorithm>
#include <cctype>

namespace smapi::harness {
namespace {

using cli::UsageError;
using suites::Requirement;

// How far a mistyped term may be from a known one to be suggested, as for
// mistyped flags: a dropped, doubled or swapped letter or two.
constexpr std::size_t kMaxSuggestionDistance = 2;

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

// Whether `text` matches `glob` (* any run of characters, ? one); iterative,
// linear in practice, both bounded by kMaxSelectionTermBytes and ID lengths.
bool glob_matches(std::string_view glob, std::string_view text) {
  std::size_t g = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (g < glob.size() && (glob[g] == '?' || glob[g] == text[t])) {
      ++g, ++t;
    } else if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = t;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

bool is_glob(std::string_view term) { return term.find_first_of("*?") != std::string_view::npos; }

// " (did you mean X?)" for the candidate nearest to `term`; empty when none is near.
std::string suggestion(std::string_view term, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = kMaxSuggestionDistance + 1;
  for (const auto& candidate : candidates)
    if (const auto distance = cli::edit_distance(term, candidate); distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  return best.empty() ? std::string() : " (did you mean " + best + "?)";
}

std::vector<std::string> areas_of(std::span<const Requirement> catalogue) {
  std::vector<std::string> areas;
  for (const auto& requirement : catalogue)
    if (std::find(areas.begin(), areas.end(), requirement.area) == areas.end()) areas.emplace_back(requirement.area);
  return areas;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? std::string() : std::string(separator)) + item;
  return out;
}

// Whether `requirement` is named by `term`, a term check_term accepted.
bool names(std::string_view term, const Requirement& requirement) {
  const auto colon = term.find(':');
  if (colon != std::string_view::npos) {
    const auto kind = lower(term.substr(0, colon));
    const auto value = lower(term.substr(colon + 1));
    if (kind == "area") return requirement.area == value;
    return lower(suites::to_string(requirement.level)) == value;  // level:
  }
  const auto id = upper(term);
  return is_glob(id) ? glob_matches(id, requirement.id) : requirement.id == id;
}

// Throws UsageError when `term` names no requirement, saying what is near.
void check_term(std::string_view flag, std::string_view term, std::span<const Requirement> catalogue) {
  const std::string where = std::string(flag) + ": ";
  const std::string shown = "\"" + std::string(term) + "\"";
  if (const auto colon = term.find(':'); colon != std::string_view::npos) {
    const auto kind = lower(term.substr(0, colon));
    const auto value = lower(term.substr(colon + 1));
    if (kind == "area") {
      const auto areas = areas_of(catalogue);
      if (std::find(areas.begin(), areas.end(), value) != areas.end()) return;
      std::vector<std::string> named;
      for (const auto& area : areas) named.push_back("area:" + area);
      throw UsageError(where + "no area " + shown + suggestion(lower(term), named) + "; the areas are " +
                       joined(areas));
    }
    if (kind == "level") {
      if (value == "must" || value == "should") return;
      throw UsageError(where + "no level " + shown + suggestion(lower(term), {"level:must", "level:should"}) +
                       "; the levels are must and should");
    }
    throw UsageError(where + shown +
                     " is not a requirement ID, area:NAME, level:must|should or a glob such as QUERY-*" +
                     suggestion(lower(term), {"area:" + lower(value), "level:" + lower(value)}));
  }
  if (std::any_of(catalogue.begin(), catalogue.end(), [&](const auto& r) { return names(term, r); })) return;
  std::vector<std::string> candidates;
  for (const auto& requirement : catalogue) {
    candidates.emplace_back(requirement.id);
    // Globs are suggested by their prefix: "QEURY-*" is near "QUERY-*".
    const auto dash = requirement.id.find('-');
    if (is_glob(term) && dash != std::string_view::npos)
      candidates.push_back(std::string(requirement.id.substr(0, dash + 1)) + "*");
  }
  throw UsageError(where + (is_glob(term) ? shown + " matches no requirement ID" : "no requirement " + shown) +
                   suggestion(upper(term), candidates) + " (see smapi-conform list)");
}

// "--only A, B": the terms of one flag, for a not-selected message.
std::string flag_terms(std::string_view flag, const std::vector<std::string>& terms) {
  return std::string(flag) + " " + joined(terms);
}

}  // namespace

std::vector<std::string> split_terms(std::string_view flag, const std::vector<std::string>& values) {
  std::vector<std::string> terms;
  for (const auto& value : values) {
    std::size_t start = 0;
    while (true) {
      const auto comma = value.find(',', start);
      auto term = trimmed(std::string_view(value).substr(start, comma == std::string::npos ? comma : comma - start));
      if (term.empty())
        throw UsageError(std::string(flag) + ": an empty item in \"" + value +
                         "\"; give requirement IDs, area:NAME, level:must|should or globs, comma-separated");
      if (term.size() > kMaxSelectionTermBytes)
        throw UsageError(std::string(flag) + ": an item of " + std::to_string(term.size()) +
                         " bytes; no requirement ID, area or glob is longer than " +
                         std::to_string(kMaxSelectionTermBytes));
      terms.push_back(std::move(term));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return terms;
}

SelectionTerms selection_terms_from(const cli::ParsedArgs& parsed) {
  SelectionTerms terms;
  terms.only = split_terms("--only", parsed.values("--only"));
  terms.skip = split_terms("--skip", parsed.values("--skip"));
  if (const auto file = parsed.value("--rerun-failed")) {
    if (file->empty()) throw UsageError("--rerun-failed: expected a report.json file");
    terms.rerun_failed = *file;
  }
  return terms;
}

void check_terms(const SelectionTerms& terms, std::span<const Requirement> catalogue) {
  for (const auto& term : terms.only) check_term("--only", term, catalogue);
  for (const auto& term : terms.skip) check_term("--skip", term, catalogue);
}

NotSelected resolve_selection(const SelectionTerms& terms, const std::optional<RerunRequest>& rerun,
                              std::span<const Requirement> catalogue) {
  check_terms(terms, catalogue);
  NotSelected not_selected;
  for (const auto& requirement : catalogue) {
    const auto named_by = [&](const std::vector<std::string>& list) {
      return std::find_if(list.begin(), list.end(), [&](const auto& term) { return names(term, requirement); });
    };
    std::string why;
    if (!terms.only.empty() && named_by(terms.only) == terms.only.end())
      why = "outside " + flag_terms("--only", terms.only);
    else if (rerun && std::find(rerun->ids.begin(), rerun->ids.end(), requirement.id) == rerun->ids.end())
      why = "neither failed nor errored in " + rerun->source + " (--rerun-failed)";
    else if (const auto skip = named_by(terms.skip); skip != terms.skip.end())
      why = "--skip " + *skip;
    if (!why.empty()) not_selected.emplace(std::string(requirement.id), std::move(why));
  }
  if (not_selected.size() == catalogue.size()) {
    if (rerun && rerun->ids.empty())
      throw UsageError("--rerun-failed: " + rerun->source +
                       " has no failed or errored requirement of this catalogue; nothing to rerun");
    std::vector<std::string> given;
    if (!terms.only.empty()) given.push_back(flag_terms("--only", terms.only));
    if (rerun) given.push_back("--rerun-failed " + rerun->source);
    if (!terms.skip.empty()) given.push_back(flag_terms("--skip", terms.skip));
    throw UsageError("the selection leaves no requirement to judge (" + joined(given, "; ") + ")");
  }
  return not_selected;
}

void mark_not_selected(std::vector<suites::RequirementResult>& results, const NotSelected& not_selected) {
  if (not_selected.empty()) return;
  for (auto& result : results)
    if (const auto it = not_selected.find(result.requirement->id); it != not_selected.end())
      result =
          suites::RequirementResult{result.requirement, suites::Outcome::skip, "not selected: " + it->second, {}, {}};
}

}  // namespace smapi::harness
