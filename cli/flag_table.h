#pragma once
// A command line described as data: one table per command (its flags,
// arguments and help text), from which both the parser and the --help text
// come, and which man pages and shell completion can enumerate. Used by
// smapi-conform and smapi-mock alike. Pure: strings in, values or text out.
//
//   constexpr cli::Flag kFlags[]{{.name = "--kind", .help = "plugin kind", .choices = "volume|datapath"}};
//   constexpr cli::FlagGroup kGroups[]{{"options", kFlags}};
//   constexpr cli::Command kList{.name = "list", .summary = "...", .groups = kGroups};
//   const cli::ParsedArgs args = cli::parse(kList, argv_tail);   // throws cli::UsageError
//   if (args.help) std::cout << cli::render_help(kProgram, kList);

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::cli {

// A bad command line; the message names the flag or argument and what was
// wrong. Programs print it on one line, then usage_hint(). Exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a value names, for shell completion (cli/bash_completion.h); the
// parser and --help do not look at it. A flag with choices offers those.
enum class ValueKind {
  text,            // anything: nothing to offer
  file,            // a path (files and directories are offered)
  directory,       // a directory
  requirement_id,  // a requirement ID of smapi-conform's catalogue
  mutant,          // a smapi-mock mutant name (smapi-mock mutants)
};

// One flag. Every flag is long ("--name"); -h is the one short form, of --help.
struct Flag {
  std::string_view name;        // "--timeout"
  std::string_view value_name;  // "SECONDS"; empty: a switch that takes no value
  std::string_view help;        // what it does; wrapped when printed, '\n' breaks a line
  std::string_view default_value;  // shown as "(default X)"; empty: none
  // The values accepted, '|'-separated ("volume|datapath"); empty: any. The
  // help shows them in place of value_name, and parse() refuses others.
  std::string_view choices;
  bool required = false;
  // Each occurrence counts (ParsedArgs::values); otherwise a later one
  // overrides an earlier one (ParsedArgs::value).
  bool repeatable = false;
  std::string_view needs;      // another flag this one is useless without
  std::string_view conflicts;  // another flag it cannot be combined with
  ValueKind kind = ValueKind::text;  // what the value names, for completion
  // The value is a comma-separated list ("json,tap"); completion offers the
  // next item after the last comma.
  bool comma_list = false;
  // Words completion offers besides what `kind` names, '|'-separated, where
  // parse() accepts others too (a list's items, "all"); unused with choices.
  std::string_view suggestions;
};

// A positional argument; each is required, exactly once, in table order,
// except that the last may be repeated: one or more.
struct Positional {
  std::string_view name;  // "BUNDLE"
  std::string_view help;
  bool repeated = false;  // the last positional only: takes the rest ("REPORT.json...")
  ValueKind kind = ValueKind::text;  // what it names, for completion
};

// Flags printed under one heading ("options", "limits", ...).
struct FlagGroup {
  std::string_view title;
  std::span<const Flag> flags;
};

// A flag a command refuses, and why: "--no-probes" in certify, which takes
// run's flag groups otherwise. A refusal overrides the groups; help lists it
// apart. The message is NAME + " " + reason.
struct Refusal {
  std::string_view name;
  std::string_view reason;
};

// One subcommand: everything its parser and its --help need.
struct Command {
  std::string_view name;     // "run"
  std::string_view summary;  // one line, for the program's command list
  // Free text after the usage line, printed as written (lists of forms ...).
  std::string_view description;
  std::span<const Positional> positionals;
  std::span<const FlagGroup> groups;
  std::span<const Refusal> refused;
  std::string_view footer;  // e.g. "exit status: 0 ..., 2 usage error"
};

// An environment variable a program reads (its man page lists them).
struct EnvVar {
  std::string_view name;  // "NO_COLOR"
  std::string_view help;
};

// A program: its commands and the text around them.
struct Program {
  std::string_view name;         // "smapi-conform"
  std::string_view summary;      // one line: the man page's NAME
  std::string_view description;  // printed under the usage line
  std::span<const Command* const> commands;
  std::string_view footer;
  std::span<const EnvVar> environment;
};

// The flags every command and program answers besides its table's.
inline constexpr std::string_view kHelpFlag = "--help";
inline constexpr std::string_view kHelpShort = "-h";

// What a command line said. Values are kept as given, in order, so a
// command can pass some of them on (certify hands run flags to run).
struct ParsedArgs {
  struct Given {
    const Flag* flag;
    std::string value;  // empty for a switch
  };
  bool help = false;  // --help or -h: nothing else was checked
  std::vector<Given> given;
  std::vector<std::string> positionals;

  bool has(std::string_view name) const;
  // The value of the last occurrence of a flag (a later one overrides).
  std::optional<std::string> value(std::string_view name) const;
  // Every occurrence's value, in order (for a repeatable flag).
  std::vector<std::string> values(std::string_view name) const;
};

// Reads a command's arguments (those after its name). "--flag VALUE" and
// "--flag=VALUE" are alike; "--" ends the flags. Throws UsageError for an
// unknown or refused flag, a missing value, a value outside the choices, a
// value given to a switch, a missing required flag or positional, an extra
// positional, and a broken `needs` or `conflicts`.
ParsedArgs parse(const Command& command, const std::vector<std::string>& args);

// The command named `name` in a program's table, or nullptr.
const Command* find_command(const Program& program, std::string_view name);

// The flag named `name` in a command's table, or nullptr.
const Flag* find_flag(const Command& command, std::string_view name);

// A flag's choices, split: "volume|datapath" -> {"volume", "datapath"}.
std::vector<std::string_view> choices_of(const Flag& flag);

// A flag's suggestions, split like its choices.
std::vector<std::string_view> suggestions_of(const Flag& flag);

// What a flag's help line says: its help, then its notes, "(default X)",
// "(required)", "(repeatable)", "(needs --y)", "(not with --z)". The man
// page shows the same text.
std::string flag_help_text(const Flag& flag);

// Whether a command refuses the flag named `name` (Command::refused).
bool is_refused(const Command& command, std::string_view name);

// What --help prints for a command: the usage line, description, arguments,
// each flag group, then -h/--help and the footer.
std::string render_help(const Program& program, const Command& command);

// What the program's own --help prints: usage, description, the commands
// with their summaries, --help and --version, footer.
std::string render_program_help(const Program& program);

// The line after a usage error: "(see smapi-conform run --help)";
// command empty: "(see smapi-conform --help)".
std::string usage_hint(const Program& program, std::string_view command);

// Mistakes in a program's tables (a flag twice in one command, a name that is
// not "--x", empty help, a `needs` naming no flag ...); empty when sound.
std::vector<std::string> table_problems(const Program& program);

}  // namespace smapi::cli
