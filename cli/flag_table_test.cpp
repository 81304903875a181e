#include "cli/flag_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace smapi::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr Flag kFlags[]{
    {.name = "--target", .value_name = "TARGET", .help = "what to judge", .required = true},
    {.name = "--kind", .help = "plugin kind", .choices = "volume|datapath"},
    {.name = "--timeout", .value_name = "SECONDS", .help = "limit per call", .default_value = "30"},
    {.name = "--quiet", .help = "no progress line"},
};
constexpr Flag kReportFlags[]{
    {.name = "--report-dir", .value_name = "DIR", .help = "write reports into DIR"},
    {.name = "--format", .value_name = "LIST", .help = "which reports", .needs = "--report-dir"},
    {.name = "--config", .value_name = "FILE", .help = "answers", .conflicts = "--kind"},
    {.name = "--allow", .value_name = "NAME", .help = "admit NAME", .repeatable = true},
};
constexpr FlagGroup kGroups[]{{"options", kFlags}, {"reports", kReportFlags}};
constexpr Positional kPositionals[]{{"OLD", "the earlier file"}, {"NEW", "the later file"}};
constexpr Refusal kRefused[]{{"--no-probes", "is not allowed: it judges everything"}};
constexpr Command kRun{.name = "run",
                       .summary = "judge a plugin",
                       .description = "Judges a plugin.\n  exec:DIR  a directory",
                       .groups = kGroups,
                       .refused = kRefused,
                       .footer = "exit status: 0 good, 2 usage error"};
constexpr Command kDiff{.name = "diff", .summary = "compare two files", .positionals = kPositionals};
constexpr const Command* kCommands[]{&kRun, &kDiff};
constexpr Program kProgram{.name = "prog", .summary = "a program", .description = "A program.", .commands = kCommands};

std::string usage_error(const Command& command, std::vector<std::string> args) {
  try {
    parse(command, args);
  } catch (const UsageError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no usage error";
  return {};
}

TEST(Parse, ReadsSeparateAndInlineValuesAndSwitches) {
  const auto parsed = parse(kRun, {"--target", "exec:/p", "--kind=datapath", "--quiet", "--timeout", "5"});
  EXPECT_FALSE(parsed.help);
  EXPECT_EQ(parsed.value("--target"), "exec:/p");
  EXPECT_EQ(parsed.value("--kind"), "datapath");
  EXPECT_TRUE(parsed.has("--quiet"));
  EXPECT_EQ(parsed.value("--quiet"), "");
  EXPECT_EQ(parsed.value("--report-dir"), std::nullopt);
  ASSERT_EQ(parsed.given.size(), 4u);
  EXPECT_EQ(parsed.given[1].flag->name, "--kind");
}

TEST(Parse, ALaterValueOverridesAnEarlierOne) {
  EXPECT_EQ(parse(kRun, {"--target", "a", "--target=b"}).value("--target"), "b");
}

TEST(Parse, ARepeatableFlagKeepsEveryValue) {
  const auto parsed = parse(kRun, {"--target", "t", "--allow", "a", "--allow=b"});
  EXPECT_THAT(parsed.values("--allow"), ElementsAre("a", "b"));
  EXPECT_THAT(parsed.values("--kind"), IsEmpty());
}

TEST(Parse, HelpWinsOverEverythingElse) {
  EXPECT_TRUE(parse(kRun, {"--help"}).help);
  EXPECT_TRUE(parse(kRun, {"--frobnicate", "-h"}).help);
  EXPECT_TRUE(parse(kDiff, {"--help"}).help);
  // After "--" it is an argument.
  EXPECT_EQ(parse(kDiff, {"--", "--help", "-x"}).positionals, (std::vector<std::string>{"--help", "-x"}));
}

TEST(Parse, EachMistakeNamesTheFlagAndWhatWasWrong) {
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--frobnicate"}), "unknown option \"--frobnicate\"");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--frob=1"}), "unknown option \"--frob\"");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "-x"}), "unknown option \"-x\"");
  EXPECT_EQ(usage_error(kRun, {"--target"}), "--target: missing value");
  EXPECT_EQ(usage_error(kRun, {}), "--target is required");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--kind", "disk"}),
            "--kind: expected volume or datapath, got \"disk\"");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--quiet=yes"}), "--quiet: takes no value, got \"yes\"");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "extra"}), "unexpected argument \"extra\"");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--no-probes"}), "--no-probes is not allowed: it judges everything");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--format", "json"}), "--format has no effect without --report-dir; give both");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--config", "c", "--kind", "volume"}),
            "--config and --kind cannot be combined");
  EXPECT_EQ(usage_error(kDiff, {"old"}), "NEW is required");
  EXPECT_EQ(usage_error(kDiff, {"a", "b", "c"}), "unexpected argument \"c\"");
}

TEST(Parse, AMistypedFlagGetsTheNearestSuggested) {
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--timout", "5"}),
            "unknown option \"--timout\" (did you mean --timeout?)");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--repotr-dir=x"}),
            "unknown option \"--repotr-dir\" (did you mean --report-dir?)");
  EXPECT_EQ(usage_error(kRun, {"--target", "t", "--verbose"}), "unknown option \"--verbose\"");
  const std::string huge = "--target" + std::string(100, 'x');
  EXPECT_EQ(usage_error(kRun, {"--target", "t", huge}), "unknown option \"" + huge + "\"");
}

TEST(Parse, PositionalsInOrderAndADashIsOne) {
  EXPECT_THAT(parse(kDiff, {"a.json", "-"}).positionals, ElementsAre("a.json", "-"));
}

constexpr Positional kMergePositionals[]{{"OUT", "where"}, {.name = "IN", .help = "what", .repeated = true}};
constexpr Command kMerge{.name = "merge", .summary = "join files", .positionals = kMergePositionals};

TEST(Parse, ARepeatedLastPositionalTakesOneOrMore) {
  EXPECT_THAT(parse(kMerge, {"out", "a", "b", "c"}).positionals, ElementsAre("out", "a", "b", "c"));
  EXPECT_EQ(usage_error(kMerge, {"out"}), "IN is required");
  EXPECT_EQ(usage_error(kDiff, {"a", "b", "c"}), "unexpected argument \"c\"");
  EXPECT_THAT(render_help(kProgram, kMerge), HasSubstr("usage: prog merge OUT IN..."));
}

TEST(Parse, ChoicesAreEnumerable) {
  EXPECT_THAT(choices_of(kFlags[1]), ElementsAre("volume", "datapath"));
  EXPECT_THAT(choices_of(kFlags[0]), IsEmpty());
  EXPECT_EQ(find_flag(kRun, "--format"), &kReportFlags[1]);
  EXPECT_EQ(find_flag(kRun, "--nothing"), nullptr);
  EXPECT_EQ(find_command(kProgram, "diff"), &kDiff);
  EXPECT_EQ(find_command(kProgram, "--help"), nullptr);
}

TEST(RenderHelp, OneStyleFromTheTable) {
  EXPECT_EQ(render_help(kProgram, kRun),
            "usage: prog run --target TARGET [options]\n"
            "\n"
            "Judges a plugin.\n"
            "  exec:DIR  a directory\n"
            "\n"
            "options:\n"
            "  --target TARGET            what to judge (required)\n"
            "  --kind volume|datapath     plugin kind\n"
            "  --timeout SECONDS          limit per call (default 30)\n"
            "  --quiet                    no progress line\n"
            "\n"
            "reports:\n"
            "  --report-dir DIR           write reports into DIR\n"
            "  --format LIST              which reports (needs --report-dir)\n"
            "  --config FILE              answers (not with --kind)\n"
            "  --allow NAME               admit NAME (repeatable)\n"
            "  -h, --help                 print this help and exit\n"
            "\n"
            "not accepted here:\n"
            "  --no-probes                is not allowed: it judges everything\n"
            "\n"
            "exit status: 0 good, 2 usage error\n");
  EXPECT_EQ(render_help(kProgram, kDiff),
            "usage: prog diff OLD NEW\n"
            "\n"
            "arguments:\n"
            "  OLD                        the earlier file\n"
            "  NEW                        the later file\n"
            "\n"
            "options:\n"
            "  -h, --help                 print this help and exit\n");
}

TEST(RenderHelp, LongHelpWrapsUnderItsColumnAndLongFlagsGetTheirOwnLine) {
  static constexpr Flag flags[]{
      {.name = "--protocol",
       .help = "how http and unix targets are spoken to: JSON-RPC v1, JSON-RPC v2 or XML-RPC, over TCP "
               "or a Unix socket\n(JSON: {\"a\":1})",
       .choices = "jsonrpc|jsonrpc2|xmlrpc"}};
  static constexpr FlagGroup groups[]{{"options", flags}};
  static constexpr Command command{.name = "c", .summary = "s", .groups = groups};
  const std::string help = render_help(kProgram, command);
  EXPECT_THAT(help, HasSubstr("  --protocol jsonrpc|jsonrpc2|xmlrpc\n"
                              "                             how http and unix targets are spoken to: JSON-RPC\n"
                              "                             v1, JSON-RPC v2 or XML-RPC, over TCP or a Unix\n"
                              "                             socket\n"
                              "                             (JSON: {\"a\":1})\n"));
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), 79u) << line;
    EXPECT_THAT(line, Not(::testing::EndsWith(" "))) << line;
  }
}

TEST(RenderHelp, TheProgramListsItsCommands) {
  EXPECT_EQ(render_program_help(kProgram),
            "usage: prog COMMAND [options]\n"
            "\n"
            "A program.\n"
            "\n"
            "commands:\n"
            "  run   judge a plugin\n"
            "  diff  compare two files\n"
            "\n"
            "options:\n"
            "  -h, --help                 print this help and exit\n"
            "  --version                  print the version and exit\n"
            "\n"
            "Run 'prog COMMAND --help' for a command's options.\n");
  EXPECT_EQ(usage_hint(kProgram, "run"), "(see prog run --help)");
  EXPECT_EQ(usage_hint(kProgram, ""), "(see prog --help)");
}

TEST(TableProblems, ASoundTableHasNone) { EXPECT_THAT(table_problems(kProgram), IsEmpty()); }

TEST(TableProblems, EachMistakeIsNamed) {
  static constexpr Flag flags[]{
      {.name = "-q", .help = "short"},
      {.name = "--a", .help = "one"},
      {.name = "--a", .help = "again"},
      {.name = "--b"},
      {.name = "--c", .help = "c", .needs = "--nothing"},
      {.name = "--d", .value_name = "D", .help = "d", .default_value = "1", .required = true},
      {.name = "--help", .help = "mine"},
      {.name = "--e", .help = "a switch", .kind = ValueKind::file},
      {.name = "--f", .value_name = "F", .help = "f", .suggestions = "x||y"},
  };
  static constexpr FlagGroup groups[]{{"options", flags}};
  static constexpr Command command{.name = "bad", .groups = groups};
  static constexpr const Command* commands[]{&command};
  static constexpr EnvVar environment[]{{"NAMELESS_HELP", ""}};
  const auto problems = table_problems(Program{.name = "p", .commands = commands, .environment = environment});
  EXPECT_THAT(problems, ElementsAre("p: no summary", "p: an environment variable without a name or help",
                                    "p bad: no summary", "p bad: -q: not a --name", "p bad: --a: listed twice",
                                    "p bad: --b: no help text",
                                    "p bad: --c: needs --nothing, which the command lacks",
                                    "p bad: --d: required, with a default",
                                    "p bad: --help: --help is every command's own",
                                    "p bad: --e: a switch with a value kind, list or suggestions",
                                    "p bad: --f: an empty suggestion"));
}

}  // namespace
}  // namespace smapi::cli
