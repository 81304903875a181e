#include "harness/waivers.h"

#include "contract/json_text.h"
#include "harness/run_options.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>

namespace smapi::harness {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid(std::string_view source, const std::string& path, const std::string& what) {
  throw UsageError("--waivers: " + std::string(source) + ": " + path + ": " + what);
}

std::optional<int> digits(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// YYYY-MM-DD, a real calendar date.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const auto year = digits(text.substr(0, 4));
  const auto month = digits(text.substr(5, 2));
  const auto day = digits(text.substr(8, 2));
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string field(const json::object& waiver, std::string_view key, std::string_view source,
                  const std::string& path) {
  const auto* value = waiver.if_contains(key);
  const std::string at = path + "." + std::string(key);
  if (!value) invalid(source, at, "missing (every waiver needs id, reason, ticket and expires)");
  const auto* text = value->if_string();
  if (!text)
    invalid(source, at, "expected a string, got " + std::string(contract::json_type_name(*value)));
  if (text->empty()) invalid(source, at, "expected a non-empty string");
  return std::string(*text);
}

}  // namespace

std::vector<Waiver> parse_waivers(std::string_view text, std::string_view source,
                                  std::span<const suites::Requirement> requirements) {
  const auto parsed = contract::parse_one_json_value(
      text, contract::JsonLimits{.max_depth = kMaxWaiversDepth, .max_bytes = kMaxWaiversFileBytes});
  if (!parsed.value) invalid(source, "$", "not valid JSON: " + parsed.error);
  const auto* root = parsed.value->if_object();
  if (!root) invalid(source, "$", "expected an object {\"waivers\": [...]}");
  for (const auto& member : *root)
    if (member.key() != "waivers") invalid(source, "$." + std::string(member.key()), "unknown key");
  const auto* list_value = root->if_contains("waivers");
  if (!list_value) invalid(source, "$.waivers", "missing");
  const auto* list = list_value->if_array();
  if (!list) invalid(source, "$.waivers", "expected an array");

  std::vector<Waiver> waivers;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "$.waivers[" + std::to_string(i) + "]";
    const auto* entry = (*list)[i].if_object();
    if (!entry) invalid(source, path, "expected an object");
    for (const auto& member : *entry)
      if (member.key() != "id" && member.key() != "reason" && member.key() != "ticket" &&
          member.key() != "expires")
        invalid(source, path + "." + std::string(member.key()), "unknown key");
    Waiver waiver;
    waiver.id = field(*entry, "id", source, path);
    waiver.reason = field(*entry, "reason", source, path);
    waiver.ticket = field(*entry, "ticket", source, path);
    waiver.expires_text = field(*entry, "expires", source, path);
    const auto date = parse_date(waiver.expires_text);
    if (!date)
      invalid(source, path + ".expires",
              "expected a date YYYY-MM-DD, got " + json::serialize(json::string(waiver.expires_text)));
    waiver.expires = *date;
    const bool known = std::any_of(requirements.begin(), requirements.end(),
                                   [&](const auto& requirement) { return requirement.id == waiver.id; });
    if (!known)
      invalid(source, path + ".id",
              "no requirement " + json::serialize(json::string(waiver.id)) + " (see smapi-conform list)");
    for (const auto& earlier : waivers)
      if (earlier.id == waiver.id) invalid(source, path + ".id", waiver.id + " is waived twice");
    waivers.push_back(std::move(waiver));
  }
  return waivers;
}

std::vector<Waiver> load_waivers(const std::filesystem::path& file,
                                 std::span<const suites::Requirement> requirements) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("--waivers: cannot read " + file.string());
  std::string text;
  text.resize(kMaxWaiversFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw UsageError("--waivers: cannot read " + file.string());
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxWaiversFileBytes)
    throw UsageError("--waivers: " + file.string() + " is larger than " +
                     std::to_string(kMaxWaiversFileBytes) + " bytes");
  return parse_waivers(text, file.string(), requirements);
}

std::chrono::year_month_day utc_today() {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

void apply_waivers(suites::RunResult& run, const std::vector<Waiver>& waivers,
                   std::chrono::year_month_day today) {
  using suites::Outcome;
  using suites::WaiverProblem;
  for (const auto& waiver : waivers) {
    const std::string ticket = " (ticket " + waiver.ticket + ")";
    if (waiver.expires < today) {
      run.waiver_problems.push_back({WaiverProblem::Kind::expired, waiver.id,
                                     "expired " + waiver.expires_text + ticket + ": " + waiver.reason});
      continue;
    }
    for (auto& result : run.results) {
      if (!result.requirement || result.requirement->id != waiver.id) continue;
      if (result.outcome == Outcome::fail || result.outcome == Outcome::warn)
        result.waiver = suites::WaiverNote{waiver.reason, waiver.ticket, waiver.expires_text};
      else if (result.outcome == Outcome::pass)
        run.waiver_problems.push_back({WaiverProblem::Kind::unexpected_pass, waiver.id,
                                       "passed although waived" + ticket + "; remove the waiver"});
    }
  }
}

}  // namespace smapi::harness
