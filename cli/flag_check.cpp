// A program's tables checked for mistakes (flag_table.h table_problems).

#include "cli/flag_table.h"

#include <set>

namespace smapi::cli {

std::vector<std::string> table_problems(const Program& program) {
  std::vector<std::string> problems;
  std::set<std::string_view> commands;
  if (program.summary.empty()) problems.push_back(std::string(program.name) + ": no summary");
  for (const auto& env : program.environment)
    if (env.name.empty() || env.help.empty())
      problems.push_back(std::string(program.name) + ": an environment variable without a name or help");
  for (const Command* command : program.commands) {
    const std::string where = std::string(program.name) + " " + std::string(command->name) + ": ";
    if (!commands.insert(command->name).second) problems.push_back(where + "command listed twice");
    if (command->summary.empty()) problems.push_back(where + "no summary");
    std::set<std::string_view> names;
    for (const auto& group : command->groups) {
      if (group.title.empty()) problems.push_back(where + "a flag group without a title");
      for (const auto& flag : group.flags) {
        const std::string about = where + std::string(flag.name) + ": ";
        if (!flag.name.starts_with("--") || flag.name.size() < 3) problems.push_back(about + "not a --name");
        if (flag.name == kHelpFlag) problems.push_back(about + "--help is every command's own");
        if (!names.insert(flag.name).second) problems.push_back(about + "listed twice");
        if (flag.help.empty()) problems.push_back(about + "no help text");
        if (flag.required && !flag.default_value.empty()) problems.push_back(about + "required, with a default");
        if (!flag.needs.empty() && !find_flag(*command, flag.needs))
          problems.push_back(about + "needs " + std::string(flag.needs) + ", which the command lacks");
        if (!flag.conflicts.empty() && !find_flag(*command, flag.conflicts))
          problems.push_back(about + "conflicts with " + std::string(flag.conflicts) + ", which the command lacks");
        for (const auto choice : choices_of(flag))
          if (choice.empty()) problems.push_back(about + "an empty choice");
        const bool takes_value = !flag.value_name.empty() || !flag.choices.empty();
        if (!takes_value && (flag.kind != ValueKind::text || flag.comma_list || !flag.suggestions.empty()))
          problems.push_back(about + "a switch with a value kind, list or suggestions");
        for (const auto suggestion : suggestions_of(flag))
          if (suggestion.empty()) problems.push_back(about + "an empty suggestion");
      }
    }
    for (const auto& refusal : command->refused)
      if (!refusal.name.starts_with("--") || refusal.reason.empty())
        problems.push_back(where + std::string(refusal.name) + ": a refusal needs a --name and a reason");
    for (const auto& positional : command->positionals) {
      if (positional.name.empty() || positional.help.empty())
        problems.push_back(where + "a positional argument without a name or help");
      if (positional.repeated && &positional != &command->positionals.back())
        problems.push_back(where + std::string(positional.name) + ": only the last positional may be repeated");
    }
  }
  return problems;
}

}  // namespace smapi::cli
