// Parsing a command line against its table (flag_table.h).

#include "cli/edit_distance.h"
#include "cli/flag_table.h"

#include <algorithm>

namespace smapi::cli {
namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "a", "a or b", "a, b or c".
std::string one_of(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// How far a mistyped flag may be from a known one to be suggested: two
// edits catch a dropped, doubled or swapped letter without guessing wildly.
constexpr std::size_t kMaxSuggestionDistance = 2;
// No suggestion for a longer unknown flag: it is not a typo, and the
// distance costs its length times every flag's.
constexpr std::size_t kMaxSuggestedLength = 64;

// " (did you mean --repeat?)" for "--repet"; empty when nothing is near.
std::string suggestion(const Command& command, std::string_view name) {
  if (name.size() > kMaxSuggestedLength) return {};
  std::string_view best;
  std::size_t best_distance = kMaxSuggestionDistance + 1;
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags) {
      const std::size_t distance = edit_distance(name, flag.name);
      if (distance < best_distance) {
        best = flag.name;
        best_distance = distance;
      }
    }
  return best.empty() ? std::string() : " (did you mean " + std::string(best) + "?)";
}

bool is_help(std::string_view arg) { return arg == kHelpFlag || arg == kHelpShort; }

// Flags look like "--x" or "-x"; "-" alone is an argument (stdin, by custom).
bool looks_like_flag(std::string_view arg) { return arg.size() > 1 && arg.front() == '-'; }

void check_value(const Flag& flag, const std::string& value) {
  if (flag.choices.empty()) return;
  const auto allowed = choices_of(flag);
  if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
    throw UsageError(std::string(flag.name) + ": expected " + one_of(allowed) + ", got " + quoted(value));
}

void check_relations(const Command& command, const ParsedArgs& parsed) {
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags) {
      const bool given = parsed.has(flag.name);
      if (flag.required && !given) throw UsageError(std::string(flag.name) + " is required");
      if (given && !flag.needs.empty() && !parsed.has(flag.needs))
        throw UsageError(std::string(flag.name) + " has no effect without " + std::string(flag.needs) +
                         "; give both");
      if (given && !flag.conflicts.empty() && parsed.has(flag.conflicts))
        throw UsageError(std::string(flag.name) + " and " + std::string(flag.conflicts) +
                         " cannot be combined");
    }
}

}  // namespace

bool ParsedArgs::has(std::string_view name) const {
  return std::any_of(given.begin(), given.end(), [&](const Given& g) { return g.flag->name == name; });
}

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  for (auto it = given.rbegin(); it != given.rend(); ++it)
    if (it->flag->name == name) return it->value;
  return std::nullopt;
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& g : given)
    if (g.flag->name == name) out.push_back(g.value);
  return out;
}

const Command* find_command(const Program& program, std::string_view name) {
  for (const Command* command : program.commands)
    if (command->name == name) return command;
  return nullptr;
}

const Flag* find_flag(const Command& command, std::string_view name) {
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags)
      if (flag.name == name) return &flag;
  return nullptr;
}

namespace {
// "a|b" -> {"a", "b"}; "" -> {}.
std::vector<std::string_view> split_bars(std::string_view rest) {
  std::vector<std::string_view> out;
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    out.push_back(rest.substr(0, bar));
    rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
  }
  return out;
}
}  // namespace

std::vector<std::string_view> choices_of(const Flag& flag) { return split_bars(flag.choices); }

std::vector<std::string_view> suggestions_of(const Flag& flag) { return split_bars(flag.suggestions); }

ParsedArgs parse(const Command& command, const std::vector<std::string>& args) {
  ParsedArgs parsed;
  // --help wins over anything else on the line, mistakes included.
  for (const auto& arg : args) {
    if (arg == "--") break;
    if (is_help(arg)) {
      parsed.help = true;
      return parsed;
    }
  }
  bool flags_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || !looks_like_flag(arg)) {
      const bool takes_more = !command.positionals.empty() && command.positionals.back().repeated;
      if (parsed.positionals.size() >= command.positionals.size() && !takes_more)
        throw UsageError("unexpected argument " + quoted(arg));
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string> inline_value;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      name = std::string_view(arg).substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    for (const auto& refusal : command.refused)
      if (refusal.name == name) throw UsageError(std::string(name) + " " + std::string(refusal.reason));
    const Flag* flag = find_flag(command, name);
    if (!flag) throw UsageError("unknown option " + quoted(name) + suggestion(command, name));
    std::string value;
    if (flag->value_name.empty() && flag->choices.empty()) {
      if (inline_value) throw UsageError(std::string(name) + ": takes no value, got " + quoted(*inline_value));
    } else if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw UsageError(std::string(name) + ": missing value");
    }
    check_value(*flag, value);
    parsed.given.push_back({flag, std::move(value)});
  }
  if (parsed.positionals.size() < command.positionals.size())
    throw UsageError(std::string(command.positionals[parsed.positionals.size()].name) + " is required");
  check_relations(command, parsed);
  return parsed;
}

}  // namespace smapi::cli
