// The bash completions the build wrote (build/share/bash-completion), tried
// in bash: sourced, registered (complete -p), then asked to complete as bash
// would, COMP_WORDS and COMP_CWORD set and the function called. The cases
// come from walking the tables, the catalogue and the mutants, so a new
// command, flag, choice, requirement-ID flag or mutant is tried without an
// edit here.

#include "cli/bash_completion.h"
#include "fixtures/e2e/process.h"
#include "harness/command_tables.h"
#include "mock_plugin/command_tables.h"
#include "mock_plugin/mutants.h"
#include "reports/report_formats.h"
#include "suites/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <unistd.h>

namespace smapi::cli {
namespace {

namespace fs = std::filesystem;
using Words = std::set<std::string>;

constexpr Flag kBadFlags[]{{.name = "--pick", .value_name = "X", .help = "one", .kind = ValueKind::mutant}};
constexpr FlagGroup kBadGroups[]{{"options", kBadFlags}};
constexpr Command kBadCommand{.name = "pick", .summary = "pick", .groups = kBadGroups};
constexpr const Command* kBadCommands[]{&kBadCommand};
constexpr Program kBadProgram{.name = "prog", .summary = "a program", .commands = kBadCommands};

TEST(RenderBashCompletion, RefusesAWordTheScriptCouldNotHoldUnquoted) {
  EXPECT_NO_THROW(render_bash_completion(kBadProgram, {.mutants = {"GOOD-NAME"}}));
  try {
    render_bash_completion(kBadProgram, {.mutants = {"BAD NAME'"}});
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("mutant name \"BAD NAME'\""));
  }
  EXPECT_EQ(completion_function("smapi-conform"), "_smapi_conform");
}

// One scripted completion: the words on the line, the last one being
// completed, and the replies expected.
struct Completion {
  const Program* program;
  std::vector<std::string> words;  // after the program's name
  Words expected;
};

std::string completion_file(const Program& program) {
  return std::string(SMAPI_SHARE_BUILD_DIR) + "/bash-completion/completions/" + std::string(program.name);
}

std::string single_quoted(const std::string& word) { return "'" + word + "'"; }

// Runs every completion in one bash, inside `dir`, with the scripts sourced
// (by default the two the build wrote); the replies of each.
std::vector<Words> complete_in_bash(const std::vector<Completion>& completions, const fs::path& dir,
                                    std::vector<std::string> scripts = {}) {
  if (scripts.empty())
    scripts = {completion_file(harness::conform_program()), completion_file(mock::mock_program())};
  std::string script = "set -u\n";
  for (const auto& file : scripts) script += "source " + single_quoted(file) + "\n";
  script += "cd " + single_quoted(dir.string()) +
            "\n"
            "c() {\n"
            "  local f=$1; shift\n"
            "  COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMPREPLY=()\n"
            "  \"$f\"\n"
            "  local IFS=' '; echo \"@@${COMPREPLY[*]}\"\n"
            "}\n";
  for (const auto& completion : completions) {
    script += "c " + completion_function(completion.program->name) + " " + std::string(completion.program->name);
    for (const auto& word : completion.words) script += " " + single_quoted(word);
    script += "\n";
  }
  const fs::path file = dir / "cases.bash";
  std::ofstream(file) << script;
  const auto bash = e2e::run({"/usr/bin/env", "bash", "--norc", "--noprofile", file.string()});
  EXPECT_EQ(bash.exit_status, 0);
  EXPECT_EQ(bash.err, "");
  std::vector<Words> out;
  std::istringstream lines(bash.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("@@")) continue;
    Words replies;
    std::istringstream words(line.substr(2));
    for (std::string word; words >> word;) replies.insert(word);
    out.push_back(replies);
  }
  return out;
}

void expect_completions(const std::vector<Completion>& completions, const fs::path& dir,
                        std::vector<std::string> scripts = {}) {
  const auto replies = complete_in_bash(completions, dir, std::move(scripts));
  ASSERT_EQ(replies.size(), completions.size());
  for (std::size_t i = 0; i < completions.size(); ++i) {
    std::string line(completions[i].program->name);
    for (const auto& word : completions[i].words) line += " '" + word + "'";
    EXPECT_EQ(replies[i], completions[i].expected) << line;
  }
}

fs::path scratch_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("smapi-completion-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<const Program*> programs() { return {&harness::conform_program(), &mock::mock_program()}; }

Words flags_of(const Command& command) {
  Words out{"--help"};
  for (const auto& group : command.groups)
    for (const auto& flag : group.flags)
      if (!is_refused(command, flag.name)) out.emplace(flag.name);
  return out;
}

// A command's flags once `given` is on the line: without it, unless it is repeatable.
Words flags_left(const Command& command, const std::string& given) {
  Words out = flags_of(command);
  const Flag* flag = find_flag(command, given);
  if (flag != nullptr && !flag->repeatable) out.erase(given);
  return out;
}

Words requirement_ids(std::string_view prefix = {}) {
  Words out;
  for (const auto& requirement : suites::catalogue())
    if (requirement.id.starts_with(prefix)) out.emplace(requirement.id);
  return out;
}

Words mutant_names() {
  Words out;
  for (const auto& mutant : mock::mutants()) out.emplace(mutant.name);
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A flag whose entry says it takes requirement IDs gets them, whatever its
// name: here a comma list with a suggestion besides the IDs.
constexpr Flag kPickFlags[]{{.name = "--pick",
                             .value_name = "TERMS",
                             .help = "which",
                             .kind = ValueKind::requirement_id,
                             .comma_list = true,
                             .suggestions = "all"}};
constexpr FlagGroup kPickGroups[]{{"options", kPickFlags}};
constexpr Command kPickCommand{.name = "pick", .summary = "pick", .groups = kPickGroups};
constexpr const Command* kPickCommands[]{&kPickCommand};
constexpr Program kPickProgram{.name = "picker", .summary = "a program", .commands = kPickCommands};

TEST(RenderBashCompletion, AnyRequirementIdFlagCompletesIdsItemByItemInAnyCase) {
  const fs::path dir = scratch_dir("pick");
  const std::string file = (dir / "picker").string();
  std::ofstream(file) << render_bash_completion(kPickProgram, {.requirement_ids = {"QUERY-A", "QUERY-B", "LS-A"}});
  expect_completions({{&kPickProgram, {"pick", "--pick", ""}, {"QUERY-A", "QUERY-B", "LS-A", "all"}},
                      {&kPickProgram, {"pick", "--pick", "query-"}, {"QUERY-A", "QUERY-B"}},
                      {&kPickProgram, {"pick", "--pick", "QUERY-A,l"}, {"QUERY-A,LS-A"}},
                      {&kPickProgram, {"pick", "--pick", "a"}, {"all"}}},
                     dir, {file});
}

TEST(BuiltBashCompletion, IsRegisteredForBothPrograms) {
  for (const Program* program : programs()) {
    const auto bash = e2e::run({"/usr/bin/env", "bash", "--norc", "--noprofile", "-c",
                                "source \"$1\" && complete -p \"$2\"", "bash", completion_file(*program),
                                std::string(program->name)});
    EXPECT_EQ(bash.exit_status, 0) << bash.err;
    EXPECT_EQ(bash.out, "complete -F " + completion_function(program->name) + " " + std::string(program->name) + "\n");
  }
}

TEST(BuiltBashCompletion, CompletesCommandsAndEachCommandsFlagsNotYetGiven) {
  std::vector<Completion> cases;
  for (const Program* program : programs()) {
    Words commands;
    for (const Command* command : program->commands) commands.emplace(command->name);
    cases.push_back({program, {""}, commands});
    cases.push_back({program, {"-"}, {"-h", "--help", "--version"}});
    for (const Command* command : program->commands) {
      const std::string name(command->name);
      cases.push_back({program, {name.substr(0, 3)}, {}});
      for (const auto& other : commands)
        if (other.starts_with(name.substr(0, 3))) cases.back().expected.insert(other);
      cases.push_back({program, {name, "--"}, flags_of(*command)});
      // Each flag once given is offered again only when it is repeatable.
      for (const auto& group : command->groups)
        for (const auto& flag : group.flags) {
          if (is_refused(*command, flag.name)) continue;
          std::vector<std::string> words{name, std::string(flag.name)};
          if (!flag.value_name.empty() || !flag.choices.empty()) words.emplace_back("x");
          words.emplace_back("--");
          cases.push_back({program, words, flags_left(*command, std::string(flag.name))});
          words[1] += "=x";  // --flag=VALUE in one word counts too
          if (words.size() == 4) words.erase(words.begin() + 2);
          else continue;
          cases.push_back({program, words, flags_left(*command, std::string(flag.name))});
        }
    }
  }
  expect_completions(cases, scratch_dir("flags"));
}

TEST(BuiltBashCompletion, CompletesFlagValuesInEveryForm) {
  std::vector<Completion> cases;
  for (const Program* program : programs())
    for (const Command* command : program->commands)
      for (const auto& group : command->groups)
        for (const auto& flag : group.flags) {
          if (is_refused(*command, flag.name)) continue;
          const std::string cmd(command->name), name(flag.name);
          Words values;
          for (const auto choice : choices_of(flag)) values.emplace(choice);
          if (flag.kind == ValueKind::requirement_id) values = requirement_ids();
          if (flag.kind == ValueKind::mutant) values = mutant_names();
          for (const auto suggestion : suggestions_of(flag)) values.emplace(suggestion);
          if (values.empty()) continue;
          cases.push_back({program, {cmd, name, ""}, values});
          cases.push_back({program, {cmd, name, "=", ""}, values});  // bash split "--flag=" at '='
          Words joined;
          for (const auto& value : values) joined.insert(name + "=" + value);
          cases.push_back({program, {cmd, name + "="}, joined});  // bash-completion keeps it one word
          // IDs and mutant names in any case, as the programs take them.
          if (flag.kind == ValueKind::requirement_id || flag.kind == ValueKind::mutant) {
            const std::string first = *values.begin();
            const std::string prefix = first.substr(0, first.find('-') + 1);
            Words expected;
            for (const auto& value : values)
              if (value.starts_with(prefix)) expected.insert(value);
            cases.push_back({program, {cmd, name, lower(prefix)}, expected});
          }
        }
  ASSERT_FALSE(cases.empty());
  expect_completions(cases, scratch_dir("values"));
}

TEST(BuiltBashCompletion, CompletesRequirementIdsAfterExplainInAnyCase) {
  const Program& conform = harness::conform_program();
  expect_completions({{&conform, {"explain", ""}, requirement_ids()},
                      {&conform, {"explain", "query-"}, requirement_ids("QUERY-")},
                      {&conform, {"explain", "QUERY-"}, requirement_ids("QUERY-")},
                      // One ID given: nothing more is due but the flags.
                      {&conform, {"explain", "QUERY-STABLE", ""}, {"-h", "--help"}}},
                     scratch_dir("explain"));
}

TEST(BuiltBashCompletion, CompletesAReportFormatListItemByItem) {
  const Program& conform = harness::conform_program();
  expect_completions({{&conform, {"run", "--format", "json,ju"}, {"json,junit"}},
                      {&conform, {"run", "--format=json,s"}, {"--format=json,sarif"}},
                      {&conform, {"run", "--format", "t"}, {"tap"}},
                      {&conform, {"list", "--format", "m"}, {"markdown"}}},
                     scratch_dir("format"));
}

// What --format's completion suggests is what the report writers take.
TEST(BuiltBashCompletion, RunFormatSuggestionsAreTheReportFormats) {
  const Flag* format = find_flag(harness::run_table(), "--format");
  ASSERT_NE(format, nullptr);
  Words suggested;
  for (const auto word : suggestions_of(*format)) suggested.emplace(word);
  Words formats{"all"};
  for (const auto each : reports::parse_format_list("all").formats) formats.emplace(reports::format_name(each));
  EXPECT_EQ(suggested, formats);
}

TEST(BuiltBashCompletion, CompletesMutantNames) {
  const Program& mock = mock::mock_program();
  expect_completions({{&mock, {"serve", "--mutant", ""}, mutant_names()},
                      {&mock, {"plugin-dir", "out", "--mutant", ""}, mutant_names()}},
                     scratch_dir("mutants"));
}

TEST(BuiltBashCompletion, CompletesPathsByKindAndSkipsFlagValuesWhenCountingPositionals) {
  const fs::path dir = scratch_dir("paths");
  fs::create_directory(dir / "wa-dir");
  std::ofstream(dir / "waivers.json") << "{}";
  const Program& conform = harness::conform_program();
  const Command& run = *find_command(conform, "run");
  // The flags offered after `given` (an empty word matches -h too).
  const auto after = [&run](const std::string& given) {
    Words out = flags_left(run, given);
    out.insert("-h");
    return out;
  };
  expect_completions({{&conform, {"run", "--waivers", "wa"}, {"wa-dir", "waivers.json"}},
                      {&conform, {"run", "--report-dir", "wa"}, {"wa-dir"}},
                      // bash splits "--target exec:wa" at ':'; the part after it is completed.
                      {&conform, {"run", "--target", "exec", ":", "wa"}, {"wa-dir"}},
                      {&conform, {"run", "--target", "exec", ":", "wa-dir", ""}, after("--target")},
                      {&conform, {"diff", "--help", "wa"}, {"wa-dir", "waivers.json"}},
                      {&conform, {"run", "--timeout", ""}, {}},  // a number: nothing to offer
                      {&conform, {"run", "--timeout", "5", ""}, after("--timeout")},
                      {&conform, {"run", "--timeout", "=", "5", ""}, after("--timeout")},
                      {&conform, {"run", "--quiet", ""}, after("--quiet")}},
                     dir);
}

}  // namespace
}  // namespace smapi::cli
