#include "harness/merge_command.h"

#include "cli/flag_table.h"
#include "harness/command_tables.h"
#include "harness/run_options.h"
#include "reports/fleet_reports.h"
#include "reports/fleet_summary.h"
#include "reports/report_dir.h"
#include "suites/catalogue.h"

#include <algorithm>
#include <map>
#include <set>

namespace smapi::harness {
namespace {

suites::Shard shard_of(const suites::FleetResult& fleet) { return fleet.shard.value_or(suites::Shard{1, 1}); }

std::string shard_text(suites::Shard shard) {
  return "shard " + std::to_string(shard.index) + " of " + std::to_string(shard.count);
}

// "a, b, c and 4 more"
std::string names_text(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kMergeNamesShown; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > kMergeNamesShown) out += " and " + std::to_string(names.size() - kMergeNamesShown) + " more";
  return out;
}

// Why the inputs cannot be merged, or "".
std::string refusal(const std::vector<MergeInput>& inputs) {
  const MergeInput& first = inputs.front();
  const suites::Shard first_shard = shard_of(first.fleet);
  std::map<unsigned, const MergeInput*> by_index;
  std::map<std::string, const MergeInput*> by_plugin;
  for (const auto& input : inputs) {
    const suites::Shard shard = shard_of(input.fleet);
    if (shard.count != first_shard.count)
      return first.source + " is " + shard_text(first_shard) + " but " + input.source + " is " + shard_text(shard) +
             ": the shards of one run have one count";
    if (const auto [at, fresh] = by_index.emplace(shard.index, &input); !fresh)
      return at->second->source + " and " + input.source + " are both " + shard_text(shard);
    if (input.fleet.discovered != first.fleet.discovered)
      return first.source + " and " + input.source + " discovered different plugins: they are not shards of one run";
    if (input.fleet.policy.fail_on != first.fleet.policy.fail_on)
      return first.source + " was judged with --fail-on " + std::string(suites::to_string(first.fleet.policy.fail_on)) +
             " but " + input.source + " with --fail-on " + std::string(suites::to_string(input.fleet.policy.fail_on));
    for (const auto& member : input.fleet.members)
      if (const auto [at, fresh] = by_plugin.emplace(member.name, &input); !fresh)
        return member.name + " is in both " + at->second->source + " and " + input.source +
               ": the shards overlap";
  }
  std::vector<std::string> missing_shards;
  for (unsigned index = 1; index <= first_shard.count; ++index)
    if (!by_index.count(index)) missing_shards.push_back(std::to_string(index));
  if (!missing_shards.empty())
    return "missing shard " + names_text(missing_shards) + " of " + std::to_string(first_shard.count) +
           ": merge needs the report of every shard";
  // An interrupted shard never judged some of its plugins: the merged fleet
  // stays interrupted and says so.
  const bool interrupted = std::any_of(inputs.begin(), inputs.end(), [](const MergeInput& input) {
    return input.fleet.interruption.has_value();
  });
  std::vector<std::string> uncovered;
  for (const auto& name : first.fleet.discovered)
    if (!by_plugin.count(name)) uncovered.push_back(name);
  if (!uncovered.empty() && !interrupted)
    return "no report covers " + names_text(uncovered) + " (discovered, but in no shard): a shard's report is missing";
  return "";
}

}  // namespace

MergeOutcome merge_fleets(const std::vector<MergeInput>& inputs) {
  if (inputs.empty()) return {std::nullopt, "no report to merge"};
  if (std::string why = refusal(inputs); !why.empty()) return {std::nullopt, std::move(why)};
  suites::FleetResult merged;
  const suites::FleetResult& first = inputs.front().fleet;
  merged.tool_version = first.tool_version;
  merged.started_at = first.started_at;
  merged.discovered = first.discovered;
  merged.policy = first.policy;
  for (const auto& input : inputs) {
    const auto& fleet = input.fleet;
    if (!fleet.started_at.empty() && (merged.started_at.empty() || fleet.started_at < merged.started_at))
      merged.started_at = fleet.started_at;
    merged.duration = std::max(merged.duration, fleet.duration);
    if (fleet.interruption && !merged.interruption) merged.interruption = fleet.interruption;
    merged.members.insert(merged.members.end(), fleet.members.begin(), fleet.members.end());
  }
  std::sort(merged.members.begin(), merged.members.end(),
            [](const suites::FleetMember& a, const suites::FleetMember& b) { return a.name < b.name; });
  merged.verdict = suites::fleet_verdict(merged);
  return {std::move(merged), ""};
}

int merge_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool colour) {
  const auto parsed = cli::parse(merge_table(), args);
  if (parsed.help) {
    out << cli::render_help(conform_program(), merge_table());
    return 0;
  }
  std::vector<reports::ReportFormat> formats = reports::default_report_formats();
  if (const auto format = parsed.value("--format")) {
    auto list = reports::parse_format_list(*format);
    if (!list.error.empty()) throw UsageError("--format: " + list.error);
    formats = std::move(list.formats);
  }
  const std::filesystem::path out_dir = parsed.positionals[0];
  const std::vector<std::string> files(parsed.positionals.begin() + 1, parsed.positionals.end());
  const auto fail = [&](const std::string& message) {
    err << "smapi-conform merge: " << message << '\n';
    return 2;
  };

  // Catalogue versions first: a report of another catalogue cannot be read
  // against this one, and the mismatch is the thing to say.
  std::optional<std::pair<std::string, std::string>> first_version;  // file, version
  for (const auto& file : files) {
    const auto header = reports::load_report_header(file);
    if (!header.value) return fail(header.error);
    const std::string& version = header.value->catalogue_version;
    if (!first_version) first_version = {file, version};
    if (version != first_version->second)
      return fail(first_version->first + " and " + file + " are from different catalogue versions (" +
                  first_version->second + " and " + version + ")");
  }
  std::vector<MergeInput> inputs;
  for (const auto& file : files) {
    auto report = reports::load_report(file, suites::catalogue());
    if (!report.value) return fail(report.error);
    inputs.push_back({file, std::move(report.value->fleet)});
  }
  const MergeOutcome merged = merge_fleets(inputs);
  if (!merged.fleet) return fail(merged.error);

  if (const auto problem = reports::prepare_report_dir(out_dir); !problem.empty()) return fail("OUT_DIR: " + problem);
  out << "merged " << files.size() << (files.size() == 1 ? " report\n" : " reports\n");
  reports::print_fleet_summary(out, *merged.fleet, colour);
  out << "reports:";
  for (const auto& file : reports::write_fleet_reports(*merged.fleet, suites::catalogue(), out_dir, formats))
    out << ' ' << file.string();
  out << '\n';
  return suites::exit_status(*merged.fleet);
}

}  // namespace smapi::harness
