#include "harness/fleet_plan.h"

#include "harness/plugin_tree.h"
#include "harness/shard.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace smapi::harness {
namespace {

// A member's options: the fleet's, with this one target.
RunOptions member_options(const RunOptions& fleet, const TargetSpec& target) {
  RunOptions options = fleet;
  options.target = target;
  options.targets = {target};
  options.shard.reset();
  return options;
}

std::string without_trailing_slashes(std::string text) {
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

FleetPlan plan_fleet(const RunOptions& options) {
  std::map<std::string, RunOptions> by_name;  // sorted by name
  const auto add = [&](const std::string& name, RunOptions member) {
    if (!by_name.emplace(name, std::move(member)).second)
      throw UsageError("--target: the plugin \"" + name + "\" is named twice in the fleet");
  };
  const bool several = options.targets.size() > 1;
  for (const auto& target : options.targets) {
    if (target.kind != TargetSpec::Kind::tree) {
      add(target.text, member_options(options, target));
      continue;
    }
    std::vector<TreePlugin> plugins;
    try {
      plugins = discover_plugin_tree(target.directory);
    } catch (const std::runtime_error& error) {
      throw UsageError("--target: " + std::string(error.what()));
    }
    if (plugins.empty())
      throw UsageError("--target: \"" + target.text + "\" holds " + kVolumeDir + "/ or " + kDatapathDir +
                       "/ but no plugin directory in them");
    for (const auto& plugin : plugins) {
      TargetSpec spec;
      spec.kind = TargetSpec::Kind::exec;
      spec.directory = plugin.path;
      spec.text = plugin.path.string();
      auto member = member_options(options, spec);
      member.kind = plugin.kind;
      add(several ? without_trailing_slashes(target.text) + "/" + plugin.name : plugin.name, std::move(member));
    }
  }

  FleetPlan plan;
  plan.shard = options.shard;
  for (const auto& [name, member] : by_name) plan.discovered.push_back(name);
  const auto share = options.shard ? names_in_shard(plan.discovered, *options.shard) : plan.discovered;
  for (const auto& name : share) plan.members.push_back({name, by_name.at(name)});
  return plan;
}

}  // namespace smapi::harness
