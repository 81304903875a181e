#include "harness/diff_command.h"

#include "contract/json_text.h"
#include "harness/command_tables.h"
#include "harness/run_options.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <span>
#include <sstream>
#include <tuple>
#include <utility>

namespace smapi::harness {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 5> kOutcomes{"pass", "fail", "warn", "skip", "error"};
constexpr std::array<std::string_view, 4> kVerdicts{"conformant", "inconclusive", "interrupted", "non-conformant"};

[[noreturn]] void unreadable(std::string_view source, const std::string& path, const std::string& what) {
  throw ReportReadError(std::string(source) + ": " + path + ": " + what);
}

const json::value& member(const json::object& object, std::string_view key, std::string_view source,
                          const std::string& path) {
  const auto* value = object.if_contains(key);
  if (!value) unreadable(source, path + "." + std::string(key), "missing");
  return *value;
}

std::string one_of(const json::value& value, std::span<const std::string_view> allowed,
                   std::string_view source, const std::string& path) {
  const auto* text = value.if_string();
  if (text && std::find(allowed.begin(), allowed.end(), std::string_view(*text)) != allowed.end())
    return std::string(*text);
  std::string names;
  for (const auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
  unreadable(source, path, "expected one of " + names + ", got " + contract::json_excerpt(value, 80));
}

bool failing(const ReportOutcomes::Entry& entry) {
  return (entry.outcome == "fail" || entry.outcome == "error") && !entry.waived;
}

// The outcome as diff shows it: "fail (waived)" for a waived one.
std::string shown(const ReportOutcomes::Entry& entry) {
  return entry.waived ? entry.outcome + " (waived)" : entry.outcome;
}

std::size_t severity(std::string_view verdict) {
  return static_cast<std::size_t>(std::find(kVerdicts.begin(), kVerdicts.end(), verdict) - kVerdicts.begin());
}

// A string member of `object`, or "" when absent or not a string.
std::string text_member(const json::object* object, std::string_view key) {
  const auto* value = object ? object->if_contains(key) : nullptr;
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string read_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReportReadError(file + ": cannot be read");
  // Read in chunks, so memory follows the file's size up to the limit.
  std::string text;
  std::array<char, 64 * 1024> chunk;
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxDiffReportBytes)
      throw ReportReadError(file + ": larger than " + std::to_string(kMaxDiffReportBytes) + " bytes");
  }
  if (in.bad()) throw ReportReadError(file + ": cannot be read");
  return text;
}

}  // namespace

ReportOutcomes parse_report_outcomes(std::string_view text, std::string_view source) {
  const auto parsed = contract::parse_one_json_value(
      text, contract::JsonLimits{.max_depth = kMaxDiffReportDepth, .max_bytes = kMaxDiffReportBytes});
  if (!parsed.value) unreadable(source, "$", "not valid JSON: " + parsed.error);
  const auto* root = parsed.value->if_object();
  if (!root) unreadable(source, "$", "expected a report object");
  const auto& version = member(*root, "schema_version", source, "$");
  if (!version.is_int64() || version.as_int64() < kOldestDiffSchemaVersion ||
      version.as_int64() > kNewestDiffSchemaVersion)
    unreadable(source, "$.schema_version",
               "expected " + std::to_string(kOldestDiffSchemaVersion) + " to " +
                   std::to_string(kNewestDiffSchemaVersion) + ", got " + contract::json_excerpt(version, 40));
  const auto* summary = member(*root, "summary", source, "$").if_object();
  if (!summary) unreadable(source, "$.summary", "expected an object");
  ReportOutcomes report;
  report.verdict = one_of(member(*summary, "verdict", source, "$.summary"), kVerdicts, source,
                          "$.summary.verdict");
  // What was judged how: "subject" (schema 3) or its top-level copies.
  const auto* subject = root->contains("subject") ? root->at("subject").if_object() : nullptr;
  for (auto [key, field] : {std::pair{"target", &report.target}, std::pair{"transport", &report.transport},
                            std::pair{"profile", &report.profile}}) {
    *field = text_member(subject, key);
    if (field->empty()) *field = text_member(root, key);
  }
  const auto* results = member(*root, "results", source, "$").if_array();
  if (!results) unreadable(source, "$.results", "expected an array");
  for (std::size_t i = 0; i < results->size(); ++i) {
    const std::string path = "$.results[" + std::to_string(i) + "]";
    const auto* entry = (*results)[i].if_object();
    if (!entry) unreadable(source, path, "expected an object");
    const auto* id = member(*entry, "id", source, path).if_string();
    if (!id || id->empty()) unreadable(source, path + ".id", "expected a requirement ID");
    const auto outcome = one_of(member(*entry, "outcome", source, path), kOutcomes, source, path + ".outcome");
    for (const auto& earlier : report.results)
      if (earlier.id == *id) unreadable(source, path + ".id", std::string(*id) + " appears twice");
    const auto* waiver = entry->if_contains("waiver");
    if (waiver && !waiver->is_null() && !waiver->is_object())
      unreadable(source, path + ".waiver", "expected an object or null");
    report.results.push_back({std::string(*id), outcome, waiver && waiver->is_object()});
  }
  return report;
}

ReportDiff compare_reports(const ReportOutcomes& before, const ReportOutcomes& after) {
  ReportDiff diff;
  diff.verdict_before = before.verdict;
  diff.verdict_after = after.verdict;
  diff.verdict_worse = severity(after.verdict) > severity(before.verdict);
  for (auto [what, old_value, new_value] :
       {std::tuple{"targets", &before.target, &after.target},
        std::tuple{"transports", &before.transport, &after.transport},
        std::tuple{"profiles", &before.profile, &after.profile}})
    if (!old_value->empty() && !new_value->empty() && *old_value != *new_value)
      diff.warnings.push_back(std::string("the reports judge different ") + what + ": " + *old_value +
                              " (old) and " + *new_value + " (new)");
  std::map<std::string, const ReportOutcomes::Entry*, std::less<>> now;
  for (const auto& entry : after.results) now[entry.id] = &entry;
  for (const auto& entry : before.results) {
    const auto found = now.find(entry.id);
    if (found == now.end()) {
      diff.regressions.push_back({entry.id, shown(entry), ""});
      continue;
    }
    const auto& later = *found->second;
    if (shown(later) == shown(entry)) continue;
    ReportDiff::Change change{entry.id, shown(entry), shown(later)};
    if (!failing(entry) && failing(later)) diff.regressions.push_back(std::move(change));
    else if (failing(entry) && !failing(later)) diff.fixes.push_back(std::move(change));
    else diff.other_changes.push_back(std::move(change));
  }
  for (const auto& entry : after.results) {
    const bool known = std::any_of(before.results.begin(), before.results.end(),
                                   [&](const auto& old) { return old.id == entry.id; });
    if (!known) diff.other_changes.push_back({entry.id, "", shown(entry)});
  }
  return diff;
}

std::string render_diff(const ReportDiff& diff) {
  std::ostringstream out;
  const auto line = [&](std::string_view tag, const ReportDiff::Change& change) {
    out << tag << ' ' << change.id << ": " << (change.before.empty() ? "(new)" : change.before) << " -> "
        << (change.after.empty() ? "(vanished)" : change.after) << '\n';
  };
  for (const auto& change : diff.regressions) line("REGRESSION", change);
  for (const auto& change : diff.fixes) line("FIXED     ", change);
  for (const auto& change : diff.other_changes) line("CHANGED   ", change);
  const bool verdict_changed = diff.verdict_before != diff.verdict_after;
  if (verdict_changed)
    out << (diff.verdict_worse ? "REGRESSION" : "CHANGED   ") << " verdict: " << diff.verdict_before
        << " -> " << diff.verdict_after << '\n';
  // The counts are those of the lines printed: the verdict's line included.
  const std::size_t regressions = diff.regressions.size() + (diff.verdict_worse ? 1 : 0);
  const std::size_t others = diff.other_changes.size() + (verdict_changed && !diff.verdict_worse ? 1 : 0);
  out << regressions << " regression(s), " << diff.fixes.size() << " fix(es), " << others
      << " other change(s); verdict " << diff.verdict_before;
  if (diff.verdict_before != diff.verdict_after) out << " -> " << diff.verdict_after;
  out << '\n';
  return out.str();
}

int diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto parsed = cli::parse(diff_table(), args);
  if (parsed.help) {
    out << cli::render_help(conform_program(), diff_table());
    return 0;
  }
  const auto& files = parsed.positionals;
  try {
    const auto before = parse_report_outcomes(read_file(files[0]), files[0]);
    const auto after = parse_report_outcomes(read_file(files[1]), files[1]);
    const auto diff = compare_reports(before, after);
    for (const auto& warning : diff.warnings) err << "smapi-conform diff: warning: " << warning << '\n';
    out << render_diff(diff);
    return diff.regressed() ? 1 : 0;
  } catch (const ReportReadError& error) {
    err << "smapi-conform diff: " << error.what() << '\n';
    return 2;
  }
}

}  // namespace smapi::harness
